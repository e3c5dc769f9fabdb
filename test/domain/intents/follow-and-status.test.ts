import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { type Intent, matchIntent } from "../../../src/domain/intents";

/**
 * The web chat trial: beside a tracking number, asking whether it is signed for, where it is, when
 * it comes or to look at it is tracking (SOP-10: the scans answer it); following and stopping are
 * said in words (issue 17). A question the scans cannot answer says no intent (a person's).
 */
const policy = defaultPolicy();
const YT = "YT1234567890";

type Row = [text: string, intent: Intent | undefined, trackingNo?: string];

const rows: Row[] = [
  [`${YT}签收了吗`, "track", YT],
  [`${YT}什么时候能送到`, "track", YT],
  [`帮我看看${YT}`, "track", YT],
  [`查${YT}`, "track", YT],
  [`${YT}送到了吗`, "track", YT],
  [`${YT} has it been delivered?`, "track", YT],
  [`when will ${YT} arrive`, "track", YT],
  [`${YT}为什么这么慢`, undefined, YT],
  [`${YT}送错地址了`, undefined, YT],
  // Following typed (issue 17): stopping before following (不再关注 says 关注), never a bare cancel.
  [`不再关注 ${YT}`, "unfollow", YT],
  ["取消关注", "unfollow"],
  ["别再通知我了", "unfollow"],
  ["stop notifications", "unfollow"],
  ["unfollow", "unfollow"],
  [`关注 ${YT}`, "follow", YT],
  ["关注", "follow"],
  [`follow ${YT}`, "follow", YT],
  ["帮我关注一下这个件", "follow"],
  [`帮我盯着 ${YT}`, "follow", YT],
  ["送到了告诉我", "follow"],
  ["let me know when it arrives", "follow"],
  // Not following: a follow-up, a parcel asked about.
  ["I want to follow up on my parcel", undefined],
  [`follow up on ${YT}`, undefined, YT],
  ["我关注的快递到哪了", "track"],
  // Still what they were.
  ["取消", "cancel"],
  ["stop", "cancel"],
  [`投诉 ${YT} 什么时候到都不知道`, "complaint", YT],
];

describe("typed intents: status beside a number, following (trial)", () => {
  it.each(rows)("%s → %s", (text, intent, trackingNo) => {
    const match = matchIntent(text, policy);
    expect(match.intent).toBe(intent);
    expect(match.trackingNo).toBe(trackingNo);
  });
});
