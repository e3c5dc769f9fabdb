import { describe, expect, it } from "vitest";
import { t } from "../../../src/domain/messages";
import { problemPushNotice } from "../../support/problem-push";

/**
 * Trial finding 3: the problem push is one sentence in customer words that says what the follower
 * can do (the talk-to-a-person button), with no repeated "处理" and no staff note.
 */
async function text(language: "zh" | "en", category: string | null): Promise<string> {
  const notice = await problemPushNotice(language, category);
  expect(notice.actions?.map((a) => a.labelKey)).toContain("follow.button.human");
  return t(language, notice.key, notice.params);
}

describe("the problem push", () => {
  it("is one sentence saying what happened and what to do, without repeating itself", async () => {
    const plain = await text("zh", null);
    expect(plain).toBe(
      "⚠️ 您的快件 YT1000000006:派送中遇到一点情况(11月27日 10:40),我们正在跟进;需要帮忙或想说明情况,请点「联系人工客服」。",
    );
    expect(plain).not.toContain("\n");
    expect(plain.match(/情况/g)).toHaveLength(2); // the matter, and "想说明情况": not "遇到情况(…遇到一点情况"
    const nobody = await text("zh", "nobody_home");
    expect(nobody).toContain(":派送时无人签收,将再次安排派送(11月27日 10:40)");
    expect(nobody).not.toContain("处理");
    // A category whose words say "being handled" is not followed by "we are handling it".
    expect((await text("zh", "damaged_contents")).match(/处理/g)).toHaveLength(1);
    const en = await text("en", null);
    expect(en).toMatch(/^⚠️ Your parcel YT1000000006 met a problem .*tap “Talk to a person”\.$/);
    expect(en).not.toContain("\n");
  });
});
