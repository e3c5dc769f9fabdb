import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import type { Language } from "../../../src/domain/kernel/chat";
import { t } from "../../../src/domain/messages";
import { problemWordsKey } from "../../../src/domain/parcels/problem-words";
import type { ParcelView } from "../../../src/domain/ports/records";
import { PROBLEM_CATEGORY_CODES } from "../../../src/domain/problems";
import { parcelStatus } from "../../../src/flows/customer/track";
import type { FlowContext } from "../../../src/flows/types";
import { PROBLEM_PUSH_AT, PROBLEM_PUSH_NO, problemPushNotice } from "../../support/problem-push";

/**
 * SOP-30..SOP-45 as a customer hears them: one wording of a problem, the same in the tracking
 * answer and in a follower's push, for every category and for one this desk does not know.
 */
const policy = defaultPolicy();
const calendar = createBusinessCalendar(policy);
const at = PROBLEM_PUSH_AT;
const no = PROBLEM_PUSH_NO;

async function pushText(language: Language, category: string | null): Promise<string> {
  const notice = await problemPushNotice(language, category);
  return t(language, notice.key, notice.params);
}

function trackText(language: Language, category: string): string {
  const ctx = {
    language,
    t: (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(language, key, params),
    deps: { calendar, policy },
  } as unknown as FlowContext;
  const latest = { at, kind: "problem" as const, location: "扬州东关营业部" };
  const view = { trackingNo: no, status: "problem", latest, history: [latest], problem: { category, at } };
  return parcelStatus(ctx, view as ParcelView);
}

describe("a problem in the customer's words", () => {
  it("reads the same in /track and in the push, for every category and in both languages", async () => {
    expect(PROBLEM_CATEGORY_CODES.length).toBeGreaterThan(0); // the loop below must check something
    for (const language of ["zh", "en"] as const) {
      for (const category of PROBLEM_CATEGORY_CODES) {
        const words = t(language, problemWordsKey(category));
        expect(words, category).not.toBe(t(language, "customer.problem.other"));
        expect(trackText(language, category), category).toContain(words);
        expect(await pushText(language, category), category).toContain(words);
      }
    }
  });

  it("a category the desk does not know (or none) is the same plain words in both, never the code", async () => {
    for (const language of ["zh", "en"] as const) {
      const other = t(language, "customer.problem.other");
      expect(trackText(language, "no_such_category")).toContain(other);
      expect(trackText(language, "no_such_category")).not.toContain("no_such_category");
      expect(await pushText(language, "no_such_category")).toContain(other);
      expect(await pushText(language, "no_such_category")).not.toContain("no_such_category");
      expect(await pushText(language, null)).toContain(other);
    }
    expect(await pushText("zh", null)).toBe(
      "⚠️ 您的快件 YT1000000006:派送中遇到一点情况(11月27日 10:40),我们正在跟进;需要帮忙或想说明情况,请点「联系人工客服」。",
    );
  });
});
