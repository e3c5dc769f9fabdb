import type { ClaimKind } from "../ports/claims-records";

/**
 * What kind of claim a customer's words say (SOP-70 loss, SOP-71 delay or damage): "丢了",
 * "坏了/破了/损坏", "晚了/延误/一直没到", in English "lost", "damaged", "late". Read at the claim's
 * kind question, and from the sentence that starts a claim ("我要索赔,YT… 丢了"), so that a kind
 * already said is not asked again.
 */
const KIND_WORDS: readonly [ClaimKind, RegExp][] = [
  ["loss", /丢|遗失|不见|没收到|找不到|\b(?:lost|loss|missing|never\s+(?:arrived|came))\b/i],
  [
    "delay",
    /延误|延迟|耽误|太慢|太晚|晚了|晚到|迟到|一直没到|还没到|迟迟|\b(?:delay|delayed|late|slow|still\s+not\s+(?:here|arrived))\b/i,
  ],
  ["damage", /破|坏|碎|损坏|受损|破损|压扁|漏了|\b(?:damage|damaged|broken|smashed|crushed|cracked)\b/i],
];

/** Letters-and-digits runs holding a digit (a waybill, a phone): no kind is read inside them. */
const NUMBERS = /[A-Za-z0-9-]*[0-9][A-Za-z0-9-]*/g;

/** Words just before a kind word that deny it: "没有丢,是坏了", "不是丢了", "not lost but damaged". */
const DENIED = /(?:没有|没|不是|并非|不|未)\s*$|\b(?:not|isn't|wasn't|no)\s+$/i;

/** Where the words first name each kind, a denied mention left out ("没有丢,是坏了": damage only). */
function kindsNamed(text: string): { kind: ClaimKind; at: number }[] {
  const words = text.normalize("NFKC").replace(NUMBERS, " ");
  const named: { kind: ClaimKind; at: number }[] = [];
  for (const [kind, re] of KIND_WORDS) {
    const every = new RegExp(re.source, `${re.flags.replace("g", "")}g`);
    for (const match of words.matchAll(every)) {
      if (DENIED.test(words.slice(Math.max(0, match.index - 8), match.index))) continue;
      named.push({ kind, at: match.index });
      break;
    }
  }
  return named.sort((a, b) => a.at - b.at);
}

/** The one kind the words name; none, or two kinds at once ("晚了还坏了"): undefined (asked). */
export function claimKindInText(text: string): ClaimKind | undefined {
  const named = kindsNamed(text);
  return named.length === 1 ? named[0]?.kind : undefined;
}

/** At the kind question: the kind the words name first (the customer is answering that question). */
export function claimKindAnswer(text: string): ClaimKind | undefined {
  return kindsNamed(text)[0]?.kind;
}
