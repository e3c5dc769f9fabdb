import type { Language } from "../kernel/chat";
import { t } from "../messages";
import type { PickupRequest } from "../ports/records";

/**
 * SOP-26: why collected goods go back to the customer (returned.ts): the by-air classes
 * (电池、液体、刀具、粉剂), prohibited or fragile goods, or the courier's own words.
 */
export const RETURN_REASONS = [
  "battery",
  "liquid",
  "powder",
  "blade",
  "prohibited",
  "fragile",
  "other",
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** By air only: what cannot fly (电池、液体、刀具、粉剂) may go by road. */
const AIR_ONLY_REASONS: readonly ReturnReason[] = ["battery", "liquid", "powder", "blade"];

export function isReturnReason(value: string | undefined): value is ReturnReason {
  return (RETURN_REASONS as readonly string[]).includes(value ?? "");
}

/** The reasons a courier may give for this pickup: the air ones only when it goes by air. */
export function returnReasonsFor(pickup: Pick<PickupRequest, "byAir">): ReturnReason[] {
  return RETURN_REASONS.filter((r) => pickup.byAir || !AIR_ONLY_REASONS.includes(r));
}

/** Words a courier types that name one of the reasons (SOP-26): "电池" is the battery button's reason. */
const REASON_WORDS: Record<Exclude<ReturnReason, "other">, RegExp> = {
  battery: /电池|充电宝|移动电源|锂电|battery|batteries|power ?bank/iu,
  liquid: /液体|香水|酒|饮料|化妆水|精油|liquid|perfume|alcohol/iu,
  powder: /粉末|粉剂|奶粉|面粉|药粉|powder/iu,
  blade: /刀|剪刀|刀具|刀片|knife|knives|blade|scissors/iu,
  prohibited: /违禁|禁寄|管制|枪|弹药|毒品|易燃|易爆|烟花|爆竹|打火机|prohibited|explosive|flammable/iu,
  fragile: /易碎|玻璃|陶瓷|瓷器|fragile|glass|ceramic/iu,
};

/**
 * SOP-26: the reason a courier's typed words name, among those this pickup may have (the air
 * ones only by air): the one reason whose words they contain; else "other" with the words, as typed.
 */
export function returnWhyOfWords(pickup: Pick<PickupRequest, "byAir">, words: string): ReturnWhy {
  const matched = returnReasonsFor(pickup).filter(
    (r): r is Exclude<ReturnReason, "other"> => r !== "other" && REASON_WORDS[r].test(words),
  );
  const [only] = matched;
  return matched.length === 1 && only ? { reason: only } : { reason: "other", text: words };
}

export interface ReturnWhy {
  reason: ReturnReason;
  /** With "other": the courier's words (one line), which the customer reads. */
  text?: string | undefined;
}

/** How many days after its request a collected pickup is still offered for a return. */
export const RETURNABLE_DAYS = 3;

/** Why, in the reader's language: the customer reads it too, so it names no rule. */
export function returnReasonText(language: Language, why: ReturnWhy): string {
  if (why.reason === "other" && why.text) {
    return t(language, "pickup.returnReason.otherWith", { text: why.text });
  }
  return t(language, `pickup.returnReason.${why.reason}`);
}
