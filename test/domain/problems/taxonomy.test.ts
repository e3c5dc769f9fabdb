import { describe, expect, it } from "vitest";
import {
  CONTACT_FAILURES,
  checkFieldAnswer,
  fieldChoices,
  MAX_NOTE_TEXT_LENGTH,
  NOT_A_PROBLEM_REASONS,
  nextMissingField,
  PROBLEM_CATEGORIES,
  type ProblemContext,
  type ProblemValidation,
  problemCategory,
  validateProblemNote,
} from "../../../src/domain/problems";

// 2024-05-10 14:00 on the branch's clock (Asia/Shanghai, UTC+8).
const NOW = new Date("2024-05-10T06:00:00Z");
const ctx: ProblemContext = {
  now: NOW,
  timeZone: "Asia/Shanghai",
  hasDeliveryScan: true,
  branchPoints: ["东关分点", "城西分点"],
};
const ADDRESS = "扬州市文昌路 88 号 3 栋 201 室";

function accepted(v: ProblemValidation) {
  if (!v.ok) throw new Error(`expected acceptance, got ${JSON.stringify(v)}`);
  return v;
}
function refused(v: ProblemValidation) {
  if (v.ok) throw new Error(`expected refusal, got ${JSON.stringify(v)}`);
  return v;
}

describe("the taxonomy as data", () => {
  it("SOP-30..SOP-45: every category is listed once with its SOP id and zh/en labels", () => {
    const ids = Object.fromEntries(PROBLEM_CATEGORIES.map((c) => [c.code, c.sop]));
    expect(ids).toEqual({
      address_unclear: "SOP-30",
      recipient_moved: "SOP-31",
      address_change: "SOP-32",
      nobody_home: "SOP-33",
      cod_refused: "SOP-34",
      outside_zone: "SOP-35",
      open_to_inspect: "SOP-36",
      self_pickup: "SOP-37",
      missorted: "SOP-38",
      return: "SOP-39",
      damaged_contents: "SOP-45",
    });
    expect(PROBLEM_CATEGORIES).toHaveLength(11);
    for (const c of PROBLEM_CATEGORIES) {
      expect(c.label.zh).not.toBe("");
      expect(c.label.en).not.toBe("");
      for (const f of c.fields) {
        expect(f.label.zh, `${c.code}.${f.key}`).not.toBe("");
        expect(f.label.en, `${c.code}.${f.key}`).not.toBe("");
        for (const ch of f.choices ?? []) expect(ch.label.zh && ch.label.en).toBeTruthy();
      }
    }
  });

  it("SOP-40: every category asks for a reason, and a flow can walk its fields in order (conditions look back only)", () => {
    for (const c of PROBLEM_CATEGORIES) {
      expect(c.fields.map((f) => f.key)).toContain("reason");
      c.fields.forEach((f, i) => {
        if (!f.when) return;
        const earlier = c.fields.slice(0, i).find((e) => e.key === f.when?.field);
        expect(earlier?.kind, `${c.code}.${f.key}`).toBe("choice");
        const values = earlier?.choices?.map((ch) => ch.value) ?? [];
        for (const v of f.when.in) expect(values).toContain(v);
      });
      const reason = c.fields.find((f) => f.key === "reason");
      expect(c.reasons).toEqual(reason?.kind === "choice" ? reason.choices : []);
    }
  });

  it("SOP-41: the six phone-contact failure classes are the taxonomy's choices", () => {
    expect(CONTACT_FAILURES.map((c) => [c.value, c.label.zh])).toEqual([
      ["fault", "故障"],
      ["unreachable", "不通"],
      ["busy", "通话中"],
      ["suspended", "停机"],
      ["switched_off", "关机"],
      ["no_answer", "无人接"],
    ]);
  });

  it("SOP-33/SOP-41: nobody home's failure choices are SOP-41's six classes, plus agreed for tomorrow", () => {
    const reasons = problemCategory("nobody_home")?.reasons ?? [];
    expect(reasons[0]?.value).toBe("agreed_tomorrow");
    expect(reasons.slice(1)).toEqual(CONTACT_FAILURES);
  });

  it("SOP-37: the place choices are head office plus the directory's branch points", () => {
    const place = problemCategory("self_pickup")?.fields.find((f) => f.key === "place");
    expect(place && fieldChoices(place, ["东关分点"]).map((c) => c.value)).toEqual([
      "head_office",
      "东关分点",
    ]);
  });
});

