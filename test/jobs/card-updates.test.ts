import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../src/domain/config/directory";
import type { Notice, Notifier } from "../../src/domain/ports";
import type {
  ChannelSender,
  OutboundContent,
  OutboundMessage,
  SentMessageRef,
} from "../../src/domain/ports/channel-sender";
import { type CardUpdateContext, updateCard } from "../../src/jobs/card-updates";
import { redisCardRecords, redisCardSequence } from "../../src/jobs/cards";
import { createQueuedNotifier } from "../../src/jobs/notifier";
import { silentLogger } from "../../src/log";
import {
  auditOnlyStore,
  domainDouble,
  memoryPresence,
  redisForFile,
  startTestJobs,
  TEST_DIRECTORY,
  type TestJobs,
  waitFor,
} from "./support";

/**
 * Issue 10 §3 on the send queues: a card's copies are recorded per channel with the copy each one
 * is; an update changes every copy sent before it in place, with that copy's content; an older
 * update never overwrites a newer one, whatever order the jobs run in; a channel without `update`
 * loses only its buttons; one pickup pinged on Telegram and on Slack shows on both who took it.
 */

/** A channel that sends, updates in place and can be made slow (to interleave two update jobs). */
class EditingSender implements ChannelSender {
  readonly sent: OutboundMessage[] = [];
  /** `<chat>/<message id>` of each message sent, in order. */
  readonly refs: string[] = [];
  readonly updates: { ref: string; content: OutboundContent }[] = [];
  readonly cleared: string[] = [];
  #next = 1;
  slowUpdate: ((content: OutboundContent) => Promise<void>) | undefined;
  constructor(readonly editable = true) {}

