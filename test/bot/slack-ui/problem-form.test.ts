import { describe, expect, it } from "vitest";
import {
  problemFormErrors,
  readProblemForm,
  submitProblemForm,
  type ViewState,
} from "../../../src/bot/slack/staff-ui/problem-form-submit";
import { problemFormView } from "../../../src/bot/slack/staff-ui/problem-form-views";
import { problemCategory } from "../../../src/domain/problems";
import { freshTrackingNo, scan } from "../../support/parcels";
import { auditOf, fileStore, type World, world } from "../../support/use-case-harness";

/**
 * Issue 10 §4: the problem-parcel note as a Slack modal. The builders are pure (what the modal
 * shows for what has been chosen); the submission goes through the desk's own use cases
 * (problemPrecheck, recordProblem) and each refusal lands on the field that caused it.
 */
const store = await fileStore();
const BRANCH_POINTS = ["东关分点"];
const formDeps = (w: World) => ({ desk: w.desk, policy: w.deps.policy });

type Block = { type: string; block_id?: string; dispatch_action?: boolean; label?: { text: string } } & {
  element?: { type: string; initial_value?: string; options?: { value: string; text: { text: string } }[] };
};
const blocksOf = (view: { blocks: unknown[] }) => view.blocks as Block[];
const ids = (view: { blocks: unknown[] }) => blocksOf(view).flatMap((b) => (b.block_id ? [b.block_id] : []));

async function knownParcel(): Promise<string> {
  const no = freshTrackingNo();
  await store.parcels.addScans(
    [scan(no, "arrived", "2026-11-26T08:00:00Z")],
    new Date("2026-11-26T08:00:00Z"),
  );
  return no;
}

/** The modal's state as Slack posts it on submission. */
function state(
  trackingNo: string,
  category: string,
  fields: Record<string, Record<string, unknown>> = {},
): ViewState {
  const values: ViewState = {
    "ui.pn.trackingNo": { "ui.pn.trackingNo": { type: "plain_text_input", value: trackingNo } },
    "ui.pn.category": { "ui.pn.category": { type: "static_select", selected_option: { value: category } } },
  };
  for (const [key, value] of Object.entries(fields)) values[`ui.pn.f.${key}`] = { [`ui.pn.f.${key}`]: value };
  return values;
}
const select = (value: string) => ({ type: "static_select", selected_option: { value } });
const typed = (value: string) => ({ type: "plain_text_input", value });

describe("the problem-note modal's builders", () => {
  it("opens with the tracking number and the category first; choosing a category rebuilds the form", () => {
    const view = problemFormView({ language: "zh", answers: {}, branchPoints: BRANCH_POINTS });
    expect(view.callback_id).toBe("ui.pn");
    expect(ids(view)).toEqual(["ui.pn.trackingNo", "ui.pn.category"]);
    const category = blocksOf(view)[1];
    expect(category?.dispatch_action).toBe(true);
    const options = category?.element?.options?.map((o) => o.value) ?? [];
    expect(options).toContain("address_unclear");
    expect(options).toContain("damaged_contents");
    // SOP-42's non-reasons are offered too, so that the refusal is said where it is chosen.
    expect(options).toContain("not_carried_upstairs");
    // The category in words, its rule id (SOP-30) not shown.
    expect(category?.element?.options?.[0]?.text.text).toBe("地址不详");
    expect(JSON.stringify(view)).not.toMatch(/SOP-?\d/);
    expect(blocksOf(view)[0]?.element?.initial_value).toBeUndefined();
  });

  it("`/parcel problem YT…` opens with that tracking number filled in", () => {
    const view = problemFormView({
      language: "zh",
      answers: {},
      branchPoints: BRANCH_POINTS,
      trackingNo: "YT3000000003",
    });
    expect(blocksOf(view)[0]?.element?.initial_value).toBe("YT3000000003");
  });

  it("SOP-30, SOP-41: a category shows its fields; 'not reached' adds the call time and the failure class", () => {
    const base = { language: "zh" as const, category: "address_unclear", branchPoints: BRANCH_POINTS };
    const first = problemFormView({ ...base, answers: {} });
    expect(ids(first)).toEqual(["ui.pn.trackingNo", "ui.pn.category", "ui.pn.f.reason", "ui.pn.f.handledBy"]);
    // The reason decides which fields follow: it dispatches its action.
    expect(blocksOf(first).find((b) => b.block_id === "ui.pn.f.reason")?.dispatch_action).toBe(true);
    const notReached = problemFormView({ ...base, answers: { reason: "not_reached" } });
    expect(ids(notReached).slice(4)).toEqual(["ui.pn.f.contactAt", "ui.pn.f.contactFailure"]);
    const time = blocksOf(notReached).find((b) => b.block_id === "ui.pn.f.contactAt");
    expect(time?.element?.type).toBe("timepicker");
    expect(time?.label?.text).toBe("联系时间(时:分)");
    expect(JSON.stringify(notReached)).not.toMatch(/SOP-?\d/);
  });

  it("in English for a person who reads English; SOP-37 offers the branch points", () => {
    const view = problemFormView({
      language: "en",
      category: "self_pickup",
      answers: {},
      branchPoints: BRANCH_POINTS,
    });
    expect(view.title.text).toBe("Problem parcel");
    const place = blocksOf(view).find((b) => b.block_id === "ui.pn.f.place");
    expect(place?.element?.options?.map((o) => o.value)).toContain("东关分点");
  });

  it("reads the submission: selects, typed text, times and date-times (as instants)", () => {
    const input = readProblemForm(
      state(" YT900000000001 ", "nobody_home", {
        reason: select("no_answer"),
        attemptAt: { type: "datetimepicker", selected_date_time: 1_764_207_000 },
        note: typed("  "),
      }),
    );
    expect(input).toEqual({
      trackingNo: "YT900000000001",
      category: "nobody_home",
      details: { reason: "no_answer", attemptAt: new Date(1_764_207_000_000).toISOString() },
    });
  });
});

