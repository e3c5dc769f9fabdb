import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../../src/domain/messages";
import type { SlackHarness } from "../../support/slack-app";
import { startSlackHarness } from "../../support/slack-app";
import { customerTelegramIds, slackBranch } from "../../support/slack-branch";
import { hasButton, type SlackUser } from "../../support/slack-client";
import {
  cardHead,
  requestPickupOnTelegram,
  sendsSettled,
  toldSince,
  waitForPing,
  waitUpdated,
} from "../../support/slack-e2e";
import { poll, shownText } from "../../support/slack-recorder";
import type { BotMessage } from "../telegram/emulator";

/**
 * Telegram and Slack at once (issue 10, "Done means"): dispatch is a Telegram group and a Slack
 * channel, so one pickup is pinged on both. Whichever accept comes first wins; the other, on the
 * other channel, is refused, and both messages end up saying who took the pickup. The couriers
 * have both a Telegram and a Slack id.
 */
const branch = slackBranch({ telegramFor: ["zhang", "liu"], telegramGroup: true });
const customers = customerTelegramIds(2);
const { zhang } = branch.people as Record<"zhang", SlackUser>;
const group = branch.telegramGroup as number;
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness(branch, 14);
}, 60_000);

afterAll(async () => {
  await h?.stop(customers);
}, 45_000);

const accept = t("zh", "notice.action.accept");
const isAccept = (b: { data: string }) => b.data.startsWith("a.pa.");
const inGroup = (who: "zhang" | "liu") =>
  h.emulator.user(h.telegramToken, { userId: branch.telegramIds[who] as number, chatId: group, group: true });

async function pickupAt(address: string) {
  const all = await h.app.store.pickups.listByStatus(["requested", "assigned", "accepted"]);
  const found = all.find((p) => p.address === address);
  if (!found) throw new Error(`no pickup at ${address}`);
  return found;
}

/** The Telegram group's ping for the pickup at this address (with its accept button). */
async function telegramPing(street: string): Promise<BotMessage> {
  return poll(
    () => h.emulator.botMessages(group).find((m) => m.text.includes(street) && m.buttons.some(isAccept)),
    () =>
      `no ping for ${street} in the Telegram group: ${JSON.stringify(h.emulator.botMessages(group).map((m) => m.text.slice(0, 60)))}`,
  );
}

/** Whatever the bot told a Telegram user about a press: its toast, a message to them, or to the group. */
function telegramToldSince(
  userId: number,
  before: { answers: number; messages: number; group: number },
): string[] {
  return [
    ...h.emulator.callbackAnswers.slice(before.answers).flatMap((a) => (a.text ? [a.text] : [])),
    ...h.emulator
      .botMessages(userId)
      .slice(before.messages)
      .map((m) => m.text),
    ...h.emulator
      .botMessages(group)
      .slice(before.group)
      .map((m) => m.text),
  ];
}

