import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/domain/messages";

/**
 * The quality bar: no SOP id reaches a chat. Rule ids stay in code comments, test names and the
 * records' `rule` fields; no message a customer or a staff member reads carries one, neither in its
 * words ("已通知司机 {name}(SOP-24)") nor through a parameter that would put one there ("{rule}").
 */
describe("message templates show no SOP id", () => {
  const all = (["zh", "en"] as const).flatMap((language) =>
    Object.entries(messages[language]).map(([key, text]) => ({ language, key, text })),
  );

  it("reads every template of both languages", () => {
    expect(all.length).toBeGreaterThan(500);
  });

  it("no template's words cite a rule id (SOP-24, SOP-70/71, sop 24)", () => {
    const citing = all.filter(({ text }) => /\bSOP\s*-?\s*\d/i.test(text));
    expect(citing.map(({ language, key, text }) => `${language} ${key}: ${text}`)).toEqual([]);
  });

  it("no template takes a rule id as a parameter ({rule}, {sop})", () => {
    const taking = all.filter(({ text }) => /\{(rule|sop|rules)\}/i.test(text));
    expect(taking.map(({ language, key }) => `${language} ${key}`)).toEqual([]);
  });

  it("SOP-11, SOP-90, SOP-42, SOP-40, SOP-43, SOP-31: the last ids to go read as plain words", () => {
    expect(messages.zh["branchAsk.notice.due"]).toContain("对方仍未答复。请再催对方");
    expect(messages.zh["workload.title"]).toBe("{month} 话务量({season},目标每人每月 {target} 件):");
    expect(messages.zh["staff.problem.refused.sop42"]).toBe("不送上楼或态度问题不作为问题件留言。");
    expect(messages.en["staff.problem.refused.noReason"]).toMatch(/^A problem parcel needs a reason;/);
    expect(messages.en["staff.problem.refused.noDeliveryScan"]).toMatch(
      /^This parcel has no delivery scan yet;/,
    );
    expect(messages.zh["staff.problem.why.not_an_address"]).toMatch(/^地址要完整/);
  });

  it("SOP-24: the driver's told line reads without its rule id", () => {
    expect(messages.zh["staff.courier.driverTold"]).toBe("已通知司机 {name}。");
    expect(messages.en["staff.courier.driverTold"]).toBe("Driver {name} has been told.");
  });
});

/** The duty lead's dashboard writes some words of its own (headings, the workload title): none cites a rule. */
describe("the desk page shows no SOP id", () => {
  const dir = new URL("../../src/server/desk-page/", import.meta.url);
  const files = readdirSync(dir).filter((f) => /\.(html|js)$/.test(f));

  it("reads the page's html and scripts (an empty list would check nothing)", () => {
    expect(files).toEqual(expect.arrayContaining(["index.html", "desk.js"]));
  });

  it.each(files)("%s: outside its comments, no rule id", (file) => {
    const shown = readFileSync(new URL(file, dir), "utf8")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    expect(shown.split("\n").filter((line) => /\bSOP\s*-?\s*\d/i.test(line))).toEqual([]);
  });
});
