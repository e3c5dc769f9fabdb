/**
 * The choices of the problem-parcel taxonomy (taxonomy.ts): the sub-reasons of each category and
 * the small answer sets its fields offer, each with its zh/en label.
 */

export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface Choice {
  readonly value: string;
  readonly label: Label;
}

export const choice = (value: string, zh: string, en: string): Choice => ({ value, label: { zh, en } });

/** SOP-41: every failed phone contact is classified. */
export const CONTACT_FAILURES: readonly Choice[] = [
  choice("fault", "故障", "phone fault"),
  choice("unreachable", "不通", "unreachable"),
  choice("busy", "通话中", "busy"),
  choice("suspended", "停机", "suspended"),
  choice("switched_off", "关机", "switched off"),
  choice("no_answer", "无人接", "no answer"),
];

export const CONTACT_OUTCOMES = [
  choice("contacted", "已联系上", "contacted"),
  choice("not_reached", "未联系上", "not reached"),
];
export const ZONE_OR_COMPANY = [choice("zone", "片区", "the zone"), choice("company", "公司", "the company")];
export const YES_NO = [choice("yes", "是", "yes"), choice("no", "否", "no")];

export const ADDRESS_UNCLEAR_REASONS = CONTACT_OUTCOMES;
export const RECIPIENT_MOVED_REASONS = CONTACT_OUTCOMES;
export const ADDRESS_CHANGE_REASONS = [
  choice("recipient_asked", "收件人要求", "the recipient asked"),
  choice("sender_asked", "寄件人要求", "the sender asked"),
];
// SOP-33: agreed for tomorrow, or the phone contact failed; SOP-41: a failed phone contact is
// always classified with its six classes, so those are SOP-33's failure choices too.
export const NOBODY_HOME_REASONS = [
  choice("agreed_tomorrow", "送无人联系明天送", "nobody home, agreed to deliver tomorrow"),
  ...CONTACT_FAILURES,
];
export const COD_REFUSED_REASONS = [
  choice("too_expensive", "嫌贵", "too expensive"),
  choice("no_cod", "不收到付件", "won't accept cash on delivery"),
  choice("no_invoice", "没有发票", "no invoice"),
];
export const OUTSIDE_ZONE_REASONS = [
  choice("will_collect", "客户自取", "will collect"),
  choice("wont_collect", "客户不自取", "won't collect"),
  choice("cannot_today", "今天取不了", "can't collect today"),
];
export const SELF_PICKUP_REASONS = [
  choice("customer_asked", "客户要求自取", "the customer asked to collect"),
  choice("agreed_after_attempt", "派送未果,约定自取", "agreed after a failed delivery"),
];
export const MISSORTED_REASONS = [
  choice("not_our_coverage", "非本网点派送范围", "outside this branch's coverage"),
  choice("wrong_sort", "分拣错误", "sorted to the wrong branch"),
];
export const DAMAGED_CONTENTS_REASONS = [
  choice("broken", "内件破损", "contents broken"),
  choice("leaked", "内件渗漏或受潮", "contents leaked or wet"),
  choice("deformed", "内件变形", "contents deformed"),
];
export const RETURN_REQUESTERS = [
  choice("sender_company", "发件公司要求", "the sender's company asked"),
  choice("recipient", "收件人要求", "the recipient asked"),
];
