import { hasRole, type Role } from "../../domain/config/directory";
import type { ActionHandler, Flow, FlowDeclaration, FlowRegistry, Who } from "../types";
import { BUILT_IN_COMMANDS } from "./commands";

type AnyFlow = Flow<unknown, string>;

/**
 * The engine's flows and notice actions, looked up by name, by command and by action. Built once:
 * a flow under another name than its own, or two flows with one command, fail at start-up.
 */
export class FlowTable {
  readonly #byName = new Map<string, AnyFlow>();
  readonly #byCommand = new Map<string, AnyFlow>();
  readonly #actions: Map<string, ActionHandler>;

  constructor(flows: FlowRegistry<string>, actions: readonly ActionHandler[]) {
    for (const [name, flow] of Object.entries<AnyFlow>(flows)) {
      if (flow.name !== name) throw new Error(`flow "${flow.name}" is registered as "${name}"`);
      this.#byName.set(name, flow);
      if (flow.command === undefined) continue;
      if (
        this.#byCommand.has(flow.command) ||
        (BUILT_IN_COMMANDS as readonly string[]).includes(flow.command)
      )
        throw new Error(`command /${flow.command} is declared twice`);
      this.#byCommand.set(flow.command, flow);
    }
    this.#actions = new Map(actions.map((a) => [a.name, a]));
  }

  /** The flows as they declare themselves, in the registry's order. */
  get declarations(): readonly FlowDeclaration<string>[] {
    return [...this.#byName.values()];
  }

  /** A flow named in code (a hand-over, a route): an unknown name is a bug, and throws. */
  get(name: string): AnyFlow {
    const flow = this.#byName.get(name);
    if (!flow) throw new Error(`hand-over to an unknown flow: "${name}"`);
    return flow;
  }

  /** A flow named by stored or offered data (a session, a button): undefined when unknown. */
  find(name: string | undefined): AnyFlow | undefined {
    return name === undefined ? undefined : this.#byName.get(name);
  }

  byCommand(command: string): AnyFlow | undefined {
    return this.#byCommand.get(command);
  }

  action(name: string): ActionHandler | undefined {
    return this.#actions.get(name);
  }
}

/**
 * Whether this sender may run a flow or action with these roles. In a group (the dispatch chat)
 * only staff flows run: a customer's address and phone must not be asked for, nor shown, there.
 */
export function allowed(who: Who, roles: readonly Role[] | undefined): boolean {
  return roles ? hasRole(who.person, ...roles) : !who.isGroup;
}
