import type { Person, Role } from "../../../domain/config/directory";
import { hasRole } from "../../../domain/config/directory";
import type { Language } from "../../../domain/kernel/chat";
import type { SlackStaffUiDeps } from "./index";

/** A Slack user as the staff UI sees them: the directory's person (if any) and the language they read. */
export interface SlackReader {
  person: Person | undefined;
  language: Language;
}

export function slackReader(deps: Pick<SlackStaffUiDeps, "directory">, slackUserId: string): SlackReader {
  const person = deps.directory.bySlackId(slackUserId);
  // Anyone not in the directory is a customer: they read the branch's language first.
  return { person, language: person?.language ?? "zh" };
}

/** The person, when they hold one of these roles. */
export function staffWith(reader: SlackReader, roles: readonly Role[]): Person | undefined {
  return reader.person && hasRole(reader.person, ...roles) ? reader.person : undefined;
}
