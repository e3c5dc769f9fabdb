/**
 * Issue 17 §6: customer contacts the bot answered without a person (a tracking answer of a known
 * parcel to a customer). Counted in the process that answers, like the other counters of /metrics
 * (src/metrics.ts reads it at scrape time); the domain and the flows never see prom-client.
 */
let botAnswers = 0;

/** A customer got their parcel's status from the bot, no person involved. */
export function countBotAnswer(): void {
  botAnswers++;
}

/** How many such answers this process gave since it started. */
export function botAnswerCount(): number {
  return botAnswers;
}

/** Queries opened per 100 tracked parcels (the desk's load against what it tracks); 0 with none tracked. */
export function queriesPer100(queriesOpened: number, parcelsTracked: number): number {
  return parcelsTracked === 0 ? 0 : Math.round((queriesOpened / parcelsTracked) * 10_000) / 100;
}
