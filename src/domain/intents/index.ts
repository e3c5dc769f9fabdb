export { INTENTS, type Intent, type IntentPhrases, type PhraseBook } from "./intent";
export { type IntentMatch, matchIntent } from "./match";
export { type FoundTrackingNo, findTrackingNumber } from "./tracking-number";