describe("the problem-note modal's submission (the desk decides)", () => {
  it("SOP-42: 'not carried upstairs' chosen as the category is refused on the category", async () => {
    const w = world(store);
    const no = await knownParcel();
    const r = await submitProblemForm(
      formDeps(w),
      "zhang",
      "zh",
      readProblemForm(state(no, "not_carried_upstairs")),
    );
    expect(r).toEqual({ ok: false, errors: { "ui.pn.category": "不送上楼或态度问题不作为问题件留言。" } });
    expect(await store.problems.listByParcel(no)).toEqual([]);
  });

  it("SOP-42: a typed reason that is really 'would not carry it upstairs' is refused on that field", async () => {
    const w = world(store);
    const no = await knownParcel();
    const input = readProblemForm(
      state(no, "open_to_inspect", {
        reason: typed("收件人说业务员不送上楼所以拒收"),
        toldDuringDelivery: select("zone"),
      }),
    );
    const r = await submitProblemForm(formDeps(w), "zhang", "zh", input);
    expect(r).toEqual({
      ok: false,
      errors: { "ui.pn.f.reason": expect.stringContaining("不送上楼或态度问题不作为问题件留言") },
    });
    expect(JSON.stringify(r)).not.toMatch(/SOP-?\d/);
    expect(await store.problems.listByParcel(no)).toEqual([]);
    expect(await auditOf(store, `parcel/${no}`)).toEqual([]);
  });

  it("SOP-40: no reason is refused on the reason field", () => {
    const spec = problemCategory("nobody_home");
    const errors = problemFormErrors("zh", spec, readProblemForm(state("x", "nobody_home")), {
      reason: "no_reason",
      rule: "SOP-40",
      missing: ["reason"],
    });
    expect(errors).toEqual({ "ui.pn.f.reason": expect.stringContaining("问题件必须有原因") });
    expect(errors["ui.pn.f.reason"]).not.toContain("SOP-40");
  });

  it("SOP-31: 'moved' is no address: refused on the new address field; nothing stored", async () => {
    const w = world(store);
    const no = await knownParcel();
    const input = readProblemForm(
      state(no, "recipient_moved", { reason: select("contacted"), newAddress: typed("搬走了") }),
    );
    const r = await submitProblemForm(formDeps(w), "zhang", "en", input);
    expect(r).toEqual({
      ok: false,
      errors: { "ui.pn.f.newAddress": expect.stringContaining("The address must be complete") },
    });
    expect(JSON.stringify(r)).not.toMatch(/SOP-?\d/);
    expect(await store.problems.listByParcel(no)).toEqual([]);
  });

  it("a malformed or unknown tracking number is refused on the tracking number", async () => {
    const w = world(store);
    const bad = await submitProblemForm(
      formDeps(w),
      "zhang",
      "zh",
      readProblemForm(state("12", "nobody_home")),
    );
    expect(bad).toMatchObject({ ok: false, errors: { "ui.pn.trackingNo": expect.any(String) } });
    const unknown = await submitProblemForm(
      formDeps(w),
      "zhang",
      "zh",
      readProblemForm(state(freshTrackingNo(), "nobody_home", { reason: select("no_answer") })),
    );
    expect(unknown).toEqual({
      ok: false,
      errors: { "ui.pn.trackingNo": "查不到这个运单号的扫描记录,请核对。" },
    });
  });

  it("SOP-43: a return before the delivery scan is refused on the category", async () => {
    const w = world(store);
    const no = await knownParcel();
    const r = await submitProblemForm(formDeps(w), "zhang", "zh", readProblemForm(state(no, "return")));
    expect(r).toEqual({
      ok: false,
      errors: { "ui.pn.category": expect.stringContaining("此件还没有派件扫描") },
    });
    expect(JSON.stringify(r)).not.toMatch(/SOP-?\d/);
  });

  it("SOP-33: a valid note is stored with its audit row and confirmed", async () => {
    const w = world(store);
    const no = await knownParcel();
    const input = readProblemForm(
      state(no, "nobody_home", {
        reason: select("no_answer"),
        attemptAt: { type: "timepicker", selected_time: "09:30" },
      }),
    );
    const r = await submitProblemForm(formDeps(w), "zhang", "zh", input);
    expect(r).toEqual({ ok: true, text: expect.stringContaining(`已登记:${no} 送无人`) });
    expect(await store.problems.listByParcel(no)).toMatchObject([
      { category: "nobody_home", recordedBy: "zhang", details: { reason: "no_answer" } },
    ]);
    expect(await auditOf(store, `parcel/${no}`)).toMatchObject([
      { action: "problem.recorded", data: { rule: "SOP-33" } },
    ]);
  });
});
