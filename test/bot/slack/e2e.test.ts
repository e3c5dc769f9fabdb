import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { t } from "../../../src/domain/messages";
import type { SlackHarness } from "../../support/slack-app";
import { startSlackHarness } from "../../support/slack-app";
import { customerTelegramIds, slackBranch } from "../../support/slack-branch";
import {
  buttonLabels,
  hasButton,
  type SlackUser,
  selectOptionLabels,
  sign,
} from "../../support/slack-client";
import {
  callText,
  cardHead,
  requestPickupOnTelegram,
  sendsSettled,
  toldSince,
  waitForPing,
  waitTold,
  waitUpdated,
} from "../../support/slack-e2e";
import { poll, type SlackCall, type SlackView, shownText } from "../../support/slack-recorder";

/**
 * Slack end to end (issue 10, "Done means"): the real service (startApp, PGlite, Redis, job
 * workers) with Slack's signed requests posted to POST /slack/events, and what the service sent
 * read from a local recorder of Web API calls (SLACK_API_URL). Customers write in on Telegram
 * (the telegram-test-api emulator); the branch's staff work from Slack; dispatch is a Slack channel.
 */
const branch = slackBranch();
const [pickupCustomer, assignCustomer, askingCustomer, limitedCustomer, refusedCustomer, homeCustomer] =
  customerTelegramIds(6);
const { wang, chen, li, sun, zhang, liu } = branch.people as Record<
  "wang" | "chen" | "li" | "sun" | "zhang" | "liu",
  SlackUser
>;
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness(branch, 13);
}, 60_000); // PGlite creating its database is most of it (longer on a loaded 2-core machine)

afterAll(async () => {
  await h?.stop([
    pickupCustomer,
    assignCustomer,
    askingCustomer,
    limitedCustomer,
    refusedCustomer,
    homeCustomer,
  ] as number[]);
}, 45_000);

const customer = (userId: number) => h.emulator.user(h.telegramToken, { userId });
const zh = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t("zh", key, params);

/** The pickup's id, read off the store by its address (the ping's buttons carry opaque ids). */
async function pickupAt(address: string) {
  const pickups = await h.app.store.pickups.listByStatus(["requested", "assigned", "accepted"]);
  const found = pickups.find((p) => p.address === address);
  if (!found) throw new Error(`no pickup at ${address}`);
  return found;
}

interface SlackManifest {
  features?: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    slash_commands?: { command: string; url: string }[];
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled?: boolean; request_url?: string };
  };
}

/** The bot scopes a Web API method needs (api.slack.com/methods), by the conversation it names. */
function scopesFor(method: string, channel: string): string[] | undefined {
  const history = channel.startsWith("D")
    ? "im:history"
    : channel.startsWith("G")
      ? "groups:history"
      : "channels:history";
  const table: Record<string, string[]> = {
    "auth.test": [],
    "chat.postMessage": ["chat:write"],
    "chat.update": ["chat:write"],
    "chat.postEphemeral": ["chat:write"],
    "chat.delete": ["chat:write"],
    "conversations.history": [history],
    "conversations.open": ["im:write"],
    "users.info": ["users:read"],
    "views.open": [],
    "views.update": [],
    "views.push": [],
    "views.publish": [],
  };
  return table[method];
}

/**
 * Sets an agent's seat busy (SOP-14) and waits for the answer: seats live in Redis by person id,
 * so a test that sets one starts from a known state whatever ran before it.
 */
async function seatBusy(agent: SlackUser, language: "zh" | "en"): Promise<void> {
  const since = h.recorder.calls.length;
  const answer = await h.slack.command(agent, "/parcel", "busy");
  expect(answer.status).toBe(200);
  const busy = [t(language, "staff.seat.nowBusy"), t(language, "staff.seat.alreadyBusy")];
  await poll(
    () => toldSince(h.recorder, agent, since, answer.text).find((x) => busy.some((b) => x.text.includes(b))),
    () => `${agent.name} was not told the seat is busy: ${h.recorder.describe(since)}`,
  );
}

