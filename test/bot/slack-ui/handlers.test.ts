import type { App } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SlackStaffUi } from "../../../src/bot/slack/staff-ui";
import { DirectoryIndex, parseDirectory } from "../../../src/domain/config/directory";
import { branchWith } from "../../support/branch";
import { openMemoryStore } from "../../support/memory/store";
import { freshTrackingNo, scan } from "../../support/parcels";
import { boltAppFor, installWorldStaffUi, SlackWebApiStub } from "../../support/slack-web-api-stub";
import { auditOf, customerChat, testId, world } from "../../support/use-case-harness";

/**
 * The staff UI's Bolt handlers (issue 10 §4), driven through Bolt's own dispatch (processEvent)
 * with the Web API pointed at a local recorder: the modal opened and rebuilt, a submission
 * answered with errors on its fields or stored and confirmed by DM, the Home tab published, a
 * query taken and answered from it.
 */
const directory = new DirectoryIndex(
  parseDirectory(
    branchWith([
      { id: "amy", name: "Amy", workNo: "018", roles: ["agent"], slackId: "U0AMY", language: "en" },
      { id: "kai", name: "凯", workNo: "107", roles: ["courier"], slackId: "U0KAI" },
    ]),
  ),
);
const store = openMemoryStore();
const w = world(store);
Object.assign(w.deps, { directory });

const api = new SlackWebApiStub();
const calls = api.calls;
let app: App;
let ui: SlackStaffUi;

beforeAll(async () => {
  app = boltAppFor(await api.start());
  ui = installWorldStaffUi(app, w, store, directory);
});
afterAll(async () => {
  await api.close();
  await store.close();
});
beforeEach(() => {
  calls.length = 0;
});

/** Posts one interaction through Bolt and returns what it acknowledged with. */
async function dispatch(body: Record<string, unknown>): Promise<unknown> {
  let acked: unknown = "not acknowledged";
  await app.processEvent({
    body,
    ack: async (response?: unknown) => {
      acked = response;
    },
  });
  return acked;
}
const callsOf = (method: string) => calls.filter((c) => c.method === method).map((c) => c.args);
const values = (trackingNo: string, category: string, fields: Record<string, unknown> = {}) => ({
  "ui.pn.trackingNo": { "ui.pn.trackingNo": { type: "plain_text_input", value: trackingNo } },
  "ui.pn.category": { "ui.pn.category": { type: "static_select", selected_option: { value: category } } },
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`ui.pn.f.${k}`, { [`ui.pn.f.${k}`]: v }])),
});
const submission = (user: string, state: Record<string, unknown>) => ({
  type: "view_submission",
  team: { id: "T1", domain: "x" },
  user: { id: user, username: user, name: user, team_id: "T1" },
  api_app_id: "A1",
  token: "t",
  trigger_id: "tr",
  view: {
    id: "V1",
    callback_id: "ui.pn",
    hash: "h1",
    private_metadata: "{}",
    state: { values: state },
    type: "modal",
    team_id: "T1",
    app_id: "A1",
    bot_id: "B1",
    blocks: [],
  },
});

