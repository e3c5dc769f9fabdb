import type { BusinessCalendar } from "../kernel/calendar";
import type { Clock } from "../kernel/clock";
import type { FollowingFigures, FollowingRepository } from "../ports/following-records";
import { botAnswerCount, queriesPer100 } from "./figures";

/**
 * Issue 17 §6, the duty lead's view of what following saves the desk (GET /desk/api/following):
 * today's figures on the branch's clock. /metrics shows the same over the last 24 hours.
 */
interface FollowingPanel {
  since: string;
  /** Tracking answers to customers, no person involved (this process, since it started). */
  botAnswers: number;
  queriesOpened: number;
  parcelsTracked: number;
  queriesPer100Parcels: number;
  pushesSent: number;
  pushesHeld: number;
  pushesWaiting: number;
  followingChats: number;
}

function followingPanelOf(figures: FollowingFigures, since: Date): FollowingPanel {
  return {
    since: since.toISOString(),
    botAnswers: botAnswerCount(),
    ...figures,
    queriesPer100Parcels: queriesPer100(figures.queriesOpened, figures.parcelsTracked),
  };
}

export async function followingPanel(sources: {
  following: Pick<FollowingRepository, "figures">;
  calendar: BusinessCalendar;
  clock: Clock;
}): Promise<FollowingPanel> {
  const now = sources.clock.now();
  const since = sources.calendar.atLocalTime(sources.calendar.localDate(now), { text: "00:00", minutes: 0 });
  return followingPanelOf(await sources.following.figures(since), since);
}