describe("each category accepted with its fields", () => {
  const cases: [string, string, Record<string, unknown>, Record<string, string>][] = [
    [
      "SOP-30",
      "address_unclear",
      { reason: "contacted", handledBy: "zone", correctedAddress: ADDRESS, deliveryAt: "2024-05-11 10:00" },
      {
        reason: "contacted",
        handledBy: "zone",
        correctedAddress: ADDRESS,
        deliveryAt: "2024-05-11T02:00:00.000Z",
      },
    ],
    [
      "SOP-30",
      "address_unclear",
      { reason: "未联系上", handledBy: "公司", contactAt: "13:05", contactFailure: "关机" },
      {
        reason: "not_reached",
        handledBy: "company",
        contactAt: "2024-05-10T05:05:00.000Z",
        contactFailure: "switched_off",
      },
    ],
    [
      "SOP-31",
      "recipient_moved",
      { reason: "contacted", newAddress: ADDRESS },
      { reason: "contacted", newAddress: ADDRESS },
    ],
    [
      "SOP-31",
      "recipient_moved",
      { reason: "not_reached", contactAt: "09:40", contactFailure: "busy" },
      { reason: "not_reached", contactAt: "2024-05-10T01:40:00.000Z", contactFailure: "busy" },
    ],
    [
      "SOP-32",
      "address_change",
      { reason: "recipient_asked", newAddress: ADDRESS, newRecipient: "李娜", newPhone: "138 0000-0003" },
      { reason: "recipient_asked", newAddress: ADDRESS, newRecipient: "李娜", newPhone: "13800000003" },
    ],
    [
      "SOP-33",
      "nobody_home",
      { reason: "无人接", attemptAt: "2024-05-10 11:30" },
      { reason: "no_answer", attemptAt: "2024-05-10T03:30:00.000Z" },
    ],
    ["SOP-34", "cod_refused", { reason: "嫌贵" }, { reason: "too_expensive" }],
    [
      "SOP-35",
      "outside_zone",
      { reason: "cannot_today", day: "2024-05-11" },
      { reason: "cannot_today", day: "2024-05-11" },
    ],
    ["SOP-35", "outside_zone", { reason: "wont_collect" }, { reason: "wont_collect" }],
    [
      "SOP-36",
      "open_to_inspect",
      { reason: "收件人要求先开箱验货再签收", told: "zone" },
      { reason: "收件人要求先开箱验货再签收", told: "zone" },
    ],
    [
      "SOP-37",
      "self_pickup",
      { reason: "customer_asked", pickupAt: "2024-05-11 09:00", place: "东关分点" },
      { reason: "customer_asked", pickupAt: "2024-05-11T01:00:00.000Z", place: "东关分点" },
    ],
    [
      "SOP-37",
      "self_pickup",
      { reason: "customer_asked", pickupAt: "2024-05-11T09:00:00+08:00", place: "总公司" },
      { reason: "customer_asked", pickupAt: "2024-05-11T01:00:00.000Z", place: "head_office" },
    ],
    ["SOP-38", "missorted", { reason: "not_our_coverage" }, { reason: "not_our_coverage" }],
    [
      "SOP-39",
      "return",
      { requestedBy: "recipient", reason: "收件人说没有订购" },
      { requestedBy: "recipient", reason: "收件人说没有订购" },
    ],
    [
      "SOP-45",
      "damaged_contents",
      { reason: "broken", signedRefusal: "yes" },
      { reason: "broken", signedRefusal: "yes" },
    ],
  ];

  it.each(cases)("%s: %s is accepted with its fields, normalised", (sop, category, details, expected) => {
    const v = accepted(validateProblemNote({ category, details }, ctx));
    expect(v.rule).toBe(sop);
    expect(v.category).toBe(category);
    expect(v.details).toEqual(expected);
  });
});

