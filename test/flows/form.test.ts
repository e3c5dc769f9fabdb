import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { t } from "../../src/domain/messages";
import { ask, choice, say } from "../../src/flows/common";
import { CANCEL, type FormSpec, type FormState, form, pressed, SUBMIT } from "../../src/flows/form";
import type { FlowContext, FlowDeps, FlowInput, Reply, Step } from "../../src/flows/types";

/**
 * The form helper on its own (the flows that use it are tested as chat transcripts): a small
 * record of three questions, the second asked only for a large parcel.
 */
interface Parcel {
  size: "small" | "large";
  fragile: boolean;
  note: string;
}

const ctx: FlowContext = {
  deps: {} as FlowDeps, // the test form reads nothing
  who: { chat: { channel: "telegram", chatId: "1", userId: "1" }, person: undefined, isGroup: false },
  flows: [],
  language: "en",
  now: new Date("2026-11-27T02:00:00Z"),
  t: (key, params) => t("en", key, params),
};

const text = (value: string): FlowInput => ({ kind: "text", text: value });
const press = (value: string): FlowInput => ({ kind: "choice", value });

/** Every text the replies show, buttons as "[value]". */
function shown(replies: readonly Reply[]): string {
  return replies
    .map((r) => {
      if (r.kind === "choices") return [r.text, ...r.choices.map((c) => `[${c.value}]`)].join(" ");
      if (r.kind === "photo") return `[photo ${r.fileRef}]`;
      return r.kind === "list" ? r.title : r.text;
    })
    .join("\n");
}

function parcelForm(
  submit: FormSpec<Parcel, string>["submit"] = async () => ({ end: { replies: [] } }),
  more: Partial<FormSpec<Parcel, string>> = {},
) {
  return form<Parcel, string>({
    values: z.object({
      size: z.enum(["small", "large"]).optional(),
      fragile: z.boolean().optional(),
      note: z.string().optional(),
    }),
    fields: [
      {
        key: "size",
        label: "customer.pickup.field.goods",
        ask: () => [
          ask("Size?", [
            { label: "Small", value: "small" },
            { label: "Large", value: "large" },
          ]),
        ],
        parse: (_ctx, input) => {
          const size = pressed(input);
          return size === "small" || size === "large" ? { set: { size } } : { error: "Use the buttons." };
        },
      },
      {
        key: "fragile",
        applies: (answers) => answers.size === "large",
        ask: (c) => [ask("Fragile?", [choice(c, "button.yes", "yes"), choice(c, "button.no", "no")])],
        parse: (_ctx, input) => ({ set: { fragile: pressed(input) === "yes" } }),
      },
      {
        key: "note",
        label: "customer.pickup.field.address",
        ask: (_ctx, _values, error) => [say(error ? `${error} Note?` : "Note?")],
        parse: (_ctx, input) => {
          if (input.kind !== "text" || input.text.length < 3) return { error: "Too short." };
          return { set: { note: input.text } };
        },
      },
    ],
    hint: "customer.chooseBelow",
    summary: {
      text: (_ctx, answers) => `Summary: ${JSON.stringify(answers)}`,
      submit: "button.confirm",
      edit: {
        button: "customer.pickup.button.edit",
        prompt: "customer.pickup.editWhich",
        back: "button.back",
      },
    },
    submit,
    cancel: () => ({ replies: [say("Cancelled.")] }),
    ...more,
  });
}

type ParcelForm = ReturnType<typeof parcelForm>;

/** Runs inputs through the form from its start; returns the last step. */
async function run(f: ParcelForm, ...inputs: FlowInput[]): Promise<Step<FormState<Parcel, string>>> {
  let step = await f.start(ctx);
  for (const input of inputs) {
    if (!step.next) throw new Error("the form ended before every input was sent");
    step = await f.on(ctx, step.next, input);
  }
  return step;
}

