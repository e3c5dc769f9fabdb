import type { DirectoryIndex } from "../config/directory";
import type { Language } from "../kernel/chat";
import { t } from "../messages";

/**
 * SOP-80 and SOP-81 for anything a person of the branch sends a customer: the one greeting
 * ("您好,某某快递 NNN 号为您服务", the network's name from the directory's `branch.network` /
 * `branch.networkEn`, the person's work number) and the one closing (the work number again, or the
 * surname when there is none, SOP-81, then "再见", SOP-80). Every customer-facing message written
 * by staff (a query's answer, a claim's step…) uses these two; no area builds its own.
 */

type GreetingDirectory = Pick<DirectoryIndex, "branch" | "person">;

/** SOP-80: "您好,某某快递 017 号为您服务。" (no work number: the name instead). */
export function staffGreeting(directory: GreetingDirectory, language: Language, personId: string): string {
  const branch = directory.branch;
  const network = language === "en" ? branch.networkEn : branch.network;
  const person = directory.person(personId);
  if (person?.workNo) return t(language, "greeting.staff", { network, workNo: person.workNo });
  return t(language, "staff.greeting.noWorkNo", { network, name: person?.name ?? "" });
}

/** SOP-81: staff give their work number, or their surname when they have none ("017 号客服"). */
export function staffSignature(directory: GreetingDirectory, language: Language, personId: string): string {
  const person = directory.person(personId);
  if (person?.workNo) return t(language, "notice.agent.workNo", { workNo: person.workNo });
  return t(language, "notice.agent.surname", { surname: [...(person?.name ?? "")][0] ?? "" });
}

/** SOP-80/81: the closing line, "—— 017 号客服。再见。" */
export function staffClosing(directory: GreetingDirectory, language: Language, personId: string): string {
  return t(language, "greeting.signOff", {
    signature: staffSignature(directory, language, personId),
    closing: t(language, "closing.staff"),
  });
}

/** SOP-81 without SOP-80's "再见", while the matter stays open (a complaint being handled): "—— 017 号客服。" */
export const staffSignOff = (directory: GreetingDirectory, language: Language, personId: string) =>
  t(language, "greeting.signOff", {
    signature: staffSignature(directory, language, personId),
    closing: "",
  }).trim();
