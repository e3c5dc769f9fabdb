import { afterAll, beforeAll, it } from "vitest";
import { freshTrackingNo, scan } from "../../support/parcels";
import { repliesText } from "../../support/transcript";
import { type CustomerHarness, customerHarness, shanghai } from "./harness";

let h: CustomerHarness;
beforeAll(async () => { h = await customerHarness("print"); });
afterAll(async () => { await h.close(); });

it("prints", async () => {
  const no = freshTrackingNo();
  await h.ingest([
    scan(no, "collected", shanghai("09:10", "2026-11-26"), "上海青浦营业部"),
    scan(no, "arrived", shanghai("06:20"), "扬州转运中心", { note: "收件人 张三 13912345678" }),
    scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部"),
  ]);
  const out: string[] = [];
  for (const lang of ["zh", "en"]) {
    const c = h.customer(lang === "en" ? "en" : undefined);
    const steps: [string, string][] = [["say", "/start"], ["say", no], ["press", lang === "zh" ? "就这个件咨询客服" : "Ask a person about this parcel"], ["say", "几点到?"],
      ["say", "/pickup"], ["say", "文昌路"], ["say", "文昌路 88 号 3 栋 502 室"], ["say", "13812345678"], ["say", "手机电池"], ["press", lang === "zh" ? "是" : "Yes"], ["press", lang === "zh" ? "改走陆运" : "Send by road"],
      ["press", lang === "zh" ? "到付(收件人付)" : "Recipient pays on delivery (到付)"], ["press", lang === "zh" ? "上午上门(直接联系业务员)" : "In the morning (call the courier)"], ["press", lang === "zh" ? "确认提交" : "Submit"], ["say", "/mypickups"], ["say", freshTrackingNo()]];
    for (const [kind, v] of steps) {
      if (kind === "say") await c.say(v); else await c.press(v);
      out.push(`> ${kind} ${v}\n${repliesText(c.last)}\n`);
    }
  }
  h.clock.set(shanghai("21:00"));
  const c = h.customer();
  await c.say(freshTrackingNo());
  out.push(repliesText(c.last));
  await c.say("/pickup"); await c.say("南京市中山路 100 号 2 栋 301 室");
  out.push(repliesText(c.last));
  console.log(out.join("\n"));
});