describe("each category refused without its fields", () => {
  const cases: [string, string, Record<string, unknown>, string[]][] = [
    ["SOP-30", "address_unclear", { reason: "contacted" }, ["handledBy", "correctedAddress", "deliveryAt"]],
    [
      "SOP-30",
      "address_unclear",
      { reason: "not_reached", handledBy: "zone" },
      ["contactAt", "contactFailure"],
    ],
    ["SOP-31", "recipient_moved", { reason: "contacted" }, ["newAddress"]],
    ["SOP-31", "recipient_moved", { reason: "not_reached" }, ["contactAt", "contactFailure"]],
    ["SOP-32", "address_change", { reason: "sender_asked" }, ["newAddress"]],
    ["SOP-33", "nobody_home", { reason: "agreed_tomorrow" }, ["attemptAt"]],
    ["SOP-35", "outside_zone", { reason: "will_collect" }, ["day"]],
    ["SOP-36", "open_to_inspect", { reason: "收件人要求先开箱验货" }, ["told"]],
    ["SOP-37", "self_pickup", { reason: "customer_asked" }, ["pickupAt", "place"]],
    ["SOP-45", "damaged_contents", { reason: "broken" }, ["signedRefusal"]],
  ];

  it.each(cases)("%s: %s is refused and lists every missing field", (sop, category, details, missing) => {
    const v = refused(validateProblemNote({ category, details }, ctx));
    expect(v).toMatchObject({ rule: sop, reason: "missing_fields" });
    expect(v.missing).toEqual(missing);
  });

  it.each(PROBLEM_CATEGORIES.map((c) => [c.sop, c.code] as const))(
    "SOP-40: %s %s with no reason at all is not a problem parcel",
    (_sop, category) => {
      const v = refused(validateProblemNote({ category, details: {} }, ctx));
      expect(v.rule).toBe("SOP-40");
      expect(v.reason).toBe("no_reason");
      expect(v.missing).toContain("reason");
    },
  );

  it("SOP-40: a blank reason counts as no reason, and the other missing fields are listed too", () => {
    const v = refused(validateProblemNote({ category: "return", details: { reason: "   " } }, ctx));
    expect(v).toMatchObject({ rule: "SOP-40", reason: "no_reason" });
    expect(v.missing).toEqual(["requestedBy", "reason"]);
  });

  it("SOP-31: 'moved' is not the confirmed detailed new address", () => {
    const v = refused(
      validateProblemNote(
        { category: "recipient_moved", details: { reason: "contacted", newAddress: "搬走了" } },
        ctx,
      ),
    );
    expect(v).toMatchObject({ rule: "SOP-31", invalid: [{ field: "newAddress", why: "not_an_address" }] });
  });

  it("SOP-32: half an address is refused even when the rest is there", () => {
    const v = refused(
      validateProblemNote(
        { category: "address_change", details: { reason: "sender_asked", newAddress: "城东" } },
        ctx,
      ),
    );
    expect(v.invalid).toEqual([{ field: "newAddress", why: "not_an_address" }]);
  });

  it("SOP-36: a reason shorter than a detailed reason is refused", () => {
    const v = refused(
      validateProblemNote({ category: "open_to_inspect", details: { reason: "要验货", told: "zone" } }, ctx),
    );
    expect(v).toMatchObject({ rule: "SOP-36", invalid: [{ field: "reason", why: "too_short" }] });
  });

  it("SOP-45: the recipient must have signed with 拒收; 'no' is refused", () => {
    const v = refused(
      validateProblemNote(
        { category: "damaged_contents", details: { reason: "broken", signedRefusal: "no" } },
        ctx,
      ),
    );
    expect(v).toMatchObject({ rule: "SOP-45", invalid: [{ field: "signedRefusal", why: "must_confirm" }] });
    expect(
      validateProblemNote(
        { category: "damaged_contents", details: { reason: "broken", signedRefusal: true } },
        ctx,
      ).ok,
    ).toBe(true);
  });

  it("SOP-35: the day to collect may not be already past", () => {
    const v = refused(
      validateProblemNote(
        { category: "outside_zone", details: { reason: "will_collect", day: "2024-05-09" } },
        ctx,
      ),
    );
    expect(v.invalid).toEqual([{ field: "day", why: "in_the_past" }]);
  });
});

