/**
 * What a customer's typed message asks for (issue 14 §2), most specific first: when a message
 * says two things ("投诉 YT1234567890 到哪了都不知道"), the first of this list wins.
 */
export const INTENTS = [
  "complaint", // 投诉 / I want to complain: the /complain flow (SOP-82)
  "person", // 人工 / 转人工 / real person
  // 理赔 / 赔偿 / I want compensation: the /claim flow (SOP-70, SOP-71); before track and price, so
  // that "快递还没到要赔偿" and "丢了赔多少钱" are claims.
  "claim",
  "cancelPickup", // 取消取件 / cancel my pickup: a pickup request already made
  // 不再关注 / 别再通知我了 / unfollow: stop following a parcel (issue 17); before follow (不再关注 says 关注)
  // and cancel (取消关注 is no bare 取消).
  "unfollow",
  "follow", // 关注 YT… / follow: follow a parcel (issue 17)
  "cancel", // 取消 / cancel: what /cancel does
  "price", // 多少钱 / how much: SOP-21, never a price
  "track", // 我的快递到哪了 / where is my parcel
  "pickup", // 我要寄快递 / send a parcel
  // 送不送新疆 / do you deliver to …: SOP-1, SOP-27 (served.ts says whether a place is named); after
  // pickup, so that "可以上门取件吗" and "can I send a parcel to Beijing" start a pickup.
  "coverage",
  "help", // 帮助 / help
  "thanks", // 谢谢 / 再见 / thanks / bye
] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * How one intent is said in one language. `anywhere`: phrases that say it inside any sentence
 * ("转人工", "where is my"). `whole`: words too short or too common to trust inside a sentence
 * ("人工" is also 人工湖路 and 人工草坪), which say it only when the message is nothing else
 * (polite filler aside). `withNumber`: words that say it beside a tracking number.
 */
export interface IntentPhrases {
  anywhere: readonly string[];
  whole: readonly string[];
  /**
   * Words that say it inside a sentence only when the sentence names a tracking number: "帮我查一下
   * 1234 5678 9012 这个件" is tracking, while "查一下" alone could be about anything.
   */
  withNumber?: readonly string[];
  /**
   * Sentence shapes that say it anywhere, read clause by clause (punctuation ends a clause, spaces
   * do not): "明天下午3点来文昌路 100 号取件" is 来…取件 whatever stands between. A group named
   * `place` is where the sentence says it happens (src/domain/intents/match.ts: `saidPlace`).
   */
  patterns?: readonly RegExp[];
}

/** One language's phrases: every intent's, and the polite filler a whole-message intent may carry. */
export interface PhraseBook {
  intents: Readonly<Record<Intent, IntentPhrases>>;
  filler: readonly string[];
}
