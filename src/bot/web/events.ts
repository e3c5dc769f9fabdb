/**
 * What the web chat's page shows, as the events of one chat's log (chat-log.ts): a message from
 * the visitor or from the desk, the buttons of an earlier message taken away, an earlier message
 * changed in place. The page folds them in log order; they are JSON in Redis and on the wire.
 */
export interface WebButton {
  label: string;
  /** The engine's payload (`o…`, `a.…`, `l`), handed back untouched when pressed. */
  payload: string;
}

export interface WebContent {
  text: string;
  /** A list's items, one a line. */
  items?: string[];
  buttons?: WebButton[];
  /** A pick-one list (a select). */
  select?: { placeholder: string; options: WebButton[] };
  /** The desk asks for a phone number: the page shows a phone field with this button label. */
  contact?: { label: string };
  /** A photo the desk holds as another platform's file: the page says it cannot show it. */
  photo?: { caption?: string };
}

export interface WebMessage extends WebContent {
  kind: "message";
  from: "visitor" | "desk";
  /** The turn this answers the visitor in (its id): its buttons are live until the next turn's answer. */
  turn?: string;
  at: string;
}

export type WebEvent =
  | WebMessage
  | { kind: "clear"; target: string }
  | ({ kind: "update"; target: string } & WebContent);

/** An event as it is stored: its id in the chat's log (a Redis stream id, `<ms>-<seq>`). */
export type LoggedEvent = WebEvent & { id: string };