describe("what an accepted note says next", () => {
  it("SOP-34: a COD refusal for no invoice is stored but counts as delayed, and the result says so", () => {
    const v = accepted(
      validateProblemNote({ category: "cod_refused", details: { reason: "没有发票" } }, ctx),
    );
    expect(v.details).toEqual({ reason: "no_invoice" });
    expect(v.countsAsDelayed).toBe(true);
    expect(v.notes.map((n) => n.rule)).toEqual(["SOP-34"]);
    const other = accepted(
      validateProblemNote({ category: "cod_refused", details: { reason: "no_cod" } }, ctx),
    );
    expect(other.countsAsDelayed).toBe(false);
    expect(other.notes).toEqual([]);
  });

  it("SOP-38: a missorted parcel is marked and the origin branch is to be messaged", () => {
    expect(
      accepted(validateProblemNote({ category: "missorted", details: { reason: "wrong_sort" } }, ctx))
        .followUps,
    ).toEqual(["message_origin"]);
  });

  it("SOP-45: damaged contents message the origin, which may not shirk it", () => {
    const v = accepted(
      validateProblemNote(
        { category: "damaged_contents", details: { reason: "leaked", signedRefusal: "是" } },
        ctx,
      ),
    );
    expect(v.followUps).toEqual(["message_origin"]);
    expect(v.notes.map((n) => n.rule)).toEqual(["SOP-45"]);
  });

  it("SOP-36: the result notes that the courier may not take an open-to-inspect parcel back alone", () => {
    const v = accepted(
      validateProblemNote(
        { category: "open_to_inspect", details: { reason: "收件人要求先开箱验货", told: "company" } },
        ctx,
      ),
    );
    expect(v.notes).toEqual([
      { rule: "SOP-36", label: expect.objectContaining({ zh: "业务员不得自行带回" }) },
    ]);
  });

  it("SOP-33: agreed for tomorrow is redelivered next day; a phone failure is not", () => {
    const agreed = accepted(
      validateProblemNote(
        { category: "nobody_home", details: { reason: "agreed_tomorrow", attemptAt: "11:00" } },
        ctx,
      ),
    );
    expect(agreed.followUps).toEqual(["redeliver_next_day"]);
    const off = accepted(
      validateProblemNote({ category: "nobody_home", details: { reason: "关机", attemptAt: "11:00" } }, ctx),
    );
    expect(off.followUps).toEqual([]);
  });

  it("SOP-37, SOP-50: a self-pickup starts the hold timeline; SOP-39, SOP-52: a return the origin asked for goes back today", () => {
    const hold = accepted(
      validateProblemNote(
        {
          category: "self_pickup",
          details: { reason: "customer_asked", pickupAt: "16:00", place: "城西分点" },
        },
        ctx,
      ),
    );
    expect(hold.followUps).toEqual(["start_hold"]);
    const ret = accepted(
      validateProblemNote(
        { category: "return", details: { requestedBy: "sender_company", reason: "发件人要求退回" } },
        ctx,
      ),
    );
    expect(ret.followUps).toEqual(["return_same_day"]);
  });

  it("SOP-30: fields of the other branch (contact time when contacted) and unknown keys are not stored", () => {
    const v = accepted(
      validateProblemNote(
        {
          category: "address_unclear",
          details: {
            reason: "contacted",
            handledBy: "zone",
            correctedAddress: ADDRESS,
            deliveryAt: "17:00",
            contactAt: "09:00",
            extra: "x",
          },
        },
        ctx,
      ),
    );
    expect(Object.keys(v.details).sort()).toEqual(["correctedAddress", "deliveryAt", "handledBy", "reason"]);
  });

  it("SOP-36: free text is capped at 500 characters", () => {
    const long = `收件人要求开箱验货${"很".repeat(800)}`;
    const v = accepted(
      validateProblemNote({ category: "open_to_inspect", details: { reason: long, told: "zone" } }, ctx),
    );
    expect(v.details.reason).toHaveLength(MAX_NOTE_TEXT_LENGTH);
  });
});

