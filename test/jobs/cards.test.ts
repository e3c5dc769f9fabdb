import { Api } from "grammy";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../src/bot/telegram/sender";
import type { Notice, Notifier } from "../../src/domain/ports";
import { silentLogger } from "../../src/log";
import { FakeBotApi } from "../bot/telegram/fake-bot-api";
import { auditOnlyStore, domainDouble, redisForFile, startTestJobs, type TestJobs, waitFor } from "./support";

/**
 * Issue 14 §3 on the send queue, against the fake Bot API: a ping's messages (the group's and the
 * courier's private copy) are recorded under the pickup's card; retiring the card takes their
 * inline keyboards away (editMessageReplyMarkup without a keyboard); a message Telegram refuses to
 * edit is skipped, and nothing fails.
 */
const GROUP = "-100500";
const COURIER = "3001";
const GROUP_MS = 400;

let jobs: TestJobs;
const api = new FakeBotApi();
const { prefix } = redisForFile(
  "cards",
  () => jobs?.close(),
  () => api.stop(),
);
const store = auditOnlyStore();
let notifier: Notifier & { retireCards(cardKey: string): Promise<void> };

beforeAll(async () => {
  const url = await api.start();
  const telegram = createTelegramSender(
    new Api("123:TEST-TOKEN-abcdefghijklmnop", { apiRoot: url }),
    silentLogger,
  );
  jobs = await startTestJobs({
    prefix,
    domain: domainDouble({}),
    store,
    senders: { telegram },
    tuning: {
      limits: { telegram: { privateChatMs: 0, groupChatMs: GROUP_MS, global: { max: 1, duration: 10 } } },
    },
  });
  const { retireCards } = jobs.notifier;
  if (!retireCards) throw new Error("the queued notifier retires cards");
  notifier = Object.assign(jobs.notifier, { retireCards });
});
beforeEach(() => {
  api.calls.length = 0;
});

/** A ping as the desk sends it (pickups/pings.ts), with 接单 / 拒单 for pickup `pickup`, to one chat. */
const ping = (chatId: string, cardKey: string, ref: string, pickup = ref): Notice => ({
  to: { kind: "chat", chat: { channel: "telegram", chatId }, language: "zh" },
  key: "notice.pickup.taken",
  params: { ref, address: "东区 幸福路 8 号", courier: "张伟(105)" },
  actions: [
    { labelKey: "notice.action.accept", action: `pa.${pickup}` },
    { labelKey: "notice.action.decline", action: `pd.${pickup}` },
  ],
  cardKey,
});

/** The messages sent whose text names `ref`, as `<chat>/<message id>`. */
const sentAs = (ref: string) =>
  (api.results("sendMessage") as { message_id: number; chat: { id: number }; text: string }[])
    .filter((m) => m.text.includes(`取件 ${ref}(`))
    .map((m) => `${m.chat.id}/${m.message_id}`);
/** The sendMessage call whose text names `ref`. */
const sendOf = (ref: string) =>
  api.callsOf("sendMessage").find((b) => String(b.text).includes(`取件 ${ref}(`));
const edits = () =>
  api.callsOf("editMessageReplyMarkup").map((b) => `${String(b.chat_id)}/${String(b.message_id)}`);

/** Something sent after the retirement's job, to know that the queue has moved past it. */
async function queuePassed(label: string): Promise<void> {
  // A card of its own: two copies of one card in a chat would make the older one superseded (edited).
  await notifier.notify(ping(COURIER, `another-card-${label}`, label));
  await waitFor(
    label,
    () => sentAs(label).length,
    (n) => n === 1,
  );
}

describe("retiring a card on the Telegram send queue", () => {
  it("takes the keyboard off the group's ping and the courier's copy once the pickup is accepted", async () => {
    await notifier.notify(ping(GROUP, "pickup-p1", "P1G"));
    await notifier.notify(ping(COURIER, "pickup-p1", "P1C"));
    await waitFor(
      "both pings",
      () => [...sentAs("P1G"), ...sentAs("P1C")],
      (ids) => ids.length === 2,
    );
    const pinged = [...sentAs("P1G"), ...sentAs("P1C")];
    expect(sendOf("P1G")?.reply_markup).toBeDefined();

    await notifier.retireCards("pickup-p1");
    await waitFor("both keyboards gone", edits, (e) => e.length === 2);
    expect(edits().sort()).toEqual(pinged.sort());
    // An empty inline keyboard: the text stays, the buttons go.
    expect(api.callsOf("editMessageReplyMarkup").map((b) => b.reply_markup)).toEqual([
      { inline_keyboard: [] },
      { inline_keyboard: [] },
    ]);

    // Retired again (a second press, a job run twice): nothing is left to edit.
    api.calls.length = 0;
    await notifier.retireCards("pickup-p1");
    await queuePassed("M1");
    expect(edits()).toEqual([]);
  });

  it("skips a message Telegram refuses to edit (too old, deleted) and still clears the others", async () => {
    await notifier.notify(ping(COURIER, "pickup-p2", "P2C"));
    await notifier.notify(ping(GROUP, "pickup-p2", "P2G"));
    await waitFor(
      "both pings",
      () => [...sentAs("P2G"), ...sentAs("P2C")],
      (ids) => ids.length === 2,
    );
    api.answer("editMessageReplyMarkup", {
      error_code: 400,
      description: "Bad Request: message can't be edited",
    });
    await notifier.retireCards("pickup-p2");
    await waitFor("both edits tried", edits, (e) => e.length === 2);
    expect(edits().sort()).toEqual([...sentAs("P2G"), ...sentAs("P2C")].sort());
    // Nothing failed, and the refused message is not tried again.
    api.calls.length = 0;
    await notifier.retireCards("pickup-p2");
    await queuePassed("M2");
    expect(edits()).toEqual([]);
    expect(store.entries.filter((e) => e.action === "notice.failed")).toEqual([]);
  });

  it("a ping still queued when its card is retired goes out without buttons; a later ping keeps them", async () => {
    // The group's per-chat gap holds the second ping in the queue while the card is retired.
    await notifier.notify(ping(GROUP, "pickup-p3", "P3A", "P3"));
    await notifier.notify(ping(GROUP, "pickup-p3", "P3B", "P3"));
    await waitFor(
      "the first ping",
      () => sentAs("P3A").length,
      (n) => n === 1,
    );
    await notifier.retireCards("pickup-p3");
    await waitFor(
      "the second ping",
      () => sentAs("P3B").length,
      (n) => n === 1,
    );
    expect(sendOf("P3B")).toBeDefined();
    expect(sendOf("P3B")?.reply_markup).toBeUndefined();
    await waitFor("the first ping's keyboard gone", edits, (e) => e.length === 1);
    expect(edits()).toEqual(sentAs("P3A"));

    // A new ping of the same card after the retirement (a decline's re-ping) keeps its buttons.
    await notifier.notify(ping(GROUP, "pickup-p3", "P3C", "P3"));
    await waitFor(
      "the new ping",
      () => sentAs("P3C").length,
      (n) => n === 1,
    );
    expect(JSON.stringify(sendOf("P3C")?.reply_markup)).toContain("a.pa.P3");
    await queuePassed("M3");
    expect(edits()).toEqual(sentAs("P3A"));
  });
});
