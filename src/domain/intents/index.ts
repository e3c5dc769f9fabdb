export { type FoundTrackingNo, findTrackingNumber } from "../kernel/tracking-number-in-text";
export { INTENTS, type Intent, type IntentPhrases, type PhraseBook } from "./intent";
export { type IntentMatch, matchIntent, saidPlace } from "./match";
export { type ServedAnswer, type ServedDeps, servedAnswer } from "./served";
