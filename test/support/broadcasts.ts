import type { useDeskHarness } from "./desk-harness";

/** li (the duty lead) sends a broadcast; its id. Each a minute after the last, so "the newest" is well defined. */
export async function sendNotice(h: ReturnType<typeof useDeskHarness>, text: string): Promise<string> {
  h.clock.advance(60_000);
  const li = h.staff("li");
  await li.say(`/broadcast ${text}`);
  await li.press("发送");
  const recent = await h.store.broadcasts.listRecent(5);
  const id = recent.find((b) => b.text === text)?.id;
  if (!id) throw new Error("no broadcast sent");
  return id;
}
