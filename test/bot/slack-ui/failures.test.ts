import type { App } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AckTooLate } from "../../../src/bot/slack/receiver";
import { DirectoryIndex, parseDirectory } from "../../../src/domain/config/directory";
import type { Desk } from "../../../src/domain/desk/desk";
import { t } from "../../../src/domain/messages";
import { branchWith } from "../../support/branch";
import { openMemoryStore } from "../../support/memory/store";
import { freshTrackingNo, scan } from "../../support/parcels";
import { boltAppFor, installWorldStaffUi, SlackWebApiStub } from "../../support/slack-web-api-stub";
import { customerChat, testId, world } from "../../support/use-case-harness";

/**
 * The staff UI when things go wrong (issue 10 §4): a submission that fails or answers after the
 * receiver's ack timeout is never silent; a stale Home "answer" cannot answer a colleague's query;
 * "take" opens its modal before the work and tells the person by DM when the modal cannot open.
 */
const directory = new DirectoryIndex(
  parseDirectory(
    branchWith([
      { id: "amy", name: "Amy", workNo: "018", roles: ["agent"], slackId: "U0AMY", language: "en" },
      { id: "bo", name: "波", workNo: "019", roles: ["agent"], slackId: "U0BO" },
      { id: "kai", name: "凯", workNo: "107", roles: ["courier"], slackId: "U0KAI" },
    ]),
  ),
);
const store = openMemoryStore();
const w = world(store);
Object.assign(w.deps, { directory });

const api = new SlackWebApiStub({ id: "V9", hash: "h9" });
const calls = api.calls;
/** Web API methods that answer `{ ok: false }` (a trigger that expired, say). */
const failing = api.failing;
/** Desk methods that throw (a database outage). */
const broken = new Set<string>();
let app: App;

const desk = new Proxy(w.desk, {
  get(target, name: string) {
    if (broken.has(name)) return async () => Promise.reject(new Error(`${name}: database down`));
    const real = Reflect.get(target, name);
    if (name !== "takeQuery" || typeof real !== "function") return real;
    // Taking is traced among the Web API calls: the form must open before it (the trigger's 3 s).
    return (...args: unknown[]) => {
      calls.push({ method: "desk.takeQuery", args: {} });
      return real.apply(target, args);
    };
  },
}) as Desk;

beforeAll(async () => {
  app = boltAppFor(await api.start(), { retries: 0 });
  installWorldStaffUi(app, w, store, directory, desk);
});
afterAll(async () => {
  await api.close();
  await store.close();
});
beforeEach(() => {
  calls.length = 0;
  failing.clear();
  broken.clear();
});

/** One interaction through Bolt; `late`: the receiver already answered Slack (its ack timeout). */
async function dispatch(body: Record<string, unknown>, late = false): Promise<unknown> {
  let acked: unknown = "not acknowledged";
  await app.processEvent({
    body,
    ack: async (response?: unknown) => {
      if (late) throw new AckTooLate();
      acked = response;
    },
  });
  return acked;
}
const callsOf = (method: string) => calls.filter((c) => c.method === method).map((c) => c.args);
const view = (callback_id: string, private_metadata: string, values: Record<string, unknown>) => ({
  type: "view_submission",
  team: { id: "T1", domain: "x" },
  user: { id: "U0AMY", username: "amy", name: "amy", team_id: "T1" },
  api_app_id: "A1",
  token: "t",
  trigger_id: "tr",
  view: {
    id: "V1",
    callback_id,
    hash: "h1",
    private_metadata,
    state: { values },
    type: "modal",
    team_id: "T1",
    app_id: "A1",
    bot_id: "B1",
    blocks: [],
  },
});
const problemNote = (user: string, trackingNo: string) => ({
  ...view("ui.pn", "{}", {
    "ui.pn.trackingNo": { "ui.pn.trackingNo": { type: "plain_text_input", value: trackingNo } },
    "ui.pn.category": {
      "ui.pn.category": { type: "static_select", selected_option: { value: "nobody_home" } },
    },
    "ui.pn.f.reason": {
      "ui.pn.f.reason": { type: "static_select", selected_option: { value: "switched_off" } },
    },
    "ui.pn.f.attemptAt": { "ui.pn.f.attemptAt": { type: "timepicker", selected_time: "09:30" } },
  }),
  user: { id: user, username: user, name: user, team_id: "T1" },
});
const answerForm = (queryId: string, text: string) =>
  view("ui.ans", queryId, { "ui.ans.text": { "ui.ans.text": { type: "plain_text_input", value: text } } });