describe("Slack end to end (startApp + signed requests + Web API recorder)", () => {
  it("answers Slack's url_verification with the challenge", async () => {
    const challenge = `3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P-${Date.now()}`;
    const answer = await h.slack.urlVerification(challenge);
    expect(answer.status).toBe(200);
    // Slack takes the challenge as the plain body or as {"challenge": …}.
    expect(answer.json?.challenge ?? answer.text).toBe(challenge);
  });

  it("refuses a wrong or stale signature with 401 and changes nothing (SOP-14 seat untouched)", async () => {
    await seatBusy(chen, "en");
    const since = h.recorder.calls.length;
    const body = h.slack.commandBody(chen, "/parcel", "available");
    const form = "application/x-www-form-urlencoded";
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      { signature: "v0=0000000000000000000000000000000000000000000000000000000000000000" },
      { secret: "not-the-signing-secret" },
      { timestamp: now - 6 * 60 }, // rightly signed, but six minutes old: a replay
      { timestamp: now + 6 * 60 },
      { signature: sign(h.signingSecret, now, `${body}&text=busy`) }, // signed for another body
      { signature: sign(h.signingSecret, now, body).replace("v0=", "v1=") },
    ];
    for (const attempt of attempts) {
      const answer = await h.slack.post(body, form, attempt);
      expect(answer.status, JSON.stringify(attempt)).toBe(401);
    }
    const unsigned = await fetch(`${h.app.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": form },
      body,
    });
    expect(unsigned.status).toBe(401);
    const forgedClick = await h.slack.interact(
      { type: "block_actions", user: { id: chen.id }, actions: [{ action_id: "x", value: "a.pa.forged" }] },
      { secret: "not-the-signing-secret" },
    );
    expect(forgedClick.status).toBe(401);

    // The same command rightly signed: the seat was not set by any of the forgeries above.
    const answer = await h.slack.command(chen, "/parcel", "available");
    expect(answer.status).toBe(200);
    const told = await waitTold(h.recorder, chen, since, t("en", "staff.seat.nowAvailable"), answer.text);
    expect(told.map((x) => x.text).join("\n")).not.toContain(t("en", "staff.seat.alreadyAvailable"));
    expect(told).toHaveLength(1);
  });

  it("answers a malformed request with 400, and carries on", async () => {
    const since = h.recorder.calls.length;
    const form = "application/x-www-form-urlencoded";
    const malformed: [string, string][] = [
      ['{"type":"event_callback","event":{"type":"message"', "application/json"], // cut short
      ["payload=%7B%22type%22%3A%22block_actions%22", form], // payload is not JSON
      ["payload=%5B1%2C2%5D", form], // payload is JSON, but not an object
      ["hello=world", form], // neither a payload nor a command
    ];
    for (const [body, contentType] of malformed) {
      const answer = await h.slack.post(body, contentType);
      expect(answer.status, body).toBe(400);
    }
    const verified = await h.slack.urlVerification("still-here");
    expect(verified.json?.challenge ?? verified.text).toBe("still-here");
    expect(h.recorder.calls.slice(since).filter((c) => c.method.startsWith("chat."))).toEqual([]);
  });

  it("answers a slash command: /parcel available sets the agent's seat available (SOP-14)", async () => {
    await seatBusy(wang, "zh");
    const since = h.recorder.calls.length;
    const answer = await h.slack.command(wang, "/parcel", "available");
    expect(answer.status).toBe(200);
    const told = await waitTold(h.recorder, wang, since, zh("staff.seat.nowAvailable"), answer.text);
    // One answer, in one place (not an ack text and a DM and an ephemeral).
    expect(told).toHaveLength(1);
  });

  it("pings a pickup in the dispatch channel; a courier's accept updates that same message (SOP-20)", async () => {
    const address = "扬州市文昌路 88 号 3 栋 201 室";
    const phone = "13900000009";
    const asker = customer(pickupCustomer as number);
    await requestPickupOnTelegram(asker, address, phone);
    const accept = zh("notice.action.accept");
    const ping = await waitForPing(h, branch.dispatchChannel, "文昌路 88 号", accept);

    // One Block Kit message with what a courier needs; a channel never reads the phone or the flat
    // (issue 16 §6): the road and street number assign the pickup.
    const shown = shownText(ping);
    expect(ping.blocks.length).toBeGreaterThan(0);
    for (const fact of [
      "扬州市文昌路 88 号 * 栋 *** 室",
      "城东",
      "文件",
      zh("payment.sender_pays"),
      "15:00",
    ]) {
      expect(shown, fact).toContain(fact);
    }
    expect(shown).not.toContain("201 室");
    expect(shown).not.toContain(phone);
    expect(shown).toContain("139****0009");
    expect(hasButton(ping.blocks, accept)).toBe(true);
    expect(selectOptionLabels(ping.blocks).some((o) => o.includes("张伟"))).toBe(true);
    const pickup = await pickupAt(address);
    expect(pickup.status).toBe("requested");

    // Someone not in the directory clicks accept: told privately, nothing changes.
    const before = h.recorder.calls.length;
    const refused = await h.slack.click(branch.stranger, ping, accept);
    expect(refused.status).toBe(200);
    const strangerTold = await poll(
      () => toldSince(h.recorder, branch.stranger, before, refused.text)[0],
      () => `the stranger was told nothing: ${h.recorder.describe(before)}`,
    );
    // An ephemeral note where they clicked: only they see it.
    expect(strangerTold).toMatchObject({
      via: "chat.postEphemeral",
      text: expect.stringContaining(zh("buttons.notForYou")),
    });
    expect(
      h.recorder.calls
        .slice(before)
        .filter((c) => c.method === "chat.postMessage" && c.args.channel === branch.dispatchChannel),
    ).toEqual([]);
    expect((await h.app.store.pickups.get(pickup.id))?.status).toBe("requested");

    // The zone's courier accepts in the channel: the same message now says who took it.
    const clicked = await h.slack.click(zhang, ping, accept);
    expect(clicked.status).toBe(200);
    const accepted = cardHead("accepted", "张伟(105)");
    const updated = await waitUpdated(
      h.recorder,
      ping,
      (text) => text.includes(accepted),
      `showing "${accepted}"`,
    );
    expect(updated.text).toContain(accepted);
    expect(hasButton(updated.blocks, accept)).toBe(false);
    await expect.poll(async () => (await h.app.store.pickups.get(pickup.id))?.status).toBe("accepted");
    expect((await h.app.store.pickups.get(pickup.id))?.courierId).toBe("zhang");

    // The customer hears once, with the courier's name (SOP-20, SOP-21).
    const heard = await asker.expect((m) => m.text.includes("张伟"), "telling who accepted");
    expect(heard.text).toContain("13800000003");
    await sendsSettled(h, "telegram", [pickupCustomer as number]);
    expect(
      h.emulator.botMessages(pickupCustomer as number).filter((m) => m.text.includes("张伟")),
    ).toHaveLength(1);
    // One ping in the channel for this pickup, changed in place rather than posted again.
    const pings = h.recorder
      .messagesIn(branch.dispatchChannel)
      .filter((m) => hasButton(m.versions[0]?.blocks ?? [], accept) && shownText(m).includes("文昌路 88 号"));
    expect(pings.map((m) => m.ts)).toEqual([ping.ts]);
  });

  it("keeps each pickup one message in the dispatch channel: its acceptance changes the card and posts nothing new (issue 10 §3)", async () => {
    // The pickup of the test above, once everything its acceptance sends the channel is out.
    await sendsSettled(h, "slack", [branch.dispatchChannel]);
    const about = h.recorder
      .messagesIn(branch.dispatchChannel)
      .filter((m) => m.versions.some((v) => v.text.includes("文昌路 88 号")));
    expect(about.map((m) => m.text)).toEqual([expect.stringContaining(cardHead("accepted", "张伟(105)"))]);
  });

  it("marks the accepted pickup collected from the courier's DM: the channel card says so in place, the customer is told once", async () => {
    const collectedLabel = zh("staff.courier.button.collected");
    const job = h.recorder
      .messagesIn(zhang.id)
      .find((m) => shownText(m).includes("文昌路 88 号") && hasButton(m.blocks, collectedLabel));
    if (!job) throw new Error(`zhang's DM has no "${collectedLabel}" button for the pickup he accepted`);
    const ping = h.recorder
      .messagesIn(branch.dispatchChannel)
      .find(
        (m) =>
          hasButton(m.versions[0]?.blocks ?? [], zh("notice.action.accept")) &&
          m.text.includes("文昌路 88 号"),
      );
    if (!ping) throw new Error("the pickup's ping is not in the channel");
    const pickup = await h.app.store.pickups.listByCourier("zhang", ["accepted"]);
    const mine = pickup.find((p) => p.address.includes("文昌路 88 号"));
    expect(mine).toBeDefined();

    expect((await h.slack.click(zhang, structuredClone(job), collectedLabel)).status).toBe(200);
    const collected = cardHead("collected", "张伟(105)");
    const now = await waitUpdated(
      h.recorder,
      ping,
      (text) => text.includes(collected),
      `showing "${collected}"`,
    );
    expect(buttonLabels(now.blocks)).toEqual([]);
    await expect.poll(async () => (await h.app.store.pickups.get(mine?.id ?? ""))?.status).toBe("collected");
    const asker = customer(pickupCustomer as number);
    const heard = zh("notice.pickup.collected", { courier: "张伟" }).split("{ref}")[0] ?? "—";
    await asker.expect((m) => m.text.includes(heard), "telling the customer it was collected");
    await sendsSettled(h, "telegram", [pickupCustomer as number]);
    expect(
      h.emulator.botMessages(pickupCustomer as number).filter((m) => m.text.includes(heard)),
    ).toHaveLength(1);
  });

  it("lets a dispatcher assign a pickup from the card's select; the card shows it", async () => {
    const address = "扬州市东关街 66 号 1 栋 101 室";
    const asker = customer(assignCustomer as number);
    await requestPickupOnTelegram(asker, address, "13900000066");
    const ping = await waitForPing(h, branch.dispatchChannel, "东关街 66 号", zh("notice.action.accept"));
    const pickup = await pickupAt(address);

    // A courier (not a dispatcher) picking in the select changes nothing.
    const before = h.recorder.calls.length;
    const notAllowed = await h.slack.select(liu, ping, "张伟");
    expect(notAllowed.status).toBe(200);
    const liuTold = await poll(
      () => toldSince(h.recorder, liu, before, notAllowed.text)[0],
      () => `liu was told nothing: ${h.recorder.describe(before)}`,
    );
    expect(liuTold).toMatchObject({
      via: "chat.postEphemeral",
      text: expect.stringContaining(zh("buttons.notForYou")),
    });
    expect((await h.app.store.pickups.get(pickup.id))?.status).toBe("requested");

    const assignedHead = zh("notice.pickup.assigned").split("{ref}")[0] ?? "";
    expect(assignedHead.length).toBeGreaterThan(2);
    const answer = await h.slack.select(sun, ping, "张伟");
    expect(answer.status).toBe(200);
    const assigned = cardHead("assigned", "张伟(105)");
    const updated = await waitUpdated(
      h.recorder,
      ping,
      (text) => text.includes(assigned),
      `showing "${assigned}"`,
    );
    // Still waiting for the courier to accept: the card keeps its accept button.
    expect(hasButton(updated.blocks, zh("notice.action.accept"))).toBe(true);
    await expect.poll(async () => (await h.app.store.pickups.get(pickup.id))?.status).toBe("assigned");
    expect((await h.app.store.pickups.get(pickup.id))?.courierId).toBe("zhang");
    const audit = await h.app.store.audit.list({ subject: `pickup/${pickup.id}` });
    expect(audit.filter((a) => a.action === "pickup.assigned")).toMatchObject([
      { actor: { kind: "person", personId: "sun" }, data: { courierId: "zhang" } },
    ]);
    // The courier hears of it in Slack (their DM), once.
    const toZhang = (c: SlackCall) =>
      c.method === "chat.postMessage" &&
      (c.args.channel === zhang.id || c.args.channel === h.recorder.dmChannel(zhang.id)) &&
      callText(c).includes("东关街 66 号") &&
      callText(c).includes(assignedHead);
    await h.recorder.waitFor(toZhang, "telling zhang it was assigned to him", { since: before });
    await sendsSettled(h, "slack", [zhang.id]);
    expect(h.recorder.calls.slice(before).filter(toZhang)).toHaveLength(1);
  });

  it("shows a customer's cancellation on Telegram on the dispatch channel's card, in place and without buttons", async () => {
    // The pickup the dispatcher assigned in the test above.
    const ping = h.recorder
      .messagesIn(branch.dispatchChannel)
      .find(
        (m) =>
          shownText(m).includes("东关街 66 号") &&
          hasButton(m.versions[0]?.blocks ?? [], zh("notice.action.accept")),
      );
    if (!ping) throw new Error("the assigned pickup's ping is not in the channel");
    const pickup = await pickupAt("扬州市东关街 66 号 1 栋 101 室");
    const asker = customer(assignCustomer as number);
    asker.skip();
    await asker.send("/mypickups");
    const list = await asker.expect(
      (m) => m.buttons.some((b) => b.data.includes(`cancel:${pickup.id}`)),
      "with the cancel button",
    );
    await asker.pressOn(list, (b) => b.data.includes(`cancel:${pickup.id}`));
    const confirm = await asker.expect(
      (m) => m.buttons.some((b) => b.data.endsWith(".yes")),
      "asking to confirm",
    );
    await asker.pressOn(confirm, (b) => b.data.endsWith(".yes"));
    await asker.expect(
      (m) => m.text.includes(zh("customer.myPickups.cancelled").split("{ref}")[0] ?? "—"),
      "saying it is cancelled",
    );

    const cancelled = zh("card.pickup.cancelled").split("{ref}")[0]?.trim() ?? "—";
    const now = await waitUpdated(
      h.recorder,
      ping,
      (text) => text.includes(cancelled),
      `showing "${cancelled}"`,
    );
    expect(now.text).toContain(cancelled);
    expect(buttonLabels(now.blocks)).toEqual([]);
    expect(selectOptionLabels(now.blocks)).toEqual([]);
    expect((await h.app.store.pickups.get(pickup.id))?.status).toBe("cancelled");
  });

  it("files a problem note through the modal: an SOP-42 reason is refused on its field, a valid one is stored with its audit row", async () => {
    const trackingNo = "YT3000000003";
    await h.ingest([
      { trackingNo, at: "2026-11-26T12:00:00Z", kind: "arrived", location: "扬州分拨中心" },
      { trackingNo, at: "2026-11-27T01:00:00Z", kind: "out_for_delivery", location: "扬州城东" },
    ]);
    const since = h.recorder.calls.length;
    const opened = await h.slack.command(zhang, "/parcel", `problem ${trackingNo}`);
    expect(opened.status).toBe(200);
    const open = await h.recorder.waitFor(
      (c) => c.method === "views.open" && c.result.ok === true,
      "opening the modal",
      {
        since,
      },
    );
    let view = h.recorder.view(String((open.result.view as { id: string }).id)) as SlackView;

    // The category first: its fields come from the taxonomy (SOP-36: open-to-inspect).
    const category = "拆包验货件";
    const trackingLabel = zh("problemForm.trackingNo");
    if (!JSON.stringify(view.view.blocks).includes("详细原因")) {
      const picked = await h.slack.selectInView(zhang, view, category, { [trackingLabel]: trackingNo });
      expect(picked.status).toBe(200);
      view = await poll(
        () => {
          const now = h.recorder.view(view.id);
          return now && JSON.stringify(now.view.blocks).includes("详细原因") ? now : undefined;
        },
        () => `the modal never showed the fields of ${category}: ${h.recorder.describe(since)}`,
      );
    }
    const reasonBlock = (view.view.blocks ?? []).find(
      (b) => b.type === "input" && JSON.stringify(b.label).includes("详细原因"),
    );
    expect(reasonBlock, "an input for the detailed reason").toBeDefined();
    const told = "派送时已告知";
    const categoryLabel = zh("problemForm.category");

    // SOP-42: "would not carry it upstairs" is no problem-parcel reason; the error sits on that field.
    const refused = await h.slack.submitView(zhang, view, {
      [trackingLabel]: trackingNo,
      [categoryLabel]: category,
      详细原因: "收件人说业务员不送上楼,所以拒收",
      [told]: "片区",
    });
    expect(refused.status).toBe(200);
    expect(refused.json?.response_action).toBe("errors");
    const errors = (refused.json?.errors ?? {}) as Record<string, string>;
    expect(Object.keys(errors)).toEqual([String(reasonBlock?.block_id)]);
    expect(errors[String(reasonBlock?.block_id)]).toContain("不送上楼或态度问题不作为问题件留言");
    expect(errors[String(reasonBlock?.block_id)]).not.toContain("SOP-");
    expect(await h.app.store.problems.listByParcel(trackingNo)).toEqual([]);

    // SOP-42 offered as what it is (不作问题件): chosen as the category, refused on the category.
    const categoryBlock = (view.view.blocks ?? []).find(
      (b) => b.type === "input" && JSON.stringify(b.label).includes(categoryLabel),
    );
    const notAProblem = await h.slack.submitView(zhang, view, {
      [trackingLabel]: trackingNo,
      [categoryLabel]: "业务员不送上楼",
    });
    expect(notAProblem.json?.response_action).toBe("errors");
    const categoryErrors = (notAProblem.json?.errors ?? {}) as Record<string, string>;
    const categoryError = categoryErrors[String(categoryBlock?.block_id)];
    expect(categoryError).toContain("不送上楼或态度问题不作为问题件留言");
    expect(categoryError).not.toContain("SOP-");
    expect(await h.app.store.problems.listByParcel(trackingNo)).toEqual([]);

    const accepted = await h.slack.submitView(zhang, view, {
      [trackingLabel]: trackingNo,
      [categoryLabel]: category,
      详细原因: "收件人要求当面拆包检查内件是否完好",
      [told]: "片区",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json?.response_action).not.toBe("errors");
    const notes = await h.app.store.problems.listByParcel(trackingNo);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ category: "open_to_inspect", recordedBy: "zhang" });
    expect(String(notes[0]?.details.reason)).toContain("当面拆包");
    const audit = await h.app.store.audit.list({ subject: `parcel/${trackingNo}` });
    expect(audit.filter((a) => a.action === "problem.recorded")).toHaveLength(1);
    expect(audit.find((a) => a.action === "problem.recorded")?.data.noteId).toBe(notes[0]?.id);
    // Stored first, then the courier is told in their DM.
    await waitTold(h.recorder, zhang, since, trackingNo);
  });

  it("answers a customer's query from a Slack DM; the customer on Telegram gets the answer once, and a retried event is handled once (SOP-10)", async () => {
    const seat = await h.slack.command(wang, "/parcel", "available");
    expect(seat.status).toBe(200);
    const asker = customer(askingCustomer as number);
    const question = "我的包裹 YT4000000004 三天没有更新了,请帮忙查一下";
    await asker.send(`/human ${question}`);
    await asker.expect(
      (m) => m.text.includes(zh("customer.human.opened").split("{due}")[0] ?? "—"),
      "saying a query is open",
    );

    const dm = h.recorder.dmChannel(wang.id);
    const take = zh("notice.action.take");
    const notice = await h.recorder.waitForMessage(
      wang.id,
      (m) => shownText(m).includes("YT4000000004") && hasButton(m.blocks, take),
      "with the query notice and its take button",
    );
    const before = h.recorder.messagesIn(dm).length;
    const clicked = await h.slack.click(wang, notice, take);
    expect(clicked.status).toBe(200);
    await h.recorder.waitForMessage(
      dm,
      (m) => shownText(m).includes(zh("staff.query.typeAnswer")),
      "asking for the answer",
      {
        since: before,
      },
    );
    // The notice's button goes, so it cannot be taken twice.
    await poll(
      () => {
        const now = h.recorder.message(notice.channel, notice.ts);
        return now && !hasButton(now.blocks, take) ? now : undefined;
      },
      () =>
        `the notice still has its take button: ${JSON.stringify(h.recorder.message(notice.channel, notice.ts))}`,
    );

    const answerText = "您好,包裹已到扬州分拨中心,今天下午派送。";
    const typedEvent = h.slack.eventBody(h.slack.dmEvent(wang, answerText));
    // Slack retries an event it saw no answer to in time, possibly while the first is still in
    // hand (X-Slack-Retry-Num 1), and again later (2): the answer is taken once.
    const [typed, retried] = await Promise.all([
      h.slack.post(typedEvent, "application/json"),
      h.slack.post(typedEvent, "application/json", { retryNum: 1, retryReason: "http_timeout" }),
    ]);
    expect([typed.status, retried.status]).toEqual([200, 200]);
    const send = zh("staff.query.button.send");
    const confirm = await h.recorder.waitForMessage(
      dm,
      (m) => shownText(m).includes(answerText) && hasButton(m.blocks, send),
      "confirming the answer",
    );
    const late = await h.slack.post(typedEvent, "application/json", {
      retryNum: 2,
      retryReason: "http_timeout",
    });
    expect(late.status).toBe(200);

    const sent = await h.slack.click(wang, confirm, send);
    expect(sent.status).toBe(200);
    await h.recorder.waitForMessage(
      dm,
      (m) => shownText(m).includes(zh("staff.query.answered")),
      "saying it was sent",
    );
    const delivered = await asker.expect((m) => m.text.includes(answerText), "with the agent's answer");
    expect(delivered.text).toContain("017"); // SOP-80: signed with the work number

    // Every version of each message: a confirmation posted twice would show here even if edited since.
    const confirms = h.recorder
      .messagesIn(dm)
      .filter((m) =>
        m.versions.some((v) => v.text.includes(answerText) || JSON.stringify(v.blocks).includes(answerText)),
      );
    expect(confirms).toHaveLength(1);
    expect(
      h.emulator.botMessages(askingCustomer as number).filter((m) => m.text.includes(answerText)),
    ).toHaveLength(1);
    const chat = {
      channel: "telegram" as const,
      chatId: String(askingCustomer),
      userId: String(askingCustomer),
    };
    expect(await h.app.store.queries.listOpenByAsker(chat)).toEqual([]);
  });

  it("waits out Slack's 429 (Retry-After) and pings once; a message Slack refuses for good is recorded (issue 10 §5)", async () => {
    const toDispatch = (args: Record<string, unknown>) => args.channel === branch.dispatchChannel;
    h.recorder.failNext("chat.postMessage", { status: 429, retryAfter: 1 }, 1, toDispatch);
    const since = h.recorder.calls.length;
    await requestPickupOnTelegram(customer(limitedCustomer as number), "扬州市文昌路 300 号", "13900000300");
    await waitForPing(h, branch.dispatchChannel, "文昌路 300 号", zh("notice.action.accept"));
    const posts = h.recorder.calls
      .slice(since)
      .filter(
        (c) => c.method === "chat.postMessage" && toDispatch(c.args) && callText(c).includes("文昌路 300 号"),
      );
    // The recorder limits every try within Retry-After again, as Slack does: one 429 means the
    // service waited it out before trying again.
    expect(posts.map((c) => c.status)).toEqual([429, 200]);

    h.recorder.failNext("chat.postMessage", { error: "channel_not_found" }, 1, toDispatch);
    await requestPickupOnTelegram(customer(refusedCustomer as number), "扬州市文昌路 400 号", "13900000400");
    const failed = await poll(
      async () => {
        const rows = await h.app.store.audit.list({
          subject: `chat/slack/${branch.dispatchChannel}`,
          limit: 20,
        });
        return rows.find((r) => r.action === "notice.failed");
      },
      () => "no notice.failed audit row for the dispatch channel",
    );
    expect(failed.data).toMatchObject({ channel: "slack", chatId: branch.dispatchChannel });
    await sendsSettled(h, "slack", [branch.dispatchChannel]);
    const refusedPosts = h.recorder.calls.filter(
      (c) => c.method === "chat.postMessage" && toDispatch(c.args) && callText(c).includes("文昌路 400 号"),
    );
    expect(refusedPosts.map((c) => c.result.ok)).toEqual([false]); // refused for good: not retried
  });

  it("takes a courier's decline from the channel card: asked why in their DM, the card says so in place and dispatch is pinged again (SOP-20)", async () => {
    // The pickup of the 429 test: nobody has taken it.
    const accept = zh("notice.action.accept");
    const ping = h.recorder
      .messagesIn(branch.dispatchChannel)
      .find((m) => shownText(m).includes("文昌路 300 号") && hasButton(m.versions[0]?.blocks ?? [], accept));
    if (!ping) throw new Error("the pickup's ping is not in the channel");
    const pickup = await pickupAt("扬州市文昌路 300 号");
    const channelBefore = h.recorder.messagesIn(branch.dispatchChannel).length;
    const zhangBefore = h.recorder.messagesIn(zhang.id).length;
    const since = h.recorder.calls.length;
    expect((await h.slack.click(zhang, structuredClone(ping), zh("notice.action.decline"))).status).toBe(200);
    const ask = await h.recorder.waitForMessage(
      zhang.id,
      (m) =>
        shownText(m).includes(zh("pickup.decline.ask").split("{ref}")[0] ?? "—") &&
        hasButton(m.blocks, zh("pickup.declineReason.busy")),
      "asking zhang why",
      { since: zhangBefore },
    );
    expect((await h.slack.click(zhang, ask, zh("pickup.declineReason.busy"))).status).toBe(200);
    await waitTold(
      h.recorder,
      zhang,
      since,
      zh("pickup.decline.done", { reason: zh("pickup.declineReason.busy") }),
    );

    const declined = zh("notice.pickup.declined", {
      courier: "张伟(105)",
      reason: zh("pickup.declineReason.busy"),
    })
      .split("{ref}")[0]
      ?.trim();
    if (!declined) throw new Error("notice.pickup.declined no longer starts with who declined");
    await waitUpdated(h.recorder, ping, (text) => text.includes(declined), `showing "${declined}"`);
    // Dispatch is pinged again: a new message that notifies, still with its accept button.
    const again = await h.recorder.waitForMessage(
      branch.dispatchChannel,
      (m) => m.text.includes(declined) && hasButton(m.blocks, accept),
      "pinging dispatch again",
      { since: channelBefore },
    );
    expect(again.ts).not.toBe(ping.ts);
    expect((await h.app.store.pickups.get(pickup.id))?.status).toBe("requested");
    const events = await h.app.store.pickups.events(pickup.id);
    expect(events.filter((e) => e.event === "declined")).toHaveLength(1);
  });

  it("lets an agent answer from the App Home: it shows the new query, take opens the answer form, the customer gets the answer (issue 10 §4)", async () => {
    const trackingNo = "YT5000000005";
    expect((await h.slack.command(chen, "/parcel", "available")).status).toBe(200); // SOP-14: new queries reach her
    const asker = customer(homeCustomer as number);
    await asker.send(`/human 包裹 ${trackingNo} 显示已签收,但我没有收到`);
    await asker.expect(
      (m) => m.text.includes(zh("customer.human.opened").split("{due}")[0] ?? "—"),
      "saying a query is open",
    );

    // Refreshed when her work changed: the home shows the query without her opening the tab.
    const take = t("en", "notice.action.take");
    const home = await poll(
      () =>
        h.recorder
          .viewsOf(chen.id)
          .find(
            (v) =>
              v.view.type === "home" &&
              shownText({ text: "", blocks: v.view.blocks ?? [] }).includes(trackingNo),
          ),
      () => `chen's home never showed ${trackingNo}: ${h.recorder.describe(0)}`,
    );
    expect(hasButton(home.view.blocks ?? [], take)).toBe(true);

    const since = h.recorder.calls.length;
    const clicked = await h.slack.clickInView(chen, structuredClone(home), take, { near: trackingNo });
    expect(clicked.status).toBe(200);
    const open = await h.recorder.waitFor(
      (c) => c.method === "views.open" && c.result.ok === true,
      "opening the answer form",
      {
        since,
      },
    );
    const form = h.recorder.view(String((open.result.view as { id: string }).id)) as SlackView;
    await expect
      .poll(
        async () => (await h.app.store.queries.listOpen()).find((q) => q.trackingNo === trackingNo)?.assignee,
      )
      .toBe("chen");

    const answer = "您好,快递员确认放在了小区东门的快递柜,取件码已重新发送到您的手机。";
    const empty = await h.slack.submitView(chen, form, { [t("en", "answerForm.label")]: " " });
    expect(empty.json?.response_action).toBe("errors");
    const sent = await h.slack.submitView(chen, form, { [t("en", "answerForm.label")]: answer });
    expect(sent.status).toBe(200);
    expect(sent.json?.response_action).not.toBe("errors");
    const delivered = await asker.expect((m) => m.text.includes(answer), "with chen's answer");
    expect(delivered.text).toContain("021"); // SOP-80: signed with the work number
    await waitTold(h.recorder, chen, since, t("en", "staff.query.answered"));
    await sendsSettled(h, "telegram", [homeCustomer as number]);
    expect(
      h.emulator.botMessages(homeCustomer as number).filter((m) => m.text.includes(answer)),
    ).toHaveLength(1);
  });

  it("shows a supervisor's App Home when they open it", async () => {
    const since = h.recorder.calls.length;
    const opened = await h.slack.appHomeOpened(li);
    expect(opened.status).toBe(200);
    const published = await h.recorder.waitFor(
      (c) => c.method === "views.publish" && c.args.user_id === li.id && c.result.ok === true,
      "publishing li's home",
      { since },
    );
    expect((published.args.view as { type?: string }).type).toBe("home");
  });

  it("answers a Slack user who is not in the directory politely, without running a staff flow", async () => {
    const since = h.recorder.calls.length;
    const answer = await h.slack.command(branch.stranger, "/parcel", "overdue");
    expect(answer.status).toBe(200);
    const told = await poll(
      () => {
        const got = toldSince(h.recorder, branch.stranger, since, answer.text);
        return got.length > 0 ? got : undefined;
      },
      () => `the stranger was told nothing: ${h.recorder.describe(since)}`,
    );
    expect(told.map((x) => x.text)).toEqual([expect.stringContaining(zh("channel.notInDirectory"))]);
  });

  it("answers /parcel typed in the dispatch channel privately: nothing of it is posted there", async () => {
    const since = h.recorder.calls.length;
    const answer = await h.slack.command(sun, "/parcel", "pickups", { channelId: branch.dispatchChannel });
    expect(answer.status).toBe(200);
    // SOP-20: the dispatcher's list of pickups to place (or that there is none).
    const heads = [zh("staff.dispatch.none"), zh("staff.dispatch.title").split("{count}")[0] ?? "—"];
    const told = await poll(
      () => {
        const got = toldSince(h.recorder, sun, since, answer.text);
        return got.some((x) => heads.some((head) => x.text.includes(head))) ? got : undefined;
      },
      () => `sun got no pickup list: ${JSON.stringify(toldSince(h.recorder, sun, since, answer.text))}`,
    );
    expect(told).toHaveLength(1);
    const inChannel = h.recorder.calls
      .slice(since)
      .filter((c) => c.method === "chat.postMessage" && c.args.channel === branch.dispatchChannel);
    expect(inChannel).toEqual([]);
  });

  it("asks in its manifest for every scope the Web API calls of this file needed, and routes to /slack/events", () => {
    const manifest = parseYaml(readFileSync("examples/slack-app-manifest.yaml", "utf8")) as SlackManifest;
    const scopes = new Set(manifest.oauth_config?.scopes?.bot ?? []);
    const needed = new Set<string>();
    for (const call of h.recorder.calls) {
      if (call.method === "response_url") continue;
      const channel = String(call.args.channel ?? "");
      const need = scopesFor(call.method, channel);
      if (need === undefined) throw new Error(`add ${call.method} to scopesFor (its Slack scope)`);
      for (const scope of need) needed.add(scope);
    }
    expect(needed.size).toBeGreaterThan(0); // the calls of the tests above, not an empty list
    expect([...needed].filter((scope) => !scopes.has(scope))).toEqual([]);
    expect(manifest.features?.slash_commands?.map((c) => c.command)).toContain("/parcel");
    const urls = [
      ...(manifest.features?.slash_commands?.map((c) => c.url) ?? []),
      manifest.settings?.event_subscriptions?.request_url,
      manifest.settings?.interactivity?.request_url,
    ];
    for (const url of urls) expect(new URL(String(url)).pathname).toBe("/slack/events");
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(
      expect.arrayContaining(["message.im", "app_home_opened"]),
    );
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.features?.app_home?.messages_tab_enabled).toBe(true);
  });
});
