import { describe, expect, it } from "vitest";
import { renderContent, renderReply, textSections, withoutActions } from "../../../src/bot/slack/render";

describe("Block Kit rendering (issue 10 §3, §4)", () => {
  it("renders text as a plain_text section (a customer's words cannot mention @channel) and buttons with the engine's payloads", () => {
    const message = renderReply(
      {
        kind: "choices",
        text: "<!channel> 请选择",
        choices: [
          { label: "接单", payload: "o1.take" },
          { label: "转交", payload: "o1.pass" },
        ],
      },
      "photo",
    );
    expect(message).toEqual({
      // The fallback `text` is read as mrkdwn by Slack: escaped, it cannot notify the channel.
      text: "&lt;!channel&gt; 请选择",
      blocks: [
        { type: "section", text: { type: "plain_text", text: "<!channel> 请选择", emoji: true } },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "pd.b0",
              text: { type: "plain_text", text: "接单", emoji: true },
              value: "o1.take",
            },
            {
              type: "button",
              action_id: "pd.b1",
              text: { type: "plain_text", text: "转交", emoji: true },
              value: "o1.pass",
            },
          ],
        },
      ],
    });
  });

  it("shows a card's fields as a section's fields (escaped mrkdwn), not twice in its text, and the select as a static_select", () => {
    const { text, blocks } = renderContent({
      text: "新取件预约 P1(城东):\n地址:文昌路 <1> 号\n物品:文件\n价格由业务员与客户商定(SOP-21)。",
      fields: [
        { label: "地址", value: "文昌路 <1> 号" },
        { label: "物品", value: "文件" },
      ],
      buttons: [{ label: "接单", payload: "a.accept.p1" }],
      select: { placeholder: "派给…", options: [{ label: "张伟", payload: "a.assign.p1-zhang" }] },
    });
    expect(text).toContain("地址:文昌路 &lt;1&gt; 号"); // the fallback keeps every line, escaped
    expect(blocks[0]).toEqual({
      type: "section",
      text: {
        type: "plain_text",
        text: "新取件预约 P1(城东):\n价格由业务员与客户商定(SOP-21)。",
        emoji: true,
      },
    });
    expect(blocks[1]).toEqual({
      type: "section",
      fields: [
        { type: "mrkdwn", text: "*地址*\n文昌路 &lt;1&gt; 号" },
        { type: "mrkdwn", text: "*物品*\n文件" },
      ],
    });
    expect(blocks[3]).toMatchObject({
      type: "actions",
      elements: [
        {
          type: "static_select",
          action_id: "pd.s",
          options: [{ text: { type: "plain_text", text: "张伟" }, value: "a.assign.p1-zhang" }],
        },
      ],
    });
    expect(withoutActions(blocks).map((b) => b.type)).toEqual(["section", "section"]);
  });

  it("keeps within Slack's limits: 3000-character sections, 25 buttons a block, 75-character labels", () => {
    const long = `${"一".repeat(2500)}\n${"二".repeat(2500)}\n${"三".repeat(4000)}`;
    const sections = textSections(long);
    expect(sections.every((s) => (s.text?.text.length ?? 0) <= 3000)).toBe(true);
    expect(sections.map((s) => s.text?.text).join("")).toBe(long.replace(/\n/g, ""));
    const many = Array.from({ length: 30 }, (_, i) => ({
      label: `${"按".repeat(80)}${i}`,
      payload: `o1.v${i}`,
    }));
    const { blocks } = renderContent({ text: "x", buttons: many });
    const actions = blocks.filter((b) => b.type === "actions");
    expect(actions.map((b) => ("elements" in b ? b.elements.length : 0))).toEqual([25, 5]);
    const labels = actions
      .flatMap((b) => ("elements" in b ? b.elements : []))
      .map((e) => ("text" in e ? e.text?.text : ""));
    expect(labels.every((l) => [...(l ?? "")].length <= 75)).toBe(true);
    const ids = actions.flatMap((b) => ("elements" in b ? b.elements : [])).map((e) => e.action_id);
    expect(new Set(ids).size).toBe(30);
    expect(ids.every((id) => id?.startsWith("pd.") && !id.startsWith("ui."))).toBe(true);
  });

  it("says a photo of another platform cannot be shown, with its caption; a toast is no message", () => {
    expect(
      renderReply({ kind: "photo", fileRef: "AgAC-telegram", caption: "破损照片" }, "(照片无法显示)")?.text,
    ).toBe("(照片无法显示)\n破损照片");
    expect(renderReply({ kind: "toast", text: "已过期" }, "")).toBeUndefined();
    expect(renderReply({ kind: "list", title: "待办", items: ["a", "b"] }, "")?.text).toBe("待办\n• a\n• b");
  });
});