const take = (user: string, queryId: string) => ({
  type: "block_actions",
  team: { id: "T1", domain: "x" },
  user: { id: user, username: user, team_id: "T1" },
  api_app_id: "A1",
  token: "t",
  trigger_id: "tr-take",
  actions: [{ type: "button", action_id: "ui.home.take", block_id: "b", value: queryId, action_ts: "1" }],
});
async function openQuery(): Promise<string> {
  const raised = await w.desk.raiseQuery({
    asker: customerChat(testId()),
    language: "zh",
    text: "到哪了",
    trackingNo: freshTrackingNo(),
  });
  if (!raised.ok) throw new Error(raised.reason);
  return raised.query.id;
}
async function arrivedParcel(): Promise<string> {
  const no = freshTrackingNo();
  await store.parcels.addScans([scan(no, "arrived", "2026-11-26T08:00:00Z")], new Date());
  return no;
}

describe("a modal submission that fails or answers late is never silent", () => {
  it("a problem note whose storing fails is answered with the apology on a field, nothing stored", async () => {
    const no = await arrivedParcel();
    broken.add("recordProblem");
    const acked = await dispatch(problemNote("U0KAI", no));
    expect(acked).toEqual({
      response_action: "errors",
      errors: { "ui.pn.trackingNo": t("zh", "error.internal") },
    });
    expect(await store.problems.listByParcel(no)).toEqual([]);
  });

  it("a problem-note refusal that comes after the ack timeout is told by DM", async () => {
    const acked = await dispatch(problemNote("U0KAI", "not-a-number"), true);
    expect(acked).toBe("not acknowledged");
    const [dm] = callsOf("chat.postMessage");
    expect(dm).toMatchObject({ channel: "U0KAI", text: expect.any(String) });
    expect(String(dm?.text).length).toBeGreaterThan(0);
  });

  it("an answer stored after the ack timeout is still confirmed by DM", async () => {
    const id = await openQuery();
    await w.desk.takeQuery(id, "amy");
    await dispatch(answerForm(id, "It arrives today"), true);
    expect((await store.queries.get(id))?.status).toBe("answered");
    expect(callsOf("chat.postMessage")).toMatchObject([
      { channel: "U0AMY", text: t("en", "staff.query.answered") },
    ]);
  });

  it("an answer form whose storing fails is answered with the apology on its field", async () => {
    const id = await openQuery();
    broken.add("answerQuery");
    expect(await dispatch(answerForm(id, "It arrives today"))).toEqual({
      response_action: "errors",
      errors: { "ui.ans.text": t("en", "error.internal") },
    });
    expect((await store.queries.get(id))?.status).toBe("open");
  });
});

describe("the App Home's answer and take", () => {
  it("SOP-10: a stale Home 'answer' cannot answer a query a colleague now holds (not_yours, the holder named)", async () => {
    const id = await openQuery();
    await w.desk.takeQuery(id, "bo");
    const acked = await dispatch(answerForm(id, "I answer anyway"));
    expect(acked).toEqual({
      response_action: "errors",
      errors: { "ui.ans.text": t("en", "staff.query.notYours", { name: "波(019)" }) },
    });
    expect(await store.queries.get(id)).toMatchObject({ status: "open", assignee: "bo" });
  });

  it("take opens the answer form before the work (the trigger's three seconds), then takes; the Home is refreshed", async () => {
    const id = await openQuery();
    await dispatch(take("U0AMY", id));
    expect(calls.map((c) => c.method)).toEqual(["views.open", "desk.takeQuery", "views.publish"]);
    expect(callsOf("views.open")).toMatchObject([
      { trigger_id: "tr-take", view: { callback_id: "ui.ans", private_metadata: id } },
    ]);
    expect((await store.queries.get(id))?.assignee).toBe("amy");
  });

  it("take of a query a colleague took meanwhile turns the opened form into a note naming them", async () => {
    const id = await openQuery();
    await w.desk.takeQuery(id, "bo");
    await dispatch(take("U0AMY", id));
    expect(calls.map((c) => c.method)).toEqual([
      "views.open",
      "desk.takeQuery",
      "views.update",
      "views.publish",
    ]);
    expect(JSON.stringify(callsOf("views.update")[0]?.view)).toContain(
      t("en", "staff.query.takenBy", { name: "波(019)" }),
    );
    expect((await store.queries.get(id))?.assignee).toBe("bo");
  });

  it("take whose modal cannot open (trigger expired) still takes, says so by DM and refreshes the Home", async () => {
    const id = await openQuery();
    failing.add("views.open");
    await dispatch(take("U0AMY", id));
    expect((await store.queries.get(id))?.assignee).toBe("amy");
    expect(callsOf("chat.postMessage")).toMatchObject([
      { channel: "U0AMY", text: t("en", "staff.query.taken") },
    ]);
    expect(callsOf("views.publish")).toMatchObject([{ user_id: "U0AMY" }]);
  });

  it("take that fails is told by DM and the Home is refreshed", async () => {
    const id = await openQuery();
    broken.add("takeQuery");
    await dispatch(take("U0AMY", id));
    expect(callsOf("chat.postMessage")).toMatchObject([
      { channel: "U0AMY", text: t("en", "error.internal") },
    ]);
    expect(callsOf("views.publish")).toMatchObject([{ user_id: "U0AMY" }]);
    expect((await store.queries.get(id))?.assignee).toBeNull();
  });
});
