import { defineMessages } from "./catalogue";

/**
 * What the local web chat says besides the flows (issue 11 §1): the page's own words (its title,
 * input, phone field, sign-in form), its answers to what a browser sends outside a conversation,
 * and the one-time sign-in code sent to a staff member on Telegram or Slack.
 */
export const web = defineMessages(
  {
    "web.page.title": "{branch} · 在线客服",
    "web.page.placeholder": "输入运单号或您的问题…",
    "web.page.send": "发送",
    "web.page.menu": "菜单",
    "web.page.phone": "手机号码",
    "web.page.phoneSend": "提交号码",
    "web.pickup.askPhone": "请留一个联系电话,方便业务员上门前联系您。请在下面输入手机号码(或带区号的座机)。",
    "web.page.photo": "[照片:网页上无法显示]",
    "web.page.reconnecting": "连接中断,正在重新连接…",
    "web.page.failed": "发送失败,请稍后再试。",
    "web.page.signedInAs": "员工:{name}",
    "web.page.signOut": "退出",
    "web.page.staffSignIn": "员工登录",
    "web.signin.title": "员工登录",
    "web.signin.person": "工号或员工 ID",
    "web.signin.sendCode": "发送验证码",
    "web.signin.code": "验证码",
    "web.signin.verify": "登录",
    "web.signin.sent": "如果该员工在名录中并绑定了 Telegram 或 Slack,验证码已发送过去,{minutes} 分钟内有效。",
    "web.signin.wait": "验证码刚刚发过,请稍等一分钟再试。",
    "web.signin.refused": "验证码不正确或已过期,请重新获取。",
    "web.signin.notNeeded":
      "本服务未设置 ADMIN_TOKEN,也未接入 Telegram 或 Slack(本地试用):员工请用 /?as=<员工 ID> 打开对话。",
    "web.signin.off":
      "网页员工登录已关闭:本服务接入了 Telegram 或 Slack,但未设置 ADMIN_TOKEN。请在 Telegram 或 Slack 中使用机器人,或请管理员设置 ADMIN_TOKEN。",
    "web.signin.codeNotice":
      "您的网页客服登录验证码:{code}({minutes} 分钟内有效,只能使用一次)。如非本人操作,请忽略并告知值班主管。",
    "web.as.unknown": "名录中没有这位员工:{id}",
    "web.notice.back": "返回在线客服",
    "web.tooManyPages": "这个对话已在太多页面中打开,请关闭一些再试。",
    "web.noChat": "请先打开客服页面。",
    "web.tooMany": "请求太频繁,请稍后再试。",
    "web.badInput": "无法识别这条消息,请重新输入。",
  },
  {
    "web.page.title": "{branch} · customer service",
    "web.page.placeholder": "Type a tracking number or your question…",
    "web.page.send": "Send",
    "web.page.menu": "Menu",
    "web.page.phone": "Phone number",
    "web.page.phoneSend": "Send number",
    "web.pickup.askPhone":
      "Please leave a contact number so the courier can call before coming. Type your mobile number (or a landline with its area code) below.",
    "web.page.photo": "[a photo: it cannot be shown on the web]",
    "web.page.reconnecting": "Connection lost, reconnecting…",
    "web.page.failed": "Could not send; please try again shortly.",
    "web.page.signedInAs": "Staff: {name}",
    "web.page.signOut": "Sign out",
    "web.page.staffSignIn": "Staff sign-in",
    "web.signin.title": "Staff sign-in",
    "web.signin.person": "Work number or staff id",
    "web.signin.sendCode": "Send a code",
    "web.signin.code": "Code",
    "web.signin.verify": "Sign in",
    "web.signin.sent":
      "If this person is in the staff directory with Telegram or Slack, a code is on its way there; it is valid for {minutes} minutes.",
    "web.signin.wait": "A code was sent a moment ago; please wait a minute before asking again.",
    "web.signin.refused": "That code is wrong or has expired; please ask for a new one.",
    "web.signin.notNeeded":
      "ADMIN_TOKEN is not set and no Telegram or Slack is connected (trying it out locally): staff open the chat with /?as=<staff id>.",
    "web.signin.off":
      "Staff sign-in on the web is off: this service is connected to Telegram or Slack but ADMIN_TOKEN is not set. Use the bot in Telegram or Slack, or ask the administrator to set ADMIN_TOKEN.",
    "web.signin.codeNotice":
      "Your web chat sign-in code: {code} (valid for {minutes} minutes, once). If you did not ask for it, ignore it and tell the duty lead.",
    "web.as.unknown": "Nobody in the staff directory has the id {id}",
    "web.notice.back": "Back to the chat",
    "web.tooManyPages": "This chat is open in too many pages; close some and try again.",
    "web.noChat": "Please open the chat page first.",
    "web.tooMany": "Too many requests; please try again shortly.",
    "web.badInput": "That message could not be read; please type it again.",
  },
);