describe("the problem-note modal on Bolt", () => {
  it("opens the form for a courier, and a polite refusal for someone not on the staff list", async () => {
    await ui.openProblemNote(app.client, "trigger-1", "U0KAI");
    await ui.openProblemNote(app.client, "trigger-2", "U0NOBODY");
    const [form, refusal] = callsOf("views.open") as { view: { callback_id?: string; blocks: unknown[] } }[];
    expect(form?.view.callback_id).toBe("ui.pn");
    expect(refusal?.view.callback_id).toBeUndefined();
    expect(JSON.stringify(refusal?.view.blocks)).toContain("仅供本网点的话务员和业务员使用");
  });

  it("choosing a category updates the same view (views.update with its hash) to that category's fields", async () => {
    await dispatch({
      type: "block_actions",
      team: { id: "T1", domain: "x" },
      user: { id: "U0KAI", username: "kai", team_id: "T1" },
      api_app_id: "A1",
      token: "t",
      trigger_id: "tr",
      actions: [
        { type: "static_select", action_id: "ui.pn.category", block_id: "ui.pn.category", action_ts: "1" },
      ],
      view: submission("U0KAI", values("", "nobody_home")).view,
    });
    const [update] = callsOf("views.update") as {
      view_id: string;
      hash: string;
      view: { blocks: unknown[] };
    }[];
    expect(update).toMatchObject({ view_id: "V1", hash: "h1" });
    expect(JSON.stringify(update?.view.blocks)).toContain("ui.pn.f.attemptAt");
  });

  it("SOP-42: a refused reason is answered on its field and nothing is stored or sent", async () => {
    const no = freshTrackingNo();
    await store.parcels.addScans([scan(no, "arrived", "2026-11-26T08:00:00Z")], new Date());
    const acked = await dispatch(submission("U0KAI", values(no, "courier_rude")));
    expect(acked).toEqual({
      response_action: "errors",
      errors: { "ui.pn.category": expect.stringContaining("不作为问题件留言") },
    });
    expect(JSON.stringify(acked)).not.toMatch(/SOP-?\d/);
    expect(await store.problems.listByParcel(no)).toEqual([]);
    expect(callsOf("chat.postMessage")).toEqual([]);
  });

  it("a valid note is stored with its audit row, then confirmed by DM and the Home refreshed", async () => {
    const no = freshTrackingNo();
    await store.parcels.addScans([scan(no, "arrived", "2026-11-26T08:00:00Z")], new Date());
    const acked = await dispatch(
      submission(
        "U0KAI",
        values(no, "nobody_home", {
          reason: { type: "static_select", selected_option: { value: "switched_off" } },
          attemptAt: { type: "timepicker", selected_time: "09:30" },
        }),
      ),
    );
    expect(acked).toBeUndefined();
    expect(await auditOf(store, `parcel/${no}`)).toMatchObject([
      { action: "problem.recorded", actor: { personId: "kai" } },
    ]);
    expect(callsOf("chat.postMessage")).toMatchObject([
      { channel: "U0KAI", text: expect.stringContaining("已登记") },
    ]);
    expect(callsOf("views.publish")).toMatchObject([{ user_id: "U0KAI" }]);
  });

  it("a submission by someone not on the staff list is refused on the form", async () => {
    const acked = await dispatch(submission("U0NOBODY", values(freshTrackingNo(), "nobody_home")));
    expect(acked).toMatchObject({
      response_action: "errors",
      errors: { "ui.pn.trackingNo": expect.any(String) },
    });
  });
});

describe("the App Home on Bolt", () => {
  it("app_home_opened publishes the person's work; take opens the answer form; the answer reaches the asker", async () => {
    const asker = customerChat(testId());
    const raised = await w.desk.raiseQuery({
      asker,
      language: "zh",
      text: "到哪了",
      trackingNo: freshTrackingNo(),
    });
    if (!raised.ok) throw new Error("no query");
    const id = raised.query.id;
    await dispatch({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event: { type: "app_home_opened", user: "U0AMY", channel: "D1", tab: "home", event_ts: "1" },
    });
    const [home] = callsOf("views.publish") as { user_id: string; view: { blocks: unknown[] } }[];
    expect(home?.user_id).toBe("U0AMY");
    expect(JSON.stringify(home?.view.blocks)).toContain(`"value":"${id}"`);

    calls.length = 0;
    await dispatch({
      type: "block_actions",
      team: { id: "T1", domain: "x" },
      user: { id: "U0AMY", username: "amy", team_id: "T1" },
      api_app_id: "A1",
      token: "t",
      trigger_id: "tr-take",
      actions: [{ type: "button", action_id: "ui.home.take", block_id: "b", value: id, action_ts: "1" }],
    });
    expect((await store.queries.get(id))?.assignee).toBe("amy");
    expect(callsOf("views.open")).toMatchObject([
      { trigger_id: "tr-take", view: { callback_id: "ui.ans", private_metadata: id } },
    ]);

    w.notifier.clear();
    const answer = (text: string) =>
      dispatch({
        ...submission("U0AMY", {
          "ui.ans.text": { "ui.ans.text": { type: "plain_text_input", value: text } },
        }),
        view: {
          ...submission("U0AMY", {}).view,
          callback_id: "ui.ans",
          private_metadata: id,
          state: { values: { "ui.ans.text": { "ui.ans.text": { type: "plain_text_input", value: text } } } },
        },
      });
    expect(await answer("   ")).toMatchObject({
      response_action: "errors",
      errors: { "ui.ans.text": expect.any(String) },
    });
    expect(await answer("已到扬州,明天派送")).toBeUndefined();
    expect((await store.queries.get(id))?.status).toBe("answered");
    expect(w.notifier.toChat(asker).map((n) => n.params)).toEqual([
      expect.objectContaining({ answer: "已到扬州,明天派送" }),
    ]);
  });
});
