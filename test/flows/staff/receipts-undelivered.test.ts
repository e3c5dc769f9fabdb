import { describe, expect, it } from "vitest";
import { listUndelivered } from "../../../src/domain/deliveries/undelivered";
import { t } from "../../../src/domain/messages";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * Transcripts of the day's deliveries on the phone: a courier entering who signed (SOP-74: as
 * written, refused when it is no form of the rule, a COD delivery's amount), an agent asking for a
 * receipt within and after 180 days (SOP-73), and the agents' list of undelivered parcels (SOP-44)
 * worked through with its buttons. Wrong roles are refused.
 */
describe("SOP-74 /signed: a courier enters who signed", () => {
  const h = useDeskHarness("staff-signed");

  async function delivered(note?: string): Promise<string> {
    const no = freshTrackingNo("SG");
    await h.ingest([
      scan(no, "arrived", shanghai("06:00"), "扬州转运中心", { originBranch: "南京分公司" }),
      scan(no, "out_for_delivery", shanghai("08:00"), "扬州城东", { note: "业务员 105" }),
      scan(no, "delivered", shanghai("09:40"), "扬州城东", note ? { note } : {}),
    ]);
    return no;
  }

  it("SOP-74: a name that is no form of the rule is refused with the reason; the right form is stored", async () => {
    const no = await delivered();
    const zhang = h.staff("zhang");
    await zhang.say("/signed");
    zhang.expectReply("请输入运单号");
    await zhang.say(no);
    zhang.expectReply(`${no}(09:40 签收扫描)签收人怎么写的?`);
    expect(zhang.buttons()).toEqual(["草签", "已收", "公司盖章", "取消"]);
    await zhang.say("王,明");
    zhang.expectReply("只能写姓加“,”");
    expect(await h.store.deliveries.getReceipt(no)).toBeUndefined();
    await zhang.say("王,,");
    zhang.expectReply(`已录入:${no} 签收人 王,,(名字看不清)。`);
    expect(zhang.buttons()).toEqual(["录下一件", "菜单"]);
    expect(await h.store.deliveries.getReceipt(no)).toMatchObject({
      signer: "王,,",
      signerKind: "surname_only",
      enteredBy: "zhang",
    });
    // One message per turn, never a pile.
    expect(zhang.received().perTurn).toEqual([1, 1, 1, 1]);
  });

  it("SOP-74: a COD delivery asks for the amount collected; a wrong amount is refused, the right one stored", async () => {
    const no = await delivered("代收货款");
    const zhang = h.staff("zhang");
    await zhang.say(`/signed ${no} 王小明`);
    zhang.expectReply(`${no} 是代收货款件:请输入实收金额`);
    expect(zhang.buttons()).toEqual(["取消"]); // no "not COD" for a parcel the scans mark COD
    await zhang.say("五十八");
    zhang.expectReply("金额请写数字");
    await zhang.say("58.555");
    zhang.expectReply("金额最多两位小数");
    await zhang.say("58.5");
    zhang.expectReply(`已录入:${no} 签收人 王小明(全名),代收 ¥58.50。`);
    expect(await h.store.deliveries.getReceipt(no)).toMatchObject({ signer: "王小明", codFen: 5850 });
    expect((await h.store.audit.list({ subject: `parcel/${no}` })).map((a) => a.action)).toEqual([
      "receipt.entered",
    ]);
  });

  it("SOP-74: in one message, with the amount after the name; a company stamp and 草签 with one tap each", async () => {
    const first = await delivered();
    const zhang = h.staff("zhang");
    await zhang.say(`/signed ${first} ,小明 20`);
    zhang.expectReply(`已录入:${first} 签收人 ,小明(姓看不清),代收 ¥20.00。`);

    const second = await delivered();
    await zhang.press("录下一件");
    await zhang.say(second);
    await zhang.press("公司盖章");
    zhang.expectReply("请输入章上的单位名称");
    await zhang.say("扬州某某有限公司");
    zhang.expectReply(`已录入:${second} 签收人 章:扬州某某有限公司(公司章)。`);

    const third = await delivered();
    await zhang.say(`/signed ${third}`);
    await zhang.press("草签");
    zhang.expectReply(`已录入:${third} 签收人 草签(草签)。`);
  });

  it("SOP-74: a company typed as a name, a refusal, and a parcel not delivered are refused; nothing is stored", async () => {
    const no = await delivered();
    const liu = h.staff("liu");
    await liu.say(`/signed ${no}`);
    await liu.say("扬州某某有限公司");
    liu.expectReply("这是单位名称:盖章的请点“公司盖章”");
    await liu.say("王小明拒收");
    liu.expectReply("这是拒收");
    expect(await h.store.deliveries.getReceipt(no)).toBeUndefined();

    const out = freshTrackingNo("SG");
    await h.ingest([scan(out, "out_for_delivery", shanghai("08:00"), "扬州城东")]);
    await liu.say(out);
    liu.expectReply(`${out} 还没有签收扫描,不能录入签收人`);
    await liu.say("YT12");
    liu.expectReply("运单号格式不对");
  });

  it("SOP-74: the reminder's option opens the entry on that parcel", async () => {
    const no = await delivered();
    const zhang = h.staff("zhang");
    await zhang.pressPayload(`a.rs.${no}`);
    zhang.expectReply(`${no}(09:40 签收扫描)签收人怎么写的?`);
    await zhang.say("已收");
    zhang.expectReply(`已录入:${no} 签收人 已收(未签字)。`);
    // A forged one is answered, not thrown.
    await zhang.pressPayload("a.rs.not-a-waybill");
    zhang.expectReply(t("zh", "buttons.stale"));
  });

  it("/lang in the middle: the same question again in the new language, the entry kept", async () => {
    const no = await delivered("代收货款");
    const zhang = h.staff("zhang");
    await zhang.say(`/signed ${no} 李娜`);
    await zhang.say("/lang en");
    zhang.expectReply(`${no} is a COD parcel: type the amount collected`);
    await zhang.say("12");
    zhang.expectReply(`Entered: ${no} signed by 李娜 (full name), COD ¥12.00 collected.`);
    await zhang.say("/lang zh");
  });

  it("wrong roles: an agent and a driver cannot enter a signer, a customer has no such command", async () => {
    const wang = h.staff("wang");
    await wang.say("/signed");
    wang.expectReply("/signed 是业务员或值班组长用的命令。");
    const zhao = h.staff("zhao");
    await zhao.say("/signed");
    zhao.expectReply("/signed 是业务员或值班组长用的命令。");
    const no = await delivered();
    await wang.pressPayload(`a.rs.${no}`);
    wang.expectNoReply("签收人怎么写的");
    const customer = h.customer();
    await customer.say(`/signed ${no} 王小明`);
    customer.expectNoReply("已录入");
    expect(await h.store.deliveries.getReceipt(no)).toBeUndefined();
  });
});

