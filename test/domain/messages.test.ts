import { describe, expect, it } from "vitest";
import { isMessageKey, messages, t } from "../../src/domain/messages";
import { interpolate } from "../../src/domain/messages/catalogue";

describe("message catalogue", () => {
  it("has an English text for every Chinese one, none empty", () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
    for (const lang of ["zh", "en"] as const) {
      for (const [key, text] of Object.entries(messages[lang]))
        expect(text.trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  it("uses the same parameters in both languages", () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.zh)) {
      expect(params(messages.en[key as keyof typeof messages.en]), key).toEqual(
        params(messages.zh[key as keyof typeof messages.zh]),
      );
    }
  });

  it("SOP-80: the staff greeting names the network and the work number", () => {
    expect(t("zh", "greeting.staff", { network: "某某快递", workNo: "017" })).toBe(
      "您好,某某快递 017 号为您服务。",
    );
    expect(t("zh", "closing.staff")).toContain("再见");
  });

  it("leaves an unknown parameter visible rather than printing undefined", () => {
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
    expect(isMessageKey("greeting.staff")).toBe(true);
    expect(isMessageKey("nope")).toBe(false);
  });
});