describe("SOP-41: phone-contact failures", () => {
  it.each(CONTACT_FAILURES.map((c) => [c.value, c.label.zh]))(
    "SOP-41: the class %s (%s) is accepted with the time of the call",
    (value, zh) => {
      const v = accepted(
        validateProblemNote(
          {
            category: "recipient_moved",
            details: { reason: "not_reached", contactAt: "13:59", contactFailure: zh },
          },
          ctx,
        ),
      );
      expect(v.details.contactFailure).toBe(value);
    },
  );

  it("SOP-41: a call time in the future relative to now is refused", () => {
    const v = refused(
      validateProblemNote(
        {
          category: "recipient_moved",
          details: { reason: "not_reached", contactAt: "14:01", contactFailure: "busy" },
        },
        ctx,
      ),
    );
    expect(v).toMatchObject({
      rule: "SOP-41",
      reason: "invalid_values",
      invalid: [{ field: "contactAt", why: "in_the_future" }],
    });
  });

  it("SOP-41: an unclassified failure ('挂了') is refused", () => {
    const v = refused(
      validateProblemNote(
        {
          category: "address_unclear",
          details: { reason: "not_reached", handledBy: "zone", contactAt: "10:00", contactFailure: "挂了" },
        },
        ctx,
      ),
    );
    expect(v).toMatchObject({ rule: "SOP-41", invalid: [{ field: "contactFailure", why: "not_a_choice" }] });
  });

  it("SOP-33: the failed attempt may not be in the future either", () => {
    const v = refused(
      validateProblemNote(
        { category: "nobody_home", details: { reason: "停机", attemptAt: "2024-05-10 18:00" } },
        ctx,
      ),
    );
    expect(v).toMatchObject({ rule: "SOP-33", invalid: [{ field: "attemptAt", why: "in_the_future" }] });
  });

  it("SOP-41: 'HH:MM' is on today's branch date, not the UTC date", () => {
    // 01:00 on 2024-05-11 in Shanghai is still 2024-05-10 in UTC.
    const lateCtx = { ...ctx, now: new Date("2024-05-10T17:00:00Z") };
    const v = accepted(
      validateProblemNote(
        {
          category: "recipient_moved",
          details: { reason: "not_reached", contactAt: "00:30", contactFailure: "fault" },
        },
        lateCtx,
      ),
    );
    expect(v.details.contactAt).toBe("2024-05-10T16:30:00.000Z");
  });

  it("SOP-41: times that are not times are refused (24:30, 30 February, words)", () => {
    const field = problemCategory("recipient_moved")?.fields.find((f) => f.key === "contactAt");
    if (!field) throw new Error("no contactAt");
    for (const raw of ["24:30", "2024-02-30 10:00", "上午", 930, "2024-05-10T10:00+25:00"]) {
      expect(checkFieldAnswer(field, raw, ctx), String(raw)).toEqual({ ok: false, why: "not_a_time" });
    }
    expect(checkFieldAnswer(field, "１０：１５", ctx)).toEqual({
      ok: true,
      value: "2024-05-10T02:15:00.000Z",
    });
    // Without an offset a date-time is on the branch's clock; with one it is taken as it says.
    expect(checkFieldAnswer(field, "2024-05-10T10:00:00", ctx)).toEqual({
      ok: true,
      value: "2024-05-10T02:00:00.000Z",
    });
    expect(checkFieldAnswer(field, "2024-05-10T01:00:00Z", ctx)).toEqual({
      ok: true,
      value: "2024-05-10T01:00:00.000Z",
    });
  });
});