describe("SOP-73 /receipt: a receipt asked for within and after 180 days", () => {
  const h = useDeskHarness("staff-receipt");

  it("SOP-73: within 180 days of arrival the agent reads who signed and when; after, it is past keeping", async () => {
    const no = freshTrackingNo("RQ");
    await h.ingest([
      scan(no, "arrived", shanghai("06:00", "2026-06-01"), "扬州转运中心"),
      scan(no, "delivered", shanghai("11:05", "2026-06-01"), "扬州城东"),
    ]);
    const wang = h.staff("wang");
    await wang.say(`/receipt ${no}`);
    wang.expectReply(`${no} 已于 2026-06-01 11:05 签收,但签收人还没录入(业务员:张伟(105))`);

    const zhang = h.staff("zhang");
    await zhang.say(`/signed ${no} 李娜`);
    await wang.say(`/receipt ${no}`);
    wang.expectReply(
      `${no} 签收回单:签收人 李娜(全名),2026-06-01 11:05 签收。张伟(105) 于 2026-11-27 10:00 录入。回单保管到 2026-11-28。`,
    );

    h.clock.set(shanghai("06:00", "2026-11-28"));
    const chen = h.staff("chen"); // reads English
    await chen.say(`/receipt ${no}`);
    chen.expectReply(
      `${no} arrived 2026-06-01; receipts are kept 180 days, and this one is past keeping since 2026-11-28`,
    );
    await wang.say(`/receipt ${no}`);
    wang.expectReply("回单只保管 180 天,已于 2026-11-28 过了保管期,无法提供");
    wang.expectNoReply("李娜");
  });

  it("SOP-73: an unknown number is asked again; a courier and a customer cannot look receipts up", async () => {
    const wang = h.staff("wang");
    await wang.say("/receipt");
    await wang.say("YT900000009999");
    wang.expectReply("系统里没有 YT900000009999 的扫描记录");
    const zhang = h.staff("zhang");
    await zhang.say("/receipt YT900000009999");
    zhang.expectReply("/receipt 是话务员或值班组长或调度用的命令。");
    const customer = h.customer();
    await customer.say("/receipt YT900000009999");
    customer.expectNoReply("签收回单");
  });
});

