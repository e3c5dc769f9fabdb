import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { pushMessage } from "../../../src/domain/following/push-message";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import { t } from "../../../src/domain/messages";
import type { ParcelPush } from "../../../src/domain/ports/following-records";

/**
 * Trial finding 3: the problem push is one sentence in customer words that says what the follower
 * can do (the talk-to-a-person button), with no repeated "处理" and no staff note.
 */
const calendar = createBusinessCalendar(defaultPolicy());
const at = new Date("2026-11-27T02:40:00Z");
const tx = {
  deliveries: { getReceipt: async () => undefined },
  returns: { forParcel: async () => undefined },
} as unknown as Parameters<typeof pushMessage>[1];

function problem(category: string | null): ParcelPush {
  return {
    trackingNo: "YT1000000006",
    status: "problem",
    kind: "problem",
    at,
    location: "扬州东关营业部",
    category,
    recordedAt: at,
    dueAt: at,
    held: false,
    sentAt: null,
    silent: false,
  } as ParcelPush;
}

async function text(language: "zh" | "en", category: string | null): Promise<string> {
  const follower = {
    trackingNo: "YT1000000006",
    chat: { channel: "web" as const, chatId: "w1" },
    language,
    createdAt: at,
  };
  const notice = await pushMessage({ calendar }, tx, follower, [problem(category)]);
  if (!notice) throw new Error("no push");
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
