import { describe, expect, it } from "vitest";
import { languageFromHint } from "../../../src/domain/kernel/chat";

describe("language from a platform's hint", () => {
  it.each([
    [undefined, "zh"],
    ["zh-hans", "zh"],
    ["ZH", "zh"],
    ["en", "en"],
    ["de-DE", "en"],
    ["", "zh"],
    ["1x", "zh"],
  ])("%j → %s (Chinese first; any other language gets English)", (hint, language) => {
    expect(languageFromHint(hint)).toBe(language);
  });
});
