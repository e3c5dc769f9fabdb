/**
 * "什么时候能送到" with no number, outside any flow (issue 17): the track flow answers for the
 * parcel the chat follows that moved last (the rule: src/domain/following/last-moved.ts), and
 * from there on a reply to that answer is about it too (track.ts). The route hands it over with
 * these args, behind a NUL, which nothing a user types can carry (the engine strips control
 * characters).
 */
export const FOLLOWED_ARGS = "\u0000followed";
