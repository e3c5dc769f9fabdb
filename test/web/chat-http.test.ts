import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PAGES_PER_CHAT } from "../../src/bot/web/chat-routes";
import type { WebMessage } from "../../src/bot/web/events";
import { t } from "../../src/domain/messages";
import { MAX_TEXT_LENGTH } from "../../src/flows/engine";
import { startWebHarness, type WebHarness } from "../support/web-app";
import { type EventStream, WebVisitor } from "../support/web-client";

/**
 * The web chat over HTTP, as a page uses it but without a browser: the whole service with no chat
 * credentials (startApp), POST /web/messages and the Server-Sent Events of GET /web/events. The
 * browser tests (chat-browser.test.ts) walk the same flows through the page itself.
 */
let h: WebHarness;
const streams: EventStream[] = [];

beforeAll(async () => {
  h = await startWebHarness({ redisDb: 7 });
  await h.ingest([
    { trackingNo: "YT3000000001", at: "2026-11-26T12:00:00Z", kind: "arrived", location: "扬州分拨中心" },
  ]);
}, 60_000); // PGlite creating its database is most of it

afterAll(async () => {
  // Pages still open: stopping the service ends their streams (it would hang otherwise).
  await h?.stop();
  for (const stream of streams) stream.close();
}, 30_000);

async function visitor(): Promise<WebVisitor> {
  const v = new WebVisitor(h.url);
  expect((await v.open("/")).status).toBe(200);
  return v;
}

async function opened(v: WebVisitor, lastEventId?: string): Promise<EventStream> {
  const stream = await v.stream(lastEventId);
  streams.push(stream);
  return stream;
}

const desk = (events: readonly { kind: string }[]) =>
  events.filter(
    (e): e is WebMessage & { id: string } => e.kind === "message" && (e as WebMessage).from === "desk",
  );
const button = (m: WebMessage | undefined, label: string) => m?.buttons?.find((b) => b.label.includes(label));