describe("SOP-42: not problem reasons", () => {
  it("SOP-42: 'would not carry it upstairs' and 'was rude' are exposed as not problem reasons", () => {
    expect(NOT_A_PROBLEM_REASONS.map((r) => r.code)).toEqual(["not_carried_upstairs", "courier_rude"]);
  });

  it.each([
    ["cod_refused", { reason: "not_carried_upstairs" }],
    ["cod_refused", { reason: "业务员态度差" }],
    ["open_to_inspect", { reason: "业务员不肯送上楼,收件人拒收", told: "zone" }],
    ["return", { requestedBy: "recipient", reason: "The courier was rude to me" }],
    ["return", { requestedBy: "recipient", reason: "courier would not carry it upstairs" }],
    ["address_change", { reason: "recipient_asked", newAddress: ADDRESS, newRecipient: "态度不好" }],
  ])("SOP-42: a %s note with reason %o is refused, however complete", (category, details) => {
    const v = refused(validateProblemNote({ category, details }, ctx));
    expect(v).toMatchObject({ rule: "SOP-42", reason: "not_a_problem_reason" });
  });

  it("SOP-42: such a reason given as the category is refused as SOP-42, not as an unknown category", () => {
    expect(refused(validateProblemNote({ category: "courier_rude", details: {} }, ctx)).rule).toBe("SOP-42");
  });

  it("SOP-42: a detailed reason that merely mentions stairs politely is still a problem reason", () => {
    const v = validateProblemNote(
      { category: "open_to_inspect", details: { reason: "收件人要求在楼下当面验货", told: "zone" } },
      ctx,
    );
    expect(v.ok).toBe(true);
  });
});

describe("SOP-43: returns", () => {
  it("SOP-43: a return without a delivery scan is refused, even with requester and reason", () => {
    const v = refused(
      validateProblemNote(
        { category: "return", details: { requestedBy: "sender_company", reason: "发件人要求退回" } },
        { ...ctx, hasDeliveryScan: false },
      ),
    );
    expect(v).toMatchObject({ rule: "SOP-43", reason: "no_delivery_scan" });
  });

  it("SOP-43: the delivery scan matters only for returns", () => {
    const v = validateProblemNote(
      { category: "missorted", details: { reason: "wrong_sort" } },
      { ...ctx, hasDeliveryScan: false },
    );
    expect(v.ok).toBe(true);
  });
});

