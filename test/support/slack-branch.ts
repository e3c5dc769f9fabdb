import { randomBytes, randomInt } from "node:crypto";
import type { DirectoryInput } from "../../src/domain/config/directory";
import { BRANCH } from "./branch";
import type { SlackUser } from "./slack-client";

/**
 * The shared test branch (test/support/branch.ts: same people, zones and branch point) as a desk
 * that works in Slack: every person gets a Slack user id, and dispatch a Slack channel. Ids are
 * drawn at random for each run (Slack's, and Telegram's where a test keeps Telegram on), so that
 * two runs sharing a Redis never read each other's sessions.
 *
 * `telegramFor` names the people who keep a Telegram id as well (the notifier prefers Telegram for
 * a person who has both, src/jobs/notifier.ts); everyone else is reached on Slack alone.
 */
export interface SlackBranch {
  directory: DirectoryInput;
  /** Slack users by person id (wang, chen, li, sun, zhang, liu, zhao). */
  people: Record<string, SlackUser>;
  /** Telegram user ids of the people in `telegramFor`. */
  telegramIds: Record<string, number>;
  dispatchChannel: string;
  telegramGroup: number | undefined;
  /** Someone on Slack who is not in the directory. */
  stranger: SlackUser;
}

export function slackBranch(
  options: { telegramFor?: readonly string[]; telegramGroup?: boolean } = {},
): SlackBranch {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const base = randomInt(100_000_000, 900_000_000);
  const people: Record<string, SlackUser> = {};
  const telegramIds: Record<string, number> = {};
  const keepTelegram = new Set(options.telegramFor ?? []);
  const entries = (BRANCH.people ?? []).map((person, i) => {
    const { telegramId: _shared, ...rest } = person;
    const slackId = `U${tag}${String(i).padStart(2, "0")}`;
    people[person.id] = { id: slackId, name: person.id };
    if (keepTelegram.has(person.id)) telegramIds[person.id] = base + i + 1;
    return keepTelegram.has(person.id)
      ? { ...rest, slackId, telegramId: base + i + 1 }
      : { ...rest, slackId };
  });
  const dispatchChannel = `C${tag}DSP`;
  const telegramGroup = options.telegramGroup ? -(1_000_000_000_000 + base) : undefined;
  return {
    directory: {
      ...BRANCH,
      dispatch: {
        slackChannel: dispatchChannel,
        ...(telegramGroup !== undefined ? { telegramChatId: telegramGroup } : {}),
      },
      people: entries,
    },
    people,
    telegramIds,
    dispatchChannel,
    telegramGroup,
    stranger: { id: `U${tag}ZZ`, name: "stranger" },
  };
}

/** Telegram user ids for customers of this run (never in the directory). */
export function customerTelegramIds(count: number): number[] {
  const base = randomInt(100_000_000, 900_000_000);
  return Array.from({ length: count }, (_, i) => base + 100 + i);
}
