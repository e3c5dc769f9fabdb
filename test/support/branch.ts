import { DirectoryIndex, type DirectoryInput, parseDirectory } from "../../src/domain/config/directory";

/**
 * The one branch every test talks to (people, zones, branch points), so that an id means the same
 * person in every file:
 * - wang 王芳 (017) and chen 陈静 (021, reads English) are agents; li 李强 (003) is the duty lead
 *   (supervisor); sun 孙丽 dispatches;
 * - zhang 张伟 (105) is the east zone's courier, liu 刘洋 (106) the west zone's; zhao 赵刚 (201) drives
 *   for the east zone only (the west has no driver);
 * - one branch point, and a dispatch group on Telegram and on Slack.
 * Telegram ids are 2001 to 2007 in the order wang, li, zhang, zhao, chen, sun, liu.
 * A test that needs someone else adds them locally with `branchWith` (new ids only).
 */
export const BRANCH: DirectoryInput = {
  branch: { name: "扬州分公司", hotline: "0514-8000000", network: "某某快递", networkEn: "Example Express" },
  dispatch: { telegramChatId: -1001234567, slackChannel: "C0DISPATCH" },
  zones: [
    { id: "east", name: "城东", keywords: ["文昌路", "东关街"], courier: "zhang", driver: "zhao" },
    { id: "west", name: "城西", keywords: ["西门街", "扬子江路", "西湖镇"], courier: "liu" },
  ],
  branchPoints: [{ name: "东关分点", address: "东关街 12 号", phone: "0514-8000001" }],
  people: [
    { id: "wang", name: "王芳", workNo: "017", roles: ["agent"], telegramId: 2001 },
    { id: "chen", name: "陈静", workNo: "021", roles: ["agent"], telegramId: 2005, language: "en" },
    { id: "li", name: "李强", workNo: "003", roles: ["supervisor"], telegramId: 2002 },
    { id: "sun", name: "孙丽", roles: ["dispatcher"], telegramId: 2006 },
    { id: "zhang", name: "张伟", workNo: "105", roles: ["courier"], telegramId: 2003, phone: "13800000003" },
    { id: "liu", name: "刘洋", workNo: "106", roles: ["courier"], telegramId: 2007, phone: "13800000007" },
    { id: "zhao", name: "赵刚", workNo: "201", roles: ["driver"], telegramId: 2004, phone: "13800000004" },
  ],
};

/** Addresses in each zone (SOP-20 matches the zone by its keywords). */
export const EAST_ADDRESS = "扬州市文昌路 100 号 3 栋 201 室";
export const WEST_ADDRESS = "扬州市西门街 8 号 2 单元 502 室";

type PersonInput = NonNullable<DirectoryInput["people"]>[number];

/** The shared branch with people of a test's own (their ids must be new: an id keeps its meaning). */
export function branchWith(people: readonly PersonInput[]): DirectoryInput {
  const taken = new Set(BRANCH.people?.map((p) => p.id));
  for (const p of people) {
    if (taken.has(p.id)) throw new Error(`${p.id} is already someone in the shared test branch`);
  }
  return { ...BRANCH, people: [...(BRANCH.people ?? []), ...people] };
}

/** The shared branch (and a test's own people) as the desk reads it. */
export function branchDirectory(people: readonly PersonInput[] = []): DirectoryIndex {
  return new DirectoryIndex(parseDirectory(branchWith(people)));
}
