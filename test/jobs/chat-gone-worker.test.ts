import { describe, expect, it } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../src/domain/config/directory";
import type { ChatRef } from "../../src/domain/kernel/chat";
import { SendRejectedError } from "../../src/domain/ports/channel-sender";
import { freshTrackingNo, scan } from "../support/parcels";
import { deskOnJobs } from "./desk-on-jobs";
import { memoryPresence, RunningClock, TEST_DIRECTORY, testPolicy, waitFor } from "./support";

/**
 * Issue 17 §5 on real BullMQ: the send worker ends a chat's following when the sender says the
 * chat is gone (SendRejectedError.chatGone), and only then: it reads the flag, never the words.
 */
const policy = testPolicy({ following: { quietHours: { starts: "21:00", ends: "08:00" } } });
const directory = new DirectoryIndex(parseDirectory(TEST_DIRECTORY));
const clock = new RunningClock("2026-11-27T02:00:00Z");
const on = deskOnJobs("chat_gone", { policy, clock, presence: memoryPresence(), directory });
const { telegram } = on;
const at = (time: string) => new Date(`2026-11-27T${time}+08:00`);

const { ingest } = on;

describe("a rejected push and the chat's following (issue 17 §5)", () => {
  it("a rejection flagged chatGone ends the following; one about the message, however worded, does not", async () => {
    clock.set(at("10:00:00"));
    const no = freshTrackingNo();
    await ingest([scan(no, "arrived", at("06:20:00"))]);
    const gone: ChatRef = { channel: "telegram", chatId: "9200001", userId: "9200001" };
    const refused: ChatRef = { channel: "telegram", chatId: "9200002", userId: "9200002" };
    await on.desk.follow(gone, "zh", no);
    await on.desk.follow(refused, "zh", no);
    telegram.failWith = (message) => {
      if (message.chatId === gone.chatId)
        return new SendRejectedError("the platform said so", { chatGone: true });
      // The words the old regex read as "gone": without the flag they are only this message's refusal.
      if (message.chatId === refused.chatId)
        return new SendRejectedError(`user ${refused.chatId} has blocked the bot`);
      return undefined;
    };
    try {
      await ingest([scan(no, "out_for_delivery", at("09:30:00"), "扬州东关营业部")]);
      await waitFor(
        "the gone chat to follow nothing",
        async () => (await on.store.subscriptions.subscribers(no)).map((s) => s.chat.chatId),
        (ids) => !ids.includes(gone.chatId),
      );
      await waitFor(
        "the refused message's failure record",
        () => on.store.audit.list({ subject: `chat/telegram/${refused.chatId}` }),
        (entries) => entries.some((e) => e.action === "notice.failed"),
      );
      expect(await on.desk.following(refused, no)).toEqual({ everyScan: false });
      const audit = await on.store.audit.list({ subject: `chat/telegram/${refused.chatId}` });
      expect(audit.map((e) => e.action)).not.toContain("following.chat_blocked");
    } finally {
      telegram.failWith = undefined;
    }
  });
});