describe("form()", () => {
  it("asks the fields in order and skips one that does not apply to the answers so far", async () => {
    const f = parcelForm();
    expect(shown((await f.start(ctx)).replies)).toBe("Size? [small] [large]");

    const small = await run(f, press("small"));
    expect(shown(small.replies)).toBe("Note?"); // "Fragile?" applies to large parcels only
    const large = await run(f, press("large"));
    expect(shown(large.replies)).toContain("Fragile?");

    const done = await run(f, press("small"), text("by the door"));
    expect(shown(done.replies)).toBe(
      `Summary: {"size":"small","note":"by the door"} [${SUBMIT}] [edit] [${CANCEL}]`,
    );
  });

  it("gives the summary and the submit only the answers of fields that apply", async () => {
    const submit = vi.fn(async () => ({ end: { replies: [say("Recorded.")] } }));
    const f = parcelForm(submit);
    // Large and fragile, then the size edited to small: the fragile answer no longer applies.
    const summary = await run(
      f,
      press("large"),
      press("yes"),
      text("by the door"),
      press("edit"),
      press("edit:size"),
      press("small"),
    );
    expect(shown(summary.replies)).toContain(`Summary: {"size":"small","note":"by the door"}`);
    await run(
      f,
      press("large"),
      press("yes"),
      text("abc"),
      press("edit"),
      press("edit:size"),
      press("small"),
      press(SUBMIT),
    );
    expect(submit).toHaveBeenCalledWith(ctx, { size: "small", note: "abc" });
  });

  it("asks the same question again with the parse error, keeping the answers so far", async () => {
    const f = parcelForm();
    const step = await run(f, press("small"), text("no"));
    expect(shown(step.replies)).toBe("Too short. Note?");
    expect(step.next?.values).toEqual({ size: "small" });
    const next = await run(f, press("small"), text("no"), text("by the door"));
    expect(shown(next.replies)).toContain("Summary:");
  });

  it("edits one field from the summary and comes back to the summary, the other answers kept", async () => {
    const f = parcelForm();
    const menu = await run(f, press("small"), text("by the door"), press("edit"));
    expect(shown(menu.replies)).toBe("What would you like to change? [edit:size] [edit:note] [back]");

    const asked = await f.on(ctx, menu.next as FormState<Parcel, string>, press("edit:note"));
    expect(shown(asked.replies)).toBe("Note?");
    const back = await f.on(ctx, asked.next as FormState<Parcel, string>, text("at the gate"));
    expect(shown(back.replies)).toContain(`Summary: {"size":"small","note":"at the gate"}`);

    const unchanged = await f.on(ctx, menu.next as FormState<Parcel, string>, press("back"));
    expect(shown(unchanged.replies)).toContain(`Summary: {"size":"small","note":"by the door"}`);
  });

  it("submits once on confirm and ends; a submit button from an earlier summary does not submit", async () => {
    const submit = vi.fn(async () => ({ end: { replies: [say("Recorded.")] } }));
    const f = parcelForm(submit);
    const summary = await run(f, press("small"), text("by the door"));
    const menu = await f.on(ctx, summary.next as FormState<Parcel, string>, press("edit"));
    // The edit menu is open: the summary's submit button is no longer on offer.
    const stale = await f.on(ctx, menu.next as FormState<Parcel, string>, press(SUBMIT));
    expect(submit).not.toHaveBeenCalled();
    expect(shown(stale.replies)).toContain("Please choose one of the buttons below.");
    expect(shown(stale.replies)).toContain("What would you like to change?");

    const done = await f.on(ctx, summary.next as FormState<Parcel, string>, press(SUBMIT));
    expect(submit).toHaveBeenCalledTimes(1);
    expect(shown(done.replies)).toBe("Recorded.");
    expect(done.next).toBeUndefined();
  });

  it("a refusal at submit clears the field it names, asks it with the reason, then shows the summary again", async () => {
    const submit = vi
      .fn<FormSpec<Parcel, string>["submit"]>()
      .mockResolvedValueOnce({ set: { note: undefined }, error: "The desk wants more." })
      .mockResolvedValueOnce({ end: { replies: [say("Recorded.")] } });
    const f = parcelForm(submit);
    const asked = await run(f, press("small"), text("by the door"), press(SUBMIT));
    expect(shown(asked.replies)).toBe("The desk wants more. Note?");
    const summary = await f.on(ctx, asked.next as FormState<Parcel, string>, text("at the back gate"));
    expect(shown(summary.replies)).toContain(`"note":"at the back gate"`);
    const done = await f.on(ctx, summary.next as FormState<Parcel, string>, press(SUBMIT));
    expect(done.next).toBeUndefined();
    expect(submit).toHaveBeenCalledTimes(2);
  });

  it("a stale or forged button is not taken: the hint and the same question, nothing parsed", async () => {
    const f = parcelForm();
    const start = await f.start(ctx);
    const state = start.next as FormState<Parcel, string>;
    for (const forged of ["huge", "edit:size", SUBMIT, "yes"]) {
      const step = await f.on(ctx, state, press(forged));
      expect(shown(step.replies)).toBe("Please choose one of the buttons below.\nSize? [small] [large]");
      expect(step.next?.values).toEqual({});
    }
    // A button of a question answered earlier is stale too.
    const note = await f.on(ctx, state, press("small"));
    const again = await f.on(ctx, note.next as FormState<Parcel, string>, press("large"));
    expect(again.next?.values).toEqual({ size: "small" });
    expect(shown(again.replies)).toContain("Note?");
  });

  it("cancel ends the form without submitting", async () => {
    const submit = vi.fn(async () => ({ end: { replies: [] } }));
    const f = parcelForm(submit);
    const summary = await run(f, press("small"), text("by the door"));
    const cancelled = await f.on(ctx, summary.next as FormState<Parcel, string>, press(CANCEL));
    expect(shown(cancelled.replies)).toBe("Cancelled.");
    expect(cancelled.next).toBeUndefined();
    expect(submit).not.toHaveBeenCalled();
  });

  it("typed text at the summary gets the hint and the summary again", async () => {
    const f = parcelForm();
    const step = await run(f, press("small"), text("by the door"), text("ok"));
    expect(shown(step.replies)).toContain("Please choose one of the buttons below.\nSummary:");
  });

  it("keeps the error a question was asked with when told to, so a stale button asks it the same way", async () => {
    const kept = parcelForm(undefined, { errors: z.string().max(100) });
    const tooShort = await run(kept, press("small"), text("no"));
    expect(tooShort.next?.error).toBe("Too short.");
    expect(kept.state.safeParse(tooShort.next).success).toBe(true);
    const again = await kept.on(ctx, tooShort.next as FormState<Parcel, string>, press("old"));
    expect(shown(again.replies)).toBe("Please choose one of the buttons below.\nToo short. Note?");

    const saidOnce = parcelForm();
    const plain = await run(saidOnce, press("small"), text("no"), press("old"));
    expect(shown(plain.replies)).toBe("Please choose one of the buttons below.\nNote?");
  });
});
