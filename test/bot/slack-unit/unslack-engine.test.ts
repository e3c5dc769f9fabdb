import { describe, expect, it } from "vitest";
import { parseMessage } from "../../../src/bot/slack/parse";
import { branchDirectory } from "../../support/branch";
import { useDeskHarness } from "../../support/desk-harness";

/**
 * Slack escapes what a person types (`&amp;`, `<url|label>`): an agent's answer typed in a Slack DM
 * reaches the customer as the agent meant it, through the engine and the desk.
 */
describe("a Slack DM through the engine: the customer reads what the agent typed", () => {
  const h = useDeskHarness("slack-unslack");
  const slackPeople = branchDirectory([{ id: "amy", name: "Amy", roles: ["agent"], slackId: "U0AMY" }]);

  it("SOP-10: the answer 'A &amp; B' from Slack reaches the customer as 'A&B'", async () => {
    const customer = h.customer();
    const opened = await h.desk.raiseQuery({ asker: customer.who.chat, language: "zh", text: "能寄吗" });
    if (!opened.ok) throw new Error(opened.reason);
    await h.desk.takeQuery(opened.query.id, "wang");
    const wang = h.staff("wang");
    await wang.say("/queries");
    await wang.press("能寄吗");
    wang.expectReply("请直接输入回复内容");

    const parsed = parseMessage(slackPeople, {
      type: "message",
      channel_type: "im",
      channel: "D0AMY",
      user: "U0AMY",
      text: "A&amp;B, see <https://x.example/rates|rates>",
    });
    if ("ignored" in parsed) throw new Error(parsed.ignored);
    await wang.send(parsed.input);
    await wang.press("发送");
    const answers = h.notifier.toChat(customer.who.chat).filter((n) => n.key === "notice.query.answer");
    expect(answers.map((n) => n.params.answer)).toEqual(["A&B, see rates"]);
  });
});
