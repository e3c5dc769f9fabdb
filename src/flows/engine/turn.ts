import type { MessageKey, Params } from "../../domain/messages";
import type {
  ActiveFlow,
  Flow,
  FlowContext,
  Intercepted,
  Reply,
  RoutableInput,
  Routed,
  Step,
} from "../types";
import { allowed, type FlowTable } from "./flow-table";
import type { Session } from "./sessions";

/** What the desk plugs into the engine: the menu, /help, and where typed text outside a flow goes. */
export interface EngineHooks {
  /** What /start and /menu show, and what follows an expired button or a lost session. */
  menu(ctx: FlowContext): Reply[];
  /**
   * The menu again, for typed text right after the menu answered typed text: shorter, so that a
   * person typing on is not shown the same menu each time (default: the menu).
   */
  menuAgain?(ctx: FlowContext): Reply[];
  /** What /help shows (default: the customer help). */
  help?(ctx: FlowContext): Reply[];
  /** Text or a photo sent outside any flow: the flow it starts, if any (a tracking number starts tracking). */
  route?(ctx: FlowContext, input: RoutableInput): Routed<string> | Promise<Routed<string>>;
  /**
   * Typed text, before the running flow or the route sees it: what it means instead, if anything.
   * `replyTo`: the desk's message the text replies to (a Telegram reply), if any.
   */
  intercept?(
    ctx: FlowContext,
    text: string,
    active: ActiveFlow | undefined,
    replyTo?: string,
  ): Intercepted<string> | Promise<Intercepted<string>>;
}

/** A flow can hand over to another, which can hand over again: at most this many in one turn. */
const MAX_HAND_OVERS = 3;

/** One input's turn: the replies so far, and the session they move on. */
export class Turn {
  readonly replies: Reply[] = [];
  /** The button the turn before answered (its tap again is a double tap); this turn records its own. */
  readonly answeredBefore: Session["answered"];
  /** How many menus in a row the turns before showed for typed text; this turn counts its own. */
  private readonly menusBefore: number;

  constructor(
    readonly ctx: FlowContext,
    readonly session: Session,
    readonly flows: FlowTable,
    readonly hooks: EngineHooks,
  ) {
    this.answeredBefore = session.answered;
    session.answered = undefined;
    this.menusBefore = session.menus ?? 0;
    session.menus = undefined;
  }

  /** The flow the session is in, if it is one this engine still runs. */
  get active(): Flow<unknown, string> | undefined {
    return this.flows.find(this.session.flow);
  }

  say(key: MessageKey, params?: Params): void {
    this.replies.push({ kind: "text", text: this.ctx.t(key, params) });
  }

  /** A short word about a press that changes nothing: no message, the conversation stays as it is. */
  toast(key: MessageKey, params?: Params): void {
    this.replies.push({ kind: "toast", text: this.ctx.t(key, params) });
  }

  /**
   * Ends any flow and shows the menu; in a group, someone not staff is told (a toast) to write in
   * private. `typed`: the menu answers typed text it could not place; the second such menu in a row
   * is the shorter one (menuAgain).
   */
  showMenu(typed = false): void {
    this.endFlow();
    if (this.ctx.who.isGroup && !this.ctx.who.person) {
      this.toast("error.groupPrivateOnly");
      return;
    }
    const again = typed && this.menusBefore > 0 && this.hooks.menuAgain;
    this.replies.push(...(again ? again(this.ctx) : this.hooks.menu(this.ctx)));
    if (typed) this.session.menus = this.menusBefore + 1;
  }

  /** Ends any flow, saying nothing (what follows says what comes next). */
  endFlow(): void {
    this.session.flow = undefined;
    this.session.state = undefined;
  }

  /** Whether this press is a second tap on the button the turn before answered (issue 14 §3). */
  isDoubleTap(offer: number, value: string): boolean {
    return this.answeredBefore?.offer === offer && this.answeredBefore.value === value;
  }

  /** Whether the session is in a flow this sender may still go on with (its state readable). */
  get inFlow(): boolean {
    const active = this.active;
    return (
      active !== undefined &&
      allowed(this.ctx.who, active.roles) &&
      active.state.safeParse(this.session.state).success
    );
  }

  /**
   * After a language switch: the running flow asks its current question again in the new
   * language (Flow.resume). False when there is none, it cannot resume, or its state is unreadable.
   */
  async resume(): Promise<boolean> {
    const active = this.active;
    if (!active?.resume || !allowed(this.ctx.who, active.roles)) return false;
    const state = active.state.safeParse(this.session.state);
    if (!state.success) return false;
    const step = await active.resume(this.ctx, state.data);
    if (!step) return false;
    await this.apply(active, step);
    return true;
  }

  /** Starts the flow when the sender may run it (false: they may not, and nothing happened). */
  async start(flow: Flow<unknown, string>, args: string): Promise<boolean> {
    if (!allowed(this.ctx.who, flow.roles)) return false;
    await this.apply(flow, await flow.start(this.ctx, args));
    return true;
  }

  /** Takes a flow's step: its replies, the state it continues with, and its hand-over. */
  async apply(flow: Flow<unknown, string>, step: Step<unknown>, handOvers = 0): Promise<void> {
    this.replies.push(...step.replies);
    this.session.flow = step.next === undefined ? undefined : flow.name;
    this.session.state = step.next;
    if (!step.then || handOvers >= MAX_HAND_OVERS) return;
    const next = this.flows.get(step.then.flow);
    if (allowed(this.ctx.who, next.roles)) {
      await this.apply(next, await next.start(this.ctx, step.then.args ?? ""), handOvers + 1);
    }
  }
}
