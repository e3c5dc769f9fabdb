import { describe, it } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../src/domain/config/directory";
import type { ChatRef } from "../../src/domain/kernel/chat";
import { SendRejectedError } from "../../src/domain/ports/channel-sender";
import { freshTrackingNo, scan } from "../support/parcels";
import { deskOnJobs } from "./desk-on-jobs";
import {
  memoryPresence,
  type RecordingSender,
  RunningClock,
  TEST_DIRECTORY,
  testPolicy,
  waitFor,
} from "./support";

/**
 * Issue 17 end to end on real BullMQ: the ingest records what followers are to hear of, the
 * follow-push timer sends it through the send queue, quiet hours hold it (a window that ends a few
 * seconds after the test starts) and merge what waited into one message, and a chat that blocked
 * the bot (a 403) stops following. Each test has its desk, jobs and clock of its own (10:00 in
 * Shanghai, a Friday, unless it moves it), so the tests run at once: the others do not wait
 * behind the quiet hours' end.
 */
const policy = testPolicy({ following: { quietHours: { starts: "21:00", ends: "08:00" } } });
const directory = new DirectoryIndex(parseDirectory(TEST_DIRECTORY));
const deskOfItsOwn = (label: string) => {
  const clock = new RunningClock("2026-11-27T02:00:00Z");
  // Its fields are filled in before the tests (deskOnJobs' beforeAll): read them in the test.
  return Object.assign(deskOnJobs(label, { policy, clock, presence: memoryPresence(), directory }), {
    clock,
  });
};
const pushes = deskOfItsOwn("following-pushes");
const quiet = deskOfItsOwn("following-quiet");
const blocking = deskOfItsOwn("following-blocked");

let chats = 0;
function customerChat(): ChatRef {
  chats += 1;
  const id = String(9_100_000 + chats);
  return { channel: "telegram", chatId: id, userId: id };
}

const sentTo = (on: { telegram: RecordingSender }, chat: ChatRef) =>
  on.telegram.sent.filter((m) => m.chatId === chat.chatId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An instant on the branch's clock (Shanghai) on 2026-11-27. */
const at = (time: string, date = "2026-11-27") => new Date(`${date}T${time}+08:00`);

describe.concurrent("issue 17 on the job queues", () => {
  it("pushes each status once, through the send queue, with its buttons", async ({ expect }) => {
    const { clock, ingest, desk } = pushes;
    clock.set(at("10:00:00"));
    const no = freshTrackingNo();
    await ingest([scan(no, "arrived", at("06:20:00"))]);
    const chat = customerChat();
    expect(await desk.follow(chat, "zh", no)).toBe("followed");

    await ingest([scan(no, "out_for_delivery", at("09:30:00"), "扬州东关营业部")]);
    await waitFor(
      "the push",
      () => sentTo(pushes, chat).length,
      (n) => n === 1,
    );
    expect(sentTo(pushes, chat)[0]?.text).toContain("正在派送中");
    expect(sentTo(pushes, chat)[0]?.buttons?.map((b) => b.payload)).toEqual([`a.uf.${no}`]);

    // The same status again, and the same batch posted twice: nothing more.
    await ingest([scan(no, "out_for_delivery", at("09:45:00"), "扬州东关营业部")]);
    await ingest([scan(no, "out_for_delivery", at("09:30:00"), "扬州东关营业部")]);
    await ingest([scan(no, "delivered", at("09:58:00"), "扬州东关营业部")]);
    await waitFor(
      "the delivered push",
      () => sentTo(pushes, chat).length,
      (n) => n === 2,
    );
    await sleep(500);
    expect(sentTo(pushes, chat).map((m) => m.text.split("\n")[0])).toEqual([
      expect.stringContaining("正在派送中"),
      expect.stringContaining("已签收"),
    ]);
    // Unfollowed: the next status reaches nobody there.
    expect(await desk.unfollow(chat, no)).toBe(true);
    expect((await ingest([scan(no, "returned", at("09:59:00"), "扬州东关营业部")])).pushes).toBe(0);
    await sleep(500);
    expect(sentTo(pushes, chat)).toHaveLength(2);
  });

  it("§3: quiet hours hold pushes until they end, then one message with the latest status", async ({
    expect,
  }) => {
    const { clock, ingest, store, desk } = quiet;
    // Eight seconds before the quiet hours end: room for a busy machine before the check below.
    clock.set(at("07:59:52"));
    const no = freshTrackingNo();
    await ingest([scan(no, "arrived", at("06:20:00"))]);
    const chat = customerChat();
    await desk.follow(chat, "en", no);
    await ingest([scan(no, "out_for_delivery", at("07:59:45"), "扬州东关营业部")]);
    await ingest([scan(no, "problem", at("07:59:50"), "扬州东关营业部")]);
    await sleep(1000);
    expect(sentTo(quiet, chat)).toEqual([]);
    expect((await store.following.figures(at("07:00:00"))).pushesWaiting).toBe(2);

    await waitFor(
      "the morning's push",
      () => sentTo(quiet, chat).length,
      (n) => n >= 1,
      15_000,
    );
    await sleep(700);
    expect(sentTo(quiet, chat)).toHaveLength(1);
    expect(sentTo(quiet, chat)[0]?.text).toContain("met a problem");
    expect(sentTo(quiet, chat)[0]?.text).not.toContain("out for delivery");
    expect(sentTo(quiet, chat)[0]?.buttons?.map((b) => b.payload)).toEqual([`a.fh.${no}`, `a.uf.${no}`]);
    expect(await store.following.figures(at("07:00:00"))).toMatchObject({
      pushesWaiting: 0,
      pushesHeld: 2,
    });
  }, 30_000);

  it("§5: a chat that blocked the bot (403) stops following every parcel", async ({ expect }) => {
    const { clock, ingest, telegram, store, desk } = blocking;
    clock.set(at("10:00:00"));
    const [one, two] = [freshTrackingNo(), freshTrackingNo()];
    await ingest([scan(one, "arrived", at("06:20:00")), scan(two, "arrived", at("06:20:00"))]);
    const blocked = customerChat();
    const other = customerChat();
    await desk.follow(blocked, "zh", one);
    await desk.follow(blocked, "zh", two);
    await desk.follow(other, "zh", one);
    telegram.failWith = (message) =>
      message.chatId === blocked.chatId
        ? new SendRejectedError(`user ${blocked.chatId} has blocked the bot`, { chatGone: true })
        : undefined;
    try {
      await ingest([scan(one, "out_for_delivery", at("09:30:00"), "扬州东关营业部")]);
      await waitFor(
        "the other follower's push",
        () => sentTo(blocking, other).length,
        (n) => n === 1,
      );
      await waitFor(
        "the blocked chat to follow nothing",
        async () => (await store.subscriptions.subscribersOf([one, two])).map((s) => s.chat.chatId),
        (ids) => !ids.includes(blocked.chatId),
      );
      expect(await desk.following(other, one)).toEqual({ everyScan: false });
      const audit = await store.audit.list({ subject: `chat/telegram/${blocked.chatId}` });
      expect(audit.map((e) => e.action)).toEqual(
        expect.arrayContaining(["following.chat_blocked", "notice.failed"]),
      );
      // Its next status finds nobody to tell there.
      const calls = telegram.calls.filter((m) => m.chatId === blocked.chatId).length;
      await ingest([scan(two, "out_for_delivery", at("09:40:00"), "扬州东关营业部")]);
      await sleep(500);
      expect(telegram.calls.filter((m) => m.chatId === blocked.chatId)).toHaveLength(calls);
    } finally {
      telegram.failWith = undefined;
    }
  });
});