describe("forged input", () => {
  it.each(["lost_in_space", "", "__proto__", "constructor", "地址不详 "])(
    "SOP-40: an unknown category %o is refused, never thrown",
    (category) => {
      const v = refused(validateProblemNote({ category, details: { reason: "contacted" } }, ctx));
      expect(v).toMatchObject({ rule: "SOP-40", reason: "unknown_category" });
    },
  );

  it("SOP-34: a choice outside the list is refused", () => {
    const v = refused(validateProblemNote({ category: "cod_refused", details: { reason: "bribe" } }, ctx));
    expect(v).toMatchObject({
      rule: "SOP-34",
      reason: "invalid_values",
      invalid: [{ field: "reason", why: "not_a_choice" }],
    });
  });

  it("SOP-37: a place that is neither head office nor a branch point is refused", () => {
    const v = refused(
      validateProblemNote(
        {
          category: "self_pickup",
          details: { reason: "customer_asked", pickupAt: "16:00", place: "某某分点" },
        },
        ctx,
      ),
    );
    expect(v.invalid).toEqual([{ field: "place", why: "not_a_choice" }]);
  });

  it("SOP-32: a new phone is read as a pickup's contact phone is: a mobile or a landline with its area code", () => {
    const phone = PROBLEM_CATEGORIES.flatMap((c) => c.fields).find((f) => f.kind === "phone");
    if (!phone) throw new Error("the taxonomy asks no phone");
    expect(checkFieldAnswer(phone, "+86 138 0000 0003", ctx)).toEqual({ ok: true, value: "13800000003" });
    expect(checkFieldAnswer(phone, "0514 8000000", ctx)).toEqual({ ok: true, value: "0514-8000000" });
    // Five digits, or twenty, were numbers to the old rule; they are no one's phone.
    for (const bad of ["12345", "12345678901234567890", "1380000000", "call me"]) {
      expect(checkFieldAnswer(phone, bad, ctx), bad).toEqual({ ok: false, why: "not_a_phone" });
    }
  });

  it("SOP-38: non-object details, non-string values and inherited keys are refused as values, not thrown", () => {
    const bad = (details: unknown) =>
      validateProblemNote({ category: "missorted", details: details as Record<string, unknown> }, ctx);
    expect(refused(bad(null)).rule).toBe("SOP-40");
    expect(refused(bad("reason")).rule).toBe("SOP-40");
    expect(refused(bad({ reason: { value: "wrong_sort" } })).invalid).toEqual([
      { field: "reason", why: "not_a_choice" },
    ]);
    expect(refused(bad(JSON.parse('{"__proto__": {"reason": "wrong_sort"}}'))).reason).toBe("no_reason");
    expect(
      refused(
        validateProblemNote(null as unknown as { category: string; details: Record<string, unknown> }, ctx),
      ).rule,
    ).toBe("SOP-40");
  });
});

describe("nextMissingField: one question at a time", () => {
  it("SOP-30: walks reason, then the branch the answer chose, then stops", () => {
    const partial: Record<string, unknown> = {};
    const asked: string[] = [];
    const answers: Record<string, string> = {
      reason: "未联系上",
      handledBy: "zone",
      contactAt: "10:00",
      contactFailure: "no_answer",
    };
    for (
      let field = nextMissingField("address_unclear", partial);
      field;
      field = nextMissingField("address_unclear", partial)
    ) {
      asked.push(field.key);
      partial[field.key] = answers[field.key];
      if (asked.length > 10) break;
    }
    expect(asked).toEqual(["reason", "handledBy", "contactAt", "contactFailure"]);
    expect(validateProblemNote({ category: "address_unclear", details: partial }, ctx).ok).toBe(true);
  });

  it("SOP-32: optional fields are asked once and may be skipped with null; a blank required field is asked again", () => {
    expect(nextMissingField("address_change", { reason: "recipient_asked" })?.key).toBe("newAddress");
    expect(nextMissingField("address_change", { reason: "recipient_asked", newAddress: " " })?.key).toBe(
      "newAddress",
    );
    expect(nextMissingField("address_change", { reason: "recipient_asked", newAddress: ADDRESS })?.key).toBe(
      "newRecipient",
    );
    expect(
      nextMissingField("address_change", {
        reason: "recipient_asked",
        newAddress: ADDRESS,
        newRecipient: null,
      })?.key,
    ).toBe("newPhone");
    expect(
      nextMissingField("address_change", {
        reason: "recipient_asked",
        newAddress: ADDRESS,
        newRecipient: null,
        newPhone: null,
      }),
    ).toBeNull();
  });

  it("SOP-40: an unknown category has nothing to ask (the validator refuses it)", () => {
    expect(nextMissingField("nonsense", {})).toBeNull();
  });
});