describe("a pickup pinged on Telegram and on Slack is accepted once", () => {
  it("accepted in Slack first: the Telegram accept is refused, and both messages show who took it", async () => {
    const address = "扬州市文昌路 12 号 1 栋 101 室";
    await requestPickupOnTelegram(
      h.emulator.user(h.telegramToken, { userId: customers[0] as number }),
      address,
      "13900000012",
    );
    const slackPing = await waitForPing(h, branch.dispatchChannel, "文昌路 12 号", accept);
    const tgPing = await telegramPing("文昌路 12 号");
    const pickup = await pickupAt(address);

    const clicked = await h.slack.click(zhang, slackPing, accept);
    expect(clicked.status).toBe(200);
    const byZhang = cardHead("accepted", "张伟(105)");
    await waitUpdated(h.recorder, slackPing, (text) => text.includes(byZhang), `showing "${byZhang}"`);
    await expect.poll(async () => (await h.app.store.pickups.get(pickup.id))?.status).toBe("accepted");

    // liu presses accept on the group's message he still has on screen.
    const liuId = branch.telegramIds.liu as number;
    const before = {
      answers: h.emulator.callbackAnswers.length,
      messages: h.emulator.botMessages(liuId).length,
      group: h.emulator.botMessages(group).length,
    };
    await inGroup("liu").pressOn(tgPing, isAccept);
    const told = await poll(
      () => {
        const got = telegramToldSince(liuId, before);
        return got.some((x) => x.includes(t("zh", "staff.courier.taken"))) ? got : undefined;
      },
      () => `liu was not told it is taken: ${JSON.stringify(telegramToldSince(liuId, before))}`,
    );
    expect(told.join("\n")).not.toContain(t("zh", "staff.courier.accepted"));

    const now = await h.app.store.pickups.get(pickup.id);
    expect(now).toMatchObject({ status: "accepted", courierId: "zhang" });
    const events = await h.app.store.pickups.events(pickup.id);
    expect(events.filter((e) => e.event === "accepted")).toHaveLength(1);

    // Both messages say who took it; neither offers the accept button any more.
    await expect
      .poll(() => inGroup("zhang").current(tgPing.messageId)?.text ?? "", { timeout: 10_000 })
      .toContain(byZhang);
    expect(inGroup("zhang").current(tgPing.messageId)?.buttons.some(isAccept)).toBe(false);
    const slackNow = h.recorder.message(slackPing.channel, slackPing.ts);
    expect(slackNow?.text).toContain(byZhang);
    expect(hasButton(slackNow?.blocks ?? [], accept)).toBe(false);
  });

  it("accepted on Telegram first: the Slack accept is refused privately, and both messages show who took it", async () => {
    const address = "扬州市东关街 20 号 2 栋 202 室";
    await requestPickupOnTelegram(
      h.emulator.user(h.telegramToken, { userId: customers[1] as number }),
      address,
      "13900000020",
    );
    const slackPing = await waitForPing(h, branch.dispatchChannel, "东关街 20 号", accept);
    const tgPing = await telegramPing("东关街 20 号");
    const pickup = await pickupAt(address);

    await inGroup("liu").pressOn(tgPing, isAccept);
    await expect.poll(async () => (await h.app.store.pickups.get(pickup.id))?.status).toBe("accepted");
    expect((await h.app.store.pickups.get(pickup.id))?.courierId).toBe("liu");
    const byLiu = cardHead("accepted", "刘洋(106)");
    await waitUpdated(h.recorder, slackPing, (text) => text.includes(byLiu), `showing "${byLiu}"`);
    // Whatever the accept sends the channel is out before zhang clicks.
    await sendsSettled(h, "slack", [branch.dispatchChannel]);

    // zhang clicks the Slack message as he first saw it (with its button): told privately, nothing changes.
    const since = h.recorder.calls.length;
    const clicked = await h.slack.click(zhang, slackPing, accept);
    expect(clicked.status).toBe(200);
    const told = await poll(
      () => {
        const got = toldSince(h.recorder, zhang, since, clicked.text);
        return got.some((x) => x.text.includes(t("zh", "staff.courier.taken"))) ? got : undefined;
      },
      () =>
        `zhang was not told it is taken: ${JSON.stringify(toldSince(h.recorder, zhang, since, clicked.text))}`,
    );
    expect(told.map((x) => x.text).join("\n")).not.toContain(t("zh", "staff.courier.accepted"));
    // Told privately: nothing new was posted in the channel for everyone to read.
    const posted = h.recorder.calls
      .slice(since)
      .filter((c) => c.method === "chat.postMessage" && c.args.channel === branch.dispatchChannel);
    expect(posted).toEqual([]);
    const events = await h.app.store.pickups.events(pickup.id);
    expect(events.filter((e) => e.event === "accepted")).toHaveLength(1);
    expect((await h.app.store.pickups.get(pickup.id))?.courierId).toBe("liu");

    await expect
      .poll(() => inGroup("liu").current(tgPing.messageId)?.text ?? "", { timeout: 10_000 })
      .toContain(byLiu);
    const slackNow = h.recorder.message(slackPing.channel, slackPing.ts);
    expect(slackNow?.text).toContain(byLiu);
    expect(shownText(slackNow ?? slackPing)).not.toContain("张伟");
    // One ping per channel for this pickup.
    expect(
      h.recorder
        .messagesIn(branch.dispatchChannel)
        .filter(
          (m) => hasButton(m.versions[0]?.blocks ?? [], accept) && shownText(m).includes("东关街 20 号"),
        ),
    ).toHaveLength(1);
    // (Cards say 取件预约; the separate "taken" notice does not: see e2e.test.ts for that one.)
    expect(
      h.emulator
        .botMessages(group)
        .filter((m) => m.text.includes("取件预约") && m.text.includes("东关街 20 号")),
    ).toHaveLength(1);
  });
});
