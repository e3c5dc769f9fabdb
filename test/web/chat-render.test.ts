import { describe, expect, it } from "vitest";
import { actionable, outboundContent, renderTurn } from "../../src/bot/web/render";
import { t } from "../../src/domain/messages";
import type { RenderedReply } from "../../src/flows/types";

/** The engine's replies and the send queue's messages as the web page shows them (pure). */
const turn = { pressed: false, id: "t1", at: "2026-11-27T02:00:00.000Z" };

describe("web rendering", () => {
  it("keeps every reply kind the page can show: text, buttons, a list, a phone field, a photo note", () => {
    const replies: RenderedReply[] = [
      { kind: "text", text: "您好" },
      { kind: "choices", text: "请选择", choices: [{ label: "查件", payload: "o1.flow:track" }] },
      { kind: "list", title: "分点", items: ["东关分点", "西门分点"] },
      { kind: "ask_contact", text: "请留下电话", buttonLabel: "提交号码" },
      { kind: "photo", fileRef: "AgACAgUAAx", caption: "破损的外包装" },
    ];
    const { messages, toasts } = renderTurn(replies, turn);
    expect(toasts).toEqual([]);
    expect(messages).toEqual([
      { kind: "message", from: "desk", turn: "t1", at: turn.at, text: "您好" },
      {
        kind: "message",
        from: "desk",
        turn: "t1",
        at: turn.at,
        text: "请选择",
        buttons: [{ label: "查件", payload: "o1.flow:track" }],
      },
      {
        kind: "message",
        from: "desk",
        turn: "t1",
        at: turn.at,
        text: "分点",
        items: ["东关分点", "西门分点"],
      },
      {
        kind: "message",
        from: "desk",
        turn: "t1",
        at: turn.at,
        text: "请留下电话",
        contact: { label: "提交号码" },
      },
      // Another platform's file is never linked: the page says a photo was sent.
      {
        kind: "message",
        from: "desk",
        turn: "t1",
        at: turn.at,
        text: "",
        photo: { caption: "破损的外包装" },
      },
    ]);
  });

  it("asks for the phone in the web's own words: a field to type in, no number to share (SOP-20)", () => {
    for (const language of ["zh", "en"] as const) {
      const ask: RenderedReply = {
        kind: "ask_contact",
        text: t(language, "customer.pickup.askPhone"),
        buttonLabel: t(language, "customer.pickup.sharePhone"),
      };
      const [message] = renderTurn([ask], turn).messages;
      expect(message).toMatchObject({
        text: t(language, "web.pickup.askPhone"),
        contact: { label: t(language, "web.page.phoneSend") },
      });
      expect(message?.text).not.toMatch(/分享|share/i);
    }
    // After other words of the turn, folded into the same message: only the offer is replaced.
    const zone = t("zh", "customer.pickup.zoneFound", { zone: "城东" });
    const folded: RenderedReply = {
      kind: "ask_contact",
      text: `${zone}\n\n${t("zh", "customer.pickup.askPhone")}`,
      buttonLabel: t("zh", "customer.pickup.sharePhone"),
    };
    expect(renderTurn([folded], turn).messages[0]?.text).toBe(`${zone}\n\n${t("zh", "web.pickup.askPhone")}`);
    // A number that was not one: the flow's words stay (they offer no button), the field's label is the web's.
    const again: RenderedReply = {
      kind: "ask_contact",
      text: t("en", "customer.pickup.badPhone"),
      buttonLabel: t("en", "customer.pickup.sharePhone"),
    };
    expect(renderTurn([again], turn).messages[0]).toMatchObject({
      text: t("en", "customer.pickup.badPhone"),
      contact: { label: t("en", "web.page.phoneSend") },
    });
  });

  it("answers a press with a toast that is never kept, and shows one without a press as a message", () => {
    const toast: RenderedReply[] = [{ kind: "toast", text: "这个按钮已过期" }];
    expect(renderTurn(toast, { ...turn, pressed: true })).toEqual({
      messages: [],
      toasts: ["这个按钮已过期"],
    });
    expect(renderTurn(toast, turn).messages.map((m) => m.text)).toEqual(["这个按钮已过期"]);
  });

  it("shows a notice's text (it says its fields), its buttons and its select; only those can be pressed", () => {
    const card = outboundContent({
      text: "取件 #1:文昌路 100 号",
      fields: [{ label: "地址", value: "文昌路 100 号" }],
      buttons: [{ label: "接单", payload: "a.pa.p1" }],
      select: { placeholder: "指派给…", options: [{ label: "张伟", payload: "a.pz.p1-zhang" }] },
    });
    expect(card).toEqual({
      text: "取件 #1:文昌路 100 号",
      buttons: [{ label: "接单", payload: "a.pa.p1" }],
      select: { placeholder: "指派给…", options: [{ label: "张伟", payload: "a.pz.p1-zhang" }] },
    });
    expect(actionable(card)).toBe(true);
    expect(actionable(outboundContent({ text: "已回复", buttons: [] }))).toBe(false);
  });
});
