import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../../log";

/**
 * Bolt's and the Web API client's log lines, in the service's own log (pino), under "slack". At
 * debug the Web API client logs each request with its body (message texts, customers' phones):
 * debug lines keep their strings only, never an object's contents.
 */
export function slackLogger(log: Logger): SlackLogger {
  const child = log.child({ component: "slack" });
  let level = LogLevel.INFO;
  const at =
    (method: "debug" | "info" | "warn" | "error") =>
    (...messages: unknown[]) =>
      child[method](messages.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" "));
  return {
    debug: (...messages: unknown[]) => child.debug(withoutBodies(messages)),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * A debug line without the payloads in it: objects dropped, and a string cut where JSON starts
 * ("http request body: {…}", Bolt's JSON.stringify(body), "ack() … (body: {…})").
 */
function withoutBodies(messages: readonly unknown[]): string {
  return messages
    .filter((m): m is string | number => typeof m === "string" || typeof m === "number")
    .map((m) => {
      const text = String(m);
      const json = text.search(/[{[]/);
      return json < 0 ? text : `${text.slice(0, json).trimEnd()} (body not logged)`;
    })
    .join(" ");
}