describe("SOP-44 /undelivered: the agents' list worked through", () => {
  const h = useDeskHarness("staff-undelivered");

  it("SOP-44: the list's buttons mark each parcel handled once; pressed again it says so; then all of the day", async () => {
    const [a, b, c] = [freshTrackingNo("UF"), freshTrackingNo("UF"), freshTrackingNo("UF")];
    await h.ingest(
      [a, b, c].map((no) =>
        scan(no, "out_for_delivery", shanghai("08:30"), "扬州城东", { originBranch: "南京分公司" }),
      ),
    );
    h.clock.set(shanghai("17:30"));
    const deps = {
      store: h.store,
      scheduler: h.scheduler,
      notifier: h.notifier,
      policy: h.policy,
      calendar: h.calendar,
      directory: h.directory,
      clock: h.clock,
      presence: h.presence,
    };
    const notices = await listUndelivered(deps);
    const option = notices[0]?.select?.options.find((o) => o.label === a);
    if (!option) throw new Error("no option for the first parcel");

    const wang = h.staff("wang");
    await wang.pressPayload(`a.${option.action}`);
    wang.expectReply(`已记录:${a} 已留言发件公司并扫描疑难件。`);
    await wang.pressPayload(`a.${option.action}`); // the old option pressed again
    wang.expectReply("这些件已经标记过已处理,无需再点。");

    await wang.say("/undelivered");
    wang.expectReply("未处理的未派送件 2 件");
    expect(wang.buttons()).toEqual([b, c, "2026-11-27 全部已处理", "取消"]);
    await wang.press(b); // opens the parcel: nothing recorded yet
    wang.expectReply("未派送件:");
    expect(wang.buttons()).toEqual(["已处理", "返回清单", "取消"]);
    expect(
      (await h.store.deliveries.undeliveredOfDay("2026-11-27")).find((r) => r.trackingNo === b)?.handledBy,
    ).toBeNull();
    await wang.press("已处理");
    wang.expectReply(`已记录:${b} 已留言发件公司并扫描疑难件。`);
    wang.expectReply("未处理的未派送件 1 件");
    await wang.press("2026-11-27 全部已处理");
    wang.expectReply("已记录:1 件全部已处理。");
    wang.expectReply("没有待处理的未派送件。");
    const handled = await h.store.deliveries.undeliveredOfDay("2026-11-27");
    expect(handled.map((r) => [r.trackingNo, r.handledBy])).toEqual([
      [a, "wang"],
      [b, "wang"],
      [c, "wang"],
    ]);
    await wang.pressPayload("a.ua.20261127");
    wang.expectReply("这些件已经标记过已处理");
    await wang.pressPayload("a.uh.2026_forged");
    wang.expectReply(t("zh", "buttons.stale"));
  });

  it("SOP-44: before the list time /undelivered says when the list comes", async () => {
    h.clock.set(shanghai("09:00", "2026-11-30"));
    const wang = h.staff("wang");
    await wang.say("/undelivered");
    wang.expectReply("今天的未派送件清单 17:30 出来");
    expect(wang.received().perTurn).toEqual([1]);
    h.clock.set(shanghai("10:00"));
  });

  it("SOP-44: a tracking number typed opens that parcel with its button, recording nothing; one message a turn", async () => {
    const [d, e] = [freshTrackingNo("UG"), freshTrackingNo("UG")];
    await h.ingest(
      [d, e].map((no) =>
        scan(no, "out_for_delivery", shanghai("09:00"), "扬州城东", { originBranch: "南京分公司" }),
      ),
    );
    h.clock.set(shanghai("17:30"));
    await listUndelivered({
      store: h.store,
      scheduler: h.scheduler,
      notifier: h.notifier,
      policy: h.policy,
      calendar: h.calendar,
      directory: h.directory,
      clock: h.clock,
      presence: h.presence,
    });
    const chen = h.staff("wang");
    await chen.say("/undelivered");
    await chen.say(d);
    chen.expectReply(d);
    chen.expectReply("点“已处理”记录");
    chen.expectNoReply("已记录");
    const open = await h.store.deliveries.undeliveredOfDay("2026-11-27");
    expect(open.find((r) => r.trackingNo === d)?.handledBy).toBeNull();
    await chen.say(freshTrackingNo("UG")); // a number not on the list
    chen.expectReply("不在待处理的未派送件清单上");
    await chen.press(e);
    await chen.press("返回清单");
    chen.expectReply("未处理的未派送件");
    expect(chen.received().perTurn).toEqual([1, 1, 1, 1, 1]);
  });

  it("SOP-44: couriers cannot mark the agents' task handled, nor open the list", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/undelivered");
    zhang.expectReply("/undelivered 是话务员或值班组长用的命令。");
    await zhang.pressPayload("a.ua.20261127");
    zhang.expectNoReply("已记录");
  });
});
