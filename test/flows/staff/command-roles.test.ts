import { describe, expect, it } from "vitest";
import type { Channel } from "../../../src/domain/kernel/chat";
import { t } from "../../../src/domain/messages";
import type { Who } from "../../../src/flows/types";
import { useDeskHarness } from "../../support/desk-harness";
import { transcript } from "../../support/transcript";

/**
 * A staff command the colleague's roles do not allow (issue: the customer help came back): on
 * every channel alike, one short note naming whose command it is, in the colleague's language.
 * Nothing runs, and the customer help is not shown.
 */
describe("a staff command for other roles", () => {
  const h = useDeskHarness("command-roles");
  let seq = 0;

  /** A colleague of the shared branch in their private chat on a channel. */
  function colleague(personId: string, channel: Channel) {
    const person = h.directory.person(personId);
    if (!person) throw new Error(`no ${personId} in the test directory`);
    seq += 1;
    const id = `${channel}-roles-${seq}`;
    const who: Who = { chat: { channel, chatId: id, userId: id }, person, isGroup: false };
    return transcript(h.engine, who);
  }

  it("tells an agent on the web chat that /overdue is the duty lead's, in one message", async () => {
    const wang = colleague("wang", "web");
    await wang.say("/overdue");
    expect(wang.received().total).toBe(1);
    expect(wang.text()).toBe("/overdue 是值班组长用的命令。");
    wang.expectNoReply(t("zh", "help.customer"));
  });

  it("tells an agent on Slack, in English, that /pickups is dispatch's and /jobs the couriers'", async () => {
    const chen = colleague("chen", "slack"); // reads English
    await chen.say("/pickups");
    expect(chen.text()).toBe("/pickups is for dispatch.");
    await chen.say("/jobs");
    expect(chen.text()).toBe("/jobs is for couriers.");
  });

  it("names every role a command is for, and still runs it for them", async () => {
    const zhang = colleague("zhang", "telegram"); // a courier: /queries is for agents and the duty lead
    await zhang.say("/queries");
    expect(zhang.text()).toBe("/queries 是话务员或值班组长用的命令。");
    const sun = colleague("sun", "slack"); // the dispatcher
    await sun.say("/pickups");
    sun.expectNoReply("用的命令");
    sun.expectReply("取件");
  });

  it("keeps the 'not in the directory' note for a stranger", async () => {
    const stranger = h.customer();
    await stranger.say("/overdue");
    expect(stranger.text()).toBe(t("zh", "channel.notInDirectory"));
  });
});