describe("the web chat over HTTP", () => {
  it("gives a visitor an HttpOnly, SameSite cookie and the page, and answers /track for an ingested parcel", async () => {
    const v = new WebVisitor(h.url);
    const page = await v.open("/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<main id="log"');
    expect(v.setCookie).toMatch(/HttpOnly/i);
    expect(v.setCookie).toMatch(/SameSite=Lax/i);
    const answer = await v.send({ text: "/track YT3000000001" });
    expect(answer.status).toBe(200);
    expect(answer.events[0]).toMatchObject({ kind: "message", from: "visitor", text: "/track YT3000000001" });
    const [status] = desk(answer.events);
    expect(status?.text).toContain("YT3000000001");
    expect(status?.text).toContain("扬州分拨中心");
  });

  it("speaks English to a browser that asks for it, page and chat alike", async () => {
    const v = new WebVisitor(h.url, "en-GB,en;q=0.9");
    const page = await (await v.open("/")).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(t("en", "web.page.placeholder"));
    const answer = await v.send({ text: "YT3000000001" });
    expect(desk(answer.events)[0]?.text).toContain(t("en", "customer.track.status.in_transit"));
  });

  it("keeps the conversation: a page opened again gets it, and after Last-Event-ID only what came later", async () => {
    const v = await visitor();
    const first = await v.send({ text: "YT3000000001" });
    const reload = await opened(v);
    expect(reload.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    reload.close();
    const second = await v.send({ text: "/menu" });
    const resumed = await opened(v, first.events.at(-1)?.id);
    expect(resumed.events.map((e) => e.id)).toEqual(second.events.map((e) => e.id));
  });

  it("an agent (?as=) takes and answers a query; the customer's open page gets the answer as it is sent (SOP-10)", async () => {
    const customer = await visitor();
    const page = await opened(customer);
    const asked = desk((await customer.send({ text: "YT3999999999" })).events).at(-1);
    const yes = button(asked, t("zh", "track.unknown.yes"));
    expect(yes, "a button to ask a person").toBeDefined();
    const opened_ = desk((await customer.send({ payload: yes?.payload ?? "" })).events);
    expect(opened_.map((m) => m.text).join("\n")).toContain("YT3999999999");

    const agent = new WebVisitor(h.url);
    const signedIn = await agent.open("/?as=wang");
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/");
    expect(
      await (await fetch(`${h.url}/web/me`, { headers: { cookie: agent.cookie ?? "" } })).json(),
    ).toMatchObject({ person: { id: "wang" } });
    const list = desk((await agent.send({ text: "/queries" })).events).at(-1);
    const query = button(list, "YT3999999999");
    expect(query, "the query in the agent's list").toBeDefined();
    const card = desk((await agent.send({ payload: query?.payload ?? "" })).events).at(-1);
    const take = button(card, t("zh", "staff.query.button.take"));
    const asking = desk((await agent.send({ payload: take?.payload ?? "" })).events);
    expect(asking.map((m) => m.text).join("\n")).toContain(t("zh", "staff.query.typeAnswer"));
    const answerText = "您好,包裹在扬州分拨中心,今天下午派送。";
    const confirm = desk((await agent.send({ text: answerText })).events).at(-1);
    const send = button(confirm, t("zh", "staff.query.button.send"));
    const done = desk((await agent.send({ payload: send?.payload ?? "" })).events);
    expect(done.map((m) => m.text).join("\n")).toContain(t("zh", "staff.query.answered"));

    const delivered = await page.expect((m) => m.text.includes(answerText), "with the agent's answer");
    expect(delivered.text).toContain("017"); // SOP-80: signed with the work number
    // A page that was closed gets it on its next visit.
    const later = await opened(customer);
    expect(later.messages.some((m) => m.text.includes(answerText))).toBe(true);
  });

  it("answers a forged button like a stale one, and changes nothing", async () => {
    const v = await visitor();
    const before = desk((await v.send({ text: "/menu" })).events).at(-1);
    for (const payload of ["o99.forged", "a.zz.1", "x".repeat(200), ""]) {
      const answer = await v.send({ payload });
      expect(answer.status).toBe(200);
      expect(answer.events).toEqual([]);
      expect(answer.toasts).toHaveLength(1);
      // A notice's action ("a.…") is a staff member's: to a customer it is someone else's card (dispatch.ts runAction).
      const expected = payload.startsWith("a.")
        ? [t("zh", "buttons.notForYou")]
        : [t("zh", "buttons.stale"), t("zh", "buttons.staleNoFlow")];
      expect(expected).toContain(answer.toasts[0]);
    }
    // The menu's own buttons still work.
    const track = before?.buttons?.find((b) => b.label === t("zh", "menu.track"));
    expect(desk((await v.send({ payload: track?.payload ?? "" })).events)).not.toHaveLength(0);
  });

  it("refuses a 10 MB message with a clear answer, and a bad body as bad", async () => {
    const v = await visitor();
    const huge = await v.post(
      "/web/messages",
      undefined,
      JSON.stringify({ text: "包".repeat(10 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.message).toBe(t("zh", "error.tooLong", { max: MAX_TEXT_LENGTH }));
    const long = await v.send({ text: "包".repeat(MAX_TEXT_LENGTH + 1) });
    expect(desk(long.events).map((m) => m.text)).toEqual([
      t("zh", "error.tooLong", { max: MAX_TEXT_LENGTH }),
    ]);
    expect((await v.post("/web/messages", undefined, "{not json")).status).toBe(400);
    const odd = await v.post("/web/messages", { text: "hi", payload: "o1.x" });
    expect(odd).toMatchObject({ status: 400, message: t("zh", "web.badInput") });
    expect((await v.post("/web/messages", { contact: 13800000000 })).status).toBe(400);
    // Another site's form cannot post for the visitor: only the page's JSON is taken.
    const form = await fetch(`${h.url}/web/messages`, {
      method: "POST",
      headers: { cookie: v.cookie ?? "", "content-type": "text/plain" },
      body: JSON.stringify({ text: "/menu" }),
    });
    expect(form.status).toBe(415);
  });

  it(`holds at most ${MAX_PAGES_PER_CHAT} open pages per chat, and none without a cookie`, async () => {
    const v = await visitor();
    const pages = await Promise.all(Array.from({ length: MAX_PAGES_PER_CHAT }, () => opened(v)));
    expect(pages.map((p) => p.status)).toEqual(pages.map(() => 200));
    const extra = await opened(v);
    expect(extra.status).toBe(429);
    pages[0]?.close();
    await expect.poll(async () => (await opened(v)).status).toBe(200);
    expect((await new WebVisitor(h.url).stream()).status).toBe(401);
  });

  it("warns at start-up that ?as= is on (no ADMIN_TOKEN, no chat credentials)", () => {
    expect(h.warnings.some((l) => String(l.msg).includes("?as=<staff id> is on"))).toBe(true);
  });

  it("takes no message from a browser that never opened the page (no chat cookie)", async () => {
    const stranger = new WebVisitor(h.url);
    const answer = await stranger.send({ text: "/track YT3000000001" });
    expect(answer).toMatchObject({ status: 401, message: t("zh", "web.noChat") });
    expect(stranger.cookie).toBeUndefined();
  });

  it("answers a browser opening ?as= with an unknown id with a page in Chinese and English, a script with JSON", async () => {
    const browser = await fetch(`${h.url}/?as=nobody`, {
      headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
      redirect: "manual",
    });
    expect(browser.status).toBe(404);
    expect(browser.headers.get("content-type")).toContain("text/html");
    const page = await browser.text();
    expect(page).toContain(t("zh", "web.as.unknown", { id: "nobody" }));
    expect(page).toContain(t("en", "web.as.unknown", { id: "nobody" }));
    expect(page).toContain('<a href="/">');
    expect(page.indexOf("名录中没有")).toBeLessThan(page.indexOf("Nobody in the staff directory"));
    // A forged id is shown as text, never as markup.
    const forged = await fetch(`${h.url}/?as=${encodeURIComponent("<script>x</script>")}`, {
      headers: { accept: "text/html" },
    });
    expect(await forged.text()).not.toContain("<script>x</script>");
    const script = await fetch(`${h.url}/?as=nobody`, { headers: { accept: "application/json" } });
    expect(script.status).toBe(404);
    expect(await script.json()).toMatchObject({ error: "unknown_person" });
  });

  it("answers /favicon.ico with nothing (204), and its pages name an inline icon, so no load logs a 404", async () => {
    const icon = await fetch(`${h.url}/favicon.ico`);
    expect(icon.status).toBe(204);
    const page = await (await new WebVisitor(h.url).open("/")).text();
    expect(page).toContain('<link rel="icon" href="data:,">');
  });

  it("cuts no pasted text in the page: 10 000 characters get the server's 'too long' answer, not the menu", async () => {
    const page = await (await new WebVisitor(h.url).open("/")).text();
    const input = /<input id="text"[^>]*>/.exec(page)?.[0] ?? "";
    expect(input).not.toBe("");
    expect(input).not.toContain("maxlength");
    const v = await visitor();
    const pasted = await v.send({ text: "请帮我查一下这个包裹".repeat(1000) });
    expect(pasted.status).toBe(200);
    expect(desk(pasted.events).map((m) => m.text)).toEqual([
      t("zh", "error.tooLong", { max: MAX_TEXT_LENGTH }),
    ]);
  });

  it("?as= names a person of the directory: an unknown id is refused, a reload keeps the person's chat", async () => {
    const v = new WebVisitor(h.url);
    const unknown = await v.open("/?as=nobody");
    expect(unknown.status).toBe(404);
    expect(v.cookie).toBeUndefined();
    await v.open("/?as=li");
    const chat = v.cookie;
    await v.open("/?as=li");
    expect(v.cookie).toBe(chat);
    await v.open("/?as=zhang");
    expect(v.cookie).not.toBe(chat);
    const staffCookie = v.cookie ?? "";
    const signOut = await v.post("/web/signout", {});
    expect(signOut.status).toBe(200);
    const me = await fetch(`${h.url}/web/me`, { headers: { cookie: v.cookie ?? "" } });
    expect(await me.json()).toMatchObject({ person: null, signIn: "as" });
    // The signed-out chat is nobody's any more, even to a copy of its cookie.
    const old = await fetch(`${h.url}/web/me`, { headers: { cookie: staffCookie } });
    expect(await old.json()).toMatchObject({ person: null });
  });
});