  async send(message: OutboundMessage): Promise<SentMessageRef[]> {
    this.sent.push(message);
    const ref = { chatId: message.chatId, messageId: String(this.#next++) };
    this.refs.push(`${ref.chatId}/${ref.messageId}`);
    return [ref];
  }
  async clearButtons(ref: SentMessageRef): Promise<void> {
    this.cleared.push(`${ref.chatId}/${ref.messageId}`);
  }
  /** What each message shows now: its last update's text. */
  shows(ref: string): string | undefined {
    return this.updates.findLast((u) => u.ref === ref)?.content.text;
  }
}
function withUpdate(sender: EditingSender): EditingSender & Required<Pick<ChannelSender, "update">> {
  return Object.assign(sender, {
    async update(ref: SentMessageRef, content: OutboundContent) {
      await sender.slowUpdate?.(content);
      sender.updates.push({ ref: `${ref.chatId}/${ref.messageId}`, content });
    },
  });
}

let jobs: TestJobs;
const { prefix, redis } = redisForFile("card-updates", () => jobs?.close());
const telegram = withUpdate(new EditingSender());
const slack = withUpdate(new EditingSender());
let notifier: Notifier & Required<Pick<Notifier, "updateCards">>;

beforeAll(async () => {
  jobs = await startTestJobs({
    prefix,
    domain: domainDouble({}),
    store: auditOnlyStore(),
    senders: { telegram, slack },
    tuning: {
      limits: {
        telegram: { privateChatMs: 0, groupChatMs: 0 },
        slack: { privateChatMs: 0, groupChatMs: 0 },
      },
    },
  });
  const { updateCards } = jobs.notifier;
  if (!updateCards) throw new Error("the queued notifier updates cards");
  notifier = Object.assign(jobs.notifier, { updateCards });
});
beforeEach(() => {
  for (const s of [telegram, slack]) {
    s.sent.length = 0;
    s.refs.length = 0;
    s.updates.length = 0;
    s.cleared.length = 0;
  }
});

/** A pickup ping to dispatch (the Telegram group and the Slack channel of the test directory). */
const ping = (pickup: string): Notice => ({
  to: { kind: "dispatch" },
  key: "notice.pickup.taken",
  params: { ref: pickup, address: "东关街 1 号", courier: "—" },
  fields: [{ labelKey: "card.field.address", value: "东关街 1 号" }],
  actions: [{ labelKey: "notice.action.accept", action: `pa.${pickup}` }],
  select: {
    placeholderKey: "card.select.assign",
    options: [{ label: "张伟(105)", action: `pz.${pickup}_0_zhang` }],
  },
  cardKey: `pickup-${pickup}`,
});
const taken = (pickup: string, courier: string) => () => ({
  key: "notice.pickup.taken" as const,
  params: { ref: pickup, address: "东关街 1 号", courier },
});

describe("updating a card in place on the send queues", () => {
  it("one pickup pinged on Telegram and Slack: both copies show who took it, without buttons", async () => {
    await notifier.notify(ping("P1"));
    await waitFor(
      "both pings",
      () => telegram.sent.length + slack.sent.length,
      (n) => n === 2,
    );
    expect(slack.sent[0]?.select?.options[0]?.payload).toBe("a.pz.P1_0_zhang");
    expect(slack.sent[0]?.fields).toEqual([{ label: "地址", value: "东关街 1 号" }]);
    await notifier.updateCards("pickup-P1", taken("P1", "张伟(105)"));
    await waitFor(
      "both updates",
      () => telegram.updates.length + slack.updates.length,
      (n) => n === 2,
    );
    for (const s of [telegram, slack]) {
      expect(s.updates[0]?.content.text).toContain("已由 张伟(105) 接单");
      expect(s.updates[0]?.content.buttons).toBeUndefined();
    }
  });

  it("a copy still queued when the card was updated goes out as the card is now", async () => {
    const cards = redisCardRecords(redis, prefix);
    await cards.offerUpdate("slack", "pickup-P2", {
      at: Date.now() + 60_000,
      contents: { "dispatch.zh": { text: "已由 刘洋 接单" } },
    });
    await notifier.notify(ping("P2"));
    await waitFor(
      "the ping",
      () => slack.sent.length,
      (n) => n === 1,
    );
    expect(slack.sent[0]?.text).toBe("已由 刘洋 接单");
    expect(slack.sent[0]?.buttons).toBeUndefined();
  });
});

describe("a retired card on the send queues", () => {
  it("a copy still queued when its card was retired goes out without its buttons and its select", async () => {
    const cards = redisCardRecords(redis, prefix);
    await cards.retire("slack", "pickup-P3", Date.now() + 60_000);
    await notifier.notify(ping("P3"));
    await waitFor(
      "the ping",
      () => slack.sent.length,
      (n) => n === 1,
    );
    expect(slack.sent[0]?.text).toContain("P3");
    expect(slack.sent[0]?.buttons).toBeUndefined();
    expect(slack.sent[0]?.select).toBeUndefined();
  });
});

describe("update ordering (enqueue time), on Redis", () => {
  const context = (sender: ChannelSender): CardUpdateContext => ({
    channel: "slack",
    sender,
    cards: redisCardRecords(redis, prefix),
    log: silentLogger,
    platformError: async (error) => error,
  });
  const content = (text: string, buttons = false): Record<string, OutboundContent> => ({
    "dispatch.zh": { text, ...(buttons ? { buttons: [{ label: "接单", payload: "a.pa.x" }] } : {}) },
    "person.en": { text: `${text} (en)` },
  });

  it("an older update that runs after a newer one changes nothing", async () => {
    const sender = withUpdate(new EditingSender());
    const cards = redisCardRecords(redis, prefix);
    await cards.record("slack", "card-o1", [{ chatId: "C1", messageId: "1" }], 100, "dispatch.zh");
    await cards.record("slack", "card-o1", [{ chatId: "U1", messageId: "2" }], 100, "person.en");
    await updateCard(context(sender), { updateCard: "card-o1", contents: content("accepted") }, 300);
    await updateCard(context(sender), { updateCard: "card-o1", contents: content("assigned") }, 200);
    expect(sender.shows("C1/1")).toBe("accepted");
    expect(sender.shows("U1/2")).toBe("accepted (en)");
    expect(sender.updates.length).toBe(2);
  });

  it("two updates running at once: the newest is what every copy shows at the end", async () => {
    const sender = withUpdate(new EditingSender());
    const cards = redisCardRecords(redis, prefix);
    await cards.record("slack", "card-o2", [{ chatId: "C1", messageId: "1" }], 100, "dispatch.zh");
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The older job's call to Slack is slow: it lands after the newer job's.
    sender.slowUpdate = async (c) => {
      if (c.text === "assigned") await gate;
    };
    const older = updateCard(context(sender), { updateCard: "card-o2", contents: content("assigned") }, 200);
    await new Promise((r) => setTimeout(r, 20));
    await updateCard(context(sender), { updateCard: "card-o2", contents: content("accepted") }, 300);
    release();
    await older;
    expect(sender.updates.map((u) => u.content.text)).toEqual(["accepted", "assigned", "accepted"]);
    expect(sender.shows("C1/1")).toBe("accepted");
  });

  it("reaches only the copies sent before it; one sent later keeps its own content", async () => {
    const sender = withUpdate(new EditingSender());
    const cards = redisCardRecords(redis, prefix);
    await cards.record("slack", "card-o3", [{ chatId: "C1", messageId: "1" }], 100, "dispatch.zh");
    await cards.record("slack", "card-o3", [{ chatId: "C1", messageId: "9" }], 500, "dispatch.zh");
    await updateCard(context(sender), { updateCard: "card-o3", contents: content("declined") }, 300);
    expect(sender.updates.map((u) => u.ref)).toEqual(["C1/1"]);
  });

  it("a channel that cannot edit takes the buttons away when the card has none left, else leaves it", async () => {
    const sender = new EditingSender(false);
    const cards = redisCardRecords(redis, prefix);
    await cards.record("slack", "card-o4", [{ chatId: "C1", messageId: "1" }], 100, "dispatch.zh");
    await updateCard(context(sender), { updateCard: "card-o4", contents: content("reminder", true) }, 200);
    expect(sender.cleared).toEqual([]);
    await updateCard(context(sender), { updateCard: "card-o4", contents: content("cancelled") }, 300);
    expect(sender.cleared).toEqual(["C1/1"]);
  });

  it("the same update run twice (a retried job) changes each copy once", async () => {
    const sender = withUpdate(new EditingSender());
    const cards = redisCardRecords(redis, prefix);
    await cards.record("slack", "card-o5", [{ chatId: "C1", messageId: "1" }], 100, "dispatch.zh");
    const job = { updateCard: "card-o5", contents: content("collected") };
    await updateCard(context(sender), job, 200);
    await updateCard(context(sender), job, 200);
    expect(sender.updates.length).toBe(1);
  });
});

describe("one live copy of a pickup per chat (a reminder or a repeat ping)", () => {
  const reminder =
    (pickup: string, key: "notice.pickup.taken" = "notice.pickup.taken") =>
    () => ({
      key,
      params: { ref: pickup, address: "东关街 1 号", courier: "—" },
      actions: [{ labelKey: "notice.action.accept" as const, action: `pa.${pickup}` }],
      select: {
        placeholderKey: "card.select.assign" as const,
        options: [{ label: "张伟(105)", action: `pz.${pickup}_0_zhang` }],
      },
    });

  it("the older copy loses its buttons and points at the newer one; a later update keeps it so", async () => {
    await notifier.notify(ping("P5"));
    await waitFor(
      "the first pings",
      () => slack.sent.length + telegram.sent.length,
      (n) => n === 2,
    );
    // The desk's repeat (pickups/card.ts pingDispatch): the card's state on the copies, then new copies.
    await notifier.updateCards("pickup-P5", reminder("P5"));
    await notifier.notify(ping("P5"));
    await waitFor(
      "the second pings",
      () => slack.sent.length + telegram.sent.length,
      (n) => n === 4,
    );
    const oldRef = (s: EditingSender) => s.refs[0] ?? "none";
    for (const s of [telegram, slack]) {
      await waitFor(
        "the older copy superseded",
        () => s.updates.filter((u) => u.ref === oldRef(s)).at(-1)?.content,
        (c) => c?.text.startsWith("⬇ 见下方新的派单") === true,
      );
      const shown = s.updates.filter((u) => u.ref === oldRef(s)).at(-1)?.content;
      expect(shown?.buttons).toBeUndefined();
      expect(shown?.select).toBeUndefined();
      expect(shown?.text).toContain("P5");
    }
    // An update that still has buttons (the pickup assigned): only the newest copy gets them.
    const before = slack.updates.length;
    await notifier.updateCards("pickup-P5", reminder("P5"));
    await waitFor(
      "the update on Slack",
      () => slack.updates.length - before,
      (n) => n === 2,
    );
    const byRef = new Map(slack.updates.slice(before).map((u) => [u.ref, u.content]));
    expect(byRef.get(oldRef(slack))?.buttons).toBeUndefined();
    expect(byRef.get(oldRef(slack))?.text).toContain("见下方新的派单");
    expect(byRef.get(slack.refs[1] ?? "none")?.buttons?.length).toBe(1);
  });
});

describe("card jobs in order by the card's own sequence", () => {
  it("two updates enqueued within one millisecond: the newer one is what the card shows", async () => {
    await notifier.notify(ping("P6"));
    await waitFor(
      "the pings",
      () => slack.sent.length + telegram.sent.length,
      (n) => n === 2,
    );
    const frozen = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(frozen);
    try {
      await notifier.updateCards("pickup-P6", taken("P6", "刘洋(106)"));
      await notifier.updateCards("pickup-P6", taken("P6", "张伟(105)"));
    } finally {
      clock.mockRestore();
    }
    await waitFor(
      "the newer update on both",
      () => [telegram, slack].map((s) => s.shows(s.refs[0] ?? "none")),
      (shown) => shown.every((text) => text?.includes("张伟(105)")),
    );
    await notifier.notify({ ...ping("M6"), cardKey: "card-m6" }); // the queues moved past both
    await waitFor(
      "the marker",
      () => slack.sent.length,
      (n) => n === 2,
    );
    expect(slack.shows(slack.refs[0] ?? "none")).toContain("张伟(105)");
  });

  it("the sequence goes up by one within a millisecond and never falls below the time", async () => {
    const at = 1_800_000_000_000;
    const sequence = redisCardSequence(redis, prefix, () => at);
    const first = await sequence.next("card-seq");
    expect(first).toBe(at);
    expect(await sequence.next("card-seq")).toBe(at + 1);
    expect(await redisCardSequence(redis, prefix, () => at + 10).next("card-seq")).toBe(at + 10);
  });
});

describe("card jobs only where the card went", () => {
  it("queues an update and a retirement only on the channels the card was sent on; none for a card never sent", async () => {
    const added: { channel: string; name: string }[] = [];
    const queue = (channel: string) => ({
      add: async (name: string) => {
        added.push({ channel, name });
      },
    });
    const queued = createQueuedNotifier({
      queues: { send: { telegram: queue("telegram"), slack: queue("slack"), web: queue("web") } } as never,
      directory: new DirectoryIndex(parseDirectory(TEST_DIRECTORY)),
      presence: memoryPresence(),
      audit: auditOnlyStore().audit,
      log: silentLogger,
      cards: redisCardSequence(redis, prefix),
    });
    await queued.notify({
      to: { kind: "chat", chat: { channel: "telegram", chatId: "42" }, language: "zh" },
      key: "notice.pickup.taken",
      params: { ref: "P7", address: "—", courier: "—" },
      cardKey: "pickup-P7",
    });
    await queued.updateCards?.("pickup-P7", taken("P7", "张伟(105)"));
    await queued.retireCards?.("pickup-P7");
    await queued.updateCards?.("pickup-never-sent", taken("P8", "张伟(105)"));
    await queued.retireCards?.("pickup-never-sent");
    expect(added).toEqual([
      { channel: "telegram", name: "send" },
      { channel: "telegram", name: "update" },
      { channel: "telegram", name: "retire" },
    ]);
  });
});
