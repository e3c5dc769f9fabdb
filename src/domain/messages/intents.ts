import type { PhraseBook } from "../intents/intent";
import { defineMessages } from "./catalogue";
import { coveragePhrases } from "./pickup-coverage";

/**
 * Typed intents (issue 14 §2): what customers read when a typed request is answered at once, and
 * the phrase lists the matcher (src/domain/intents) reads, Chinese first, then English. Both lists
 * are read for every customer: people mix languages. Typos people really make are listed here
 * (查快第, 到那了, 投述, cancle, parcle); longer English words also match one typo away (traking).
 */
export const intents = defineMessages(
  {
    // SOP-21: no price is quoted; the courier agrees it when collecting. One message, with the offer.
    "intent.price":
      "运费要看物品的重量、大小和寄往的地方,由上门取件的业务员在取件时当面和您确认。需要寄件的话,点下面的按钮就可以预约上门取件。",
    // Said before a complaint's words in the query the agent reads (SOP-82).
    "intent.complaintMark": "【投诉】",
    // SOP-82: a complaint with nothing more than the word: what happened, before the desk is asked.
    "intent.complaint.ask":
      "很抱歉给您带来了不好的体验。请说说发生了什么;如果和某个包裹有关,请一并写上运单号,我们会转给客服尽快处理。",
  },
  {
    "intent.price":
      "The fee depends on the weight and size of your goods and where they go; the courier agrees it with you in person when collecting. To send something, tap below to book a pickup.",
    "intent.complaintMark": "[Complaint]",
    "intent.complaint.ask":
      "We're sorry about your experience. Please tell us what happened, with the tracking number if it is about a parcel, and we'll pass it to our desk to handle quickly.",
  },
);

/** A phrase list written compactly: phrases separated by "|". */
function words(...chunks: string[]): string[] {
  return chunks
    .flatMap((chunk) => chunk.split("|"))
    .map((w) => w.trim())
    .filter(Boolean);
}

/**
 * 来 as "come here": not 回来/后来/原来/出来/起来/进来/本来/将来/未来/从来, not 来了 ("it has come") or
 * 来回 ("there and back"), and never with the customer as the one who comes ("我下午来拿", "我想来
 * 拿": 我 and up to 8 characters before 来, with no one else asked in between).
 */
const COME = "(?<![回后原出起进本将未从])(?<!我[^你您师快业请麻派叫让]{0,8})来(?![了回])";
/** 取件 / 收个快递 / 拿一下包裹 / 揽件. */
const COLLECT = "(?:取|收|揽|拿)(?:个|一个|一下|下)?(?:件|快递|包裹|东西)";
/** Self-pickup places (SOP-37): a parcel waiting at one is collected by the customer. */
const POINT = "(?:网点|驿站|自提点|快递柜|代收点|丰巢|服务站)";

/**
 * The courier asked to come for a parcel (SOP-20), read clause by clause (no spaces): someone asked
 * ("麻烦来公司收个快递", "请师傅明天来取件"), or 来 to the customer's place ("明天下午来我家取件"), or
 * 来 to an address ("明天下午3点来文昌路100号取件"). A group named `place` is where (saidPlace).
 */
const COURIER_COMES: RegExp[] = [
  new RegExp(
    `(?:你们|您们|你|快递员|快递小哥|小哥|师傅|业务员|上门|麻烦|请(?!问)|派人|派个人|叫人|安排人)[^我]{0,6}?${COME}(?<place>(?:(?!${POINT}).){0,40}?)${COLLECT}`,
  ),
  new RegExp(
    `${COME}(?<place>(?:我家|我这|我们这|我们家|我公司|我们公司|我单位|我们单位|我店|我们店|我办公室|家里)[^我]{0,30}?)${COLLECT}`,
  ),
  new RegExp(
    `${COME}(?<place>(?=[^我]{0,40}?(?:路|街|巷|弄|号|栋|幢|室|村|小区|大厦))(?:(?!${POINT})[^我]){1,40}?)${COLLECT}`,
  ),
];

/** SOP-37: taking one's own parcel at a point ("网点拿包裹", "驿站取件"), whoever says it. */
const SELF_COLLECT_AT_POINT = new RegExp(`${POINT}[^寄发]{0,6}?(?:取|拿|领)(?!消)`);
/** SOP-37: the customer comes for a parcel ("我下午来拿快递", "我想过来取件"). */
const SELF_COLLECT = /(?:我|自己)[^你您师快业请麻派叫让寄发]{0,8}?来(?:拿|取|领)(?!消)/;

const zh: PhraseBook = {
  intents: {
    complaint: {
      anywhere: words(
        "投诉|投述|头诉|投拆|举报|差评|态度差|态度太差|态度很差|态度恶劣|服务太差|太差劲|邮管局|消协",
      ),
      whole: [],
    },
    // SOP-70, SOP-71: asking for compensation. Not a question about it ("摔坏了,怎么赔?", "能赔吗"):
    // in a thread with the desk that is the agent's to answer (thread.ts), and elsewhere a person's.
    claim: {
      anywhere: words("理赔|索赔|赔偿|赔付|赔钱|要赔|我要赔|申请赔|报赔|理陪|赔尝"),
      whole: [],
    },
    person: {
      anywhere: words(
        "转人工|转接人工|联系人工|人工客服|人工服务|人工坐席|找人工|要人工|接人工|叫人工|转人功|转仁工|人工克服|真人|活人|找客服|联系客服",
        "客服电话|有人吗|有没有人|给我打电话|打电话给我|回个电话|回电话",
        // After a claim's settlement: the money is a person's to look into, never a parcel to track
        // ("还没收到" alone is tracking's) nor a new claim.
        "还没收到钱|没收到钱|钱还没收到|钱没收到|钱还没到|钱没到账|还没到账|没有到账|赔款还没|赔偿款还没|没收到赔偿|赔偿还没到",
      ),
      whole: words("人工|客服|人工台|转接|客服呢|人呢"),
    },
    cancelPickup: {
      anywhere: words(
        "取消取件|取消上门|取消预约|取消寄件|取消订单|取消下单|不寄了|不要寄了|不想寄了|不用来取|不用来了|别来了|不用上门",
      ),
      whole: [],
    },
    // Issue 17: following a parcel, typed. 不再关注 before 关注 (INTENTS' order).
    unfollow: {
      anywhere: words(
        "不再关注|取消关注|别关注|不要关注|不用关注|停止关注|不关注|取关|别再通知|不要再通知|不用再通知|不用通知|别通知",
        "不要通知|取消通知|关闭通知|停止通知|不想收到通知|不要再发通知|别再发通知|退订|取消订阅",
      ),
      whole: [],
    },
    follow: {
      anywhere: words(
        "关注此件|关注这个件|关注一下|帮我关注|我要关注|我想关注|开启通知|打开通知|有变化通知我",
        "到了告诉我|到了通知我|送到了告诉我|送到了通知我|签收了告诉我|签收了通知我|有消息告诉我|有消息通知我",
        "帮我盯着|帮我盯一下|帮我跟一下|盯着这个件",
      ),
      whole: words("关注"),
      withNumber: words("关注|跟踪|订阅"),
    },
    cancel: {
      anywhere: [],
      // Not 不要/不用了/返回/否: those answer a question (是否空运?) or are a button of their own;
      // 不要了 ("I don't want it any more") gives up what is under way.
      whole: words("取消|撤销|算了|不办了|不要了|退出|停止|结束"),
    },
    price: {
      anywhere: words(
        "多少钱|几多钱|多钱|几块钱|多少块|运费|邮费|快递费|价格|价钱|收费|资费|报价|首重|续重|怎么算钱|怎么收钱|贵不贵|贵吗",
        "一公斤多少|一斤多少",
      ),
      whole: [],
    },
    coverage: coveragePhrases.zh, // SOP-1, SOP-27 (pickup-coverage.ts)
    track: {
      anywhere: words(
        "到哪了|到哪里了|到哪儿了|到哪啦|到那了|到那里了|快递在哪|包裹在哪|件在哪|东西在哪|查快递|查快第|查件|查单|查运单|查物流",
        "查一下快递|查下快递|查询快递|快递查询|物流信息|物流状态|物流进度|看物流|什么时候到|啥时候到|几时到|多久到|多久能到|几天到",
        "怎么还没到|还没到|还没收到|到了没|到了吗|到没到|派送了吗|派件了吗|送到哪",
        // Said in reply to a push or an answer, with no number: when it comes (followed-parcel.ts).
        "什么时候能送到|什么时候送到|什么时候能到|啥时候送到|啥时候能到|几时送到|哪天到|哪天能到|哪天送到",
        // Self-pickup (SOP-37, SOP-50): where and when a parcel waiting at a point is collected.
        "哪里取|哪儿取|哪取|什么时候可以取|什么时候能取|几点可以取|取件码|提货码|取货码|自提点",
      ),
      // SOP-37: collecting one's own parcel ("我下午来拿快递", "我可以来网点拿包裹吗", "我明天来
      // 文昌路100号驿站取件"): a parcel to look up, never a courier sent out.
      patterns: [SELF_COLLECT_AT_POINT, SELF_COLLECT],
      whole: words("单号|运单号|快递单号|查询|查一下|物流|我的快递|我的包裹|我的件"),
      // Beside a tracking number these can only mean "look this parcel up".
      // SOP-10: beside a number, asking whether it is signed for, where it is, when it comes, or to
      // look at it is a question the scans answer ("YT…签收了吗", "帮我看看YT…", "查YT…").
      withNumber: words(
        "查一下|查一查|查下|查查|帮我查|帮忙查|给我查|查询|状态|查|看看|看一下|看下|瞧瞧|帮我看",
        "签收了吗|签收了没|签收没|签收了没有|有没有签收|签了吗|签了没|是否签收|被签收|谁签收|签收情况",
        "送到了吗|送到没|能送到|送达了吗|到了吗|到了没|到没到|到哪|在哪|进度|怎么样了",
        "什么时候|啥时候|几时|多久|几天",
      ),
    },
    pickup: {
      anywhere: words(
        "寄快递|寄快第|寄快滴|寄件|寄个|寄东西|寄包裹|寄一个|我要寄|我想寄|想寄|要寄|发快递|发个快递|发件|邮寄|上门取件|上门收件",
        "上门取|上门揽收|预约取件|揽收|叫快递员|叫个快递",
      ),
      // 来取件 only alone: inside a sentence it is as often the customer coming ("几点可以来取件",
      // SOP-37); the courier asked to come is COURIER_COMES.
      whole: words("寄|来取件|来收件"),
      // 来…取件 / 来…收件 / 来…取个件 only when the courier is asked to come (SOP-20), never when
      // the customer comes (SOP-37: "我下午来拿快递" is tracking's): see COURIER_COMES.
      patterns: COURIER_COMES,
    },
    help: {
      anywhere: [],
      whole: words(
        "帮助|帮忙|求助|怎么用|怎么操作|使用说明|说明|功能|有什么功能|你能做什么|能做什么|你会什么",
      ),
    },
    thanks: {
      anywhere: [],
      whole: words(
        "谢谢|谢了|谢啦|多谢|感谢|谢谢你|谢谢您|再见|拜拜|辛苦了|麻烦了|没事了|没有了|没问题了|明白了|知道了",
      ),
    },
  },
  filler: words(
    "您好|你好|请问|请|麻烦|帮我|我们|我|要|想|需要|一下|下|给|的|了|吧|啊|呀|呢|吗|嘛|哦|噢|嗯|哈|啦|喂|好的|好",
    "谢谢|可以|能不能|能|快点|马上|现在|赶紧|亲|在吗|那个|就是|快递|包裹|还是",
    "算了", // "算了不寄了": giving up, said whole (算了 alone is cancel)
  ),
};

const en: PhraseBook = {
  intents: {
    complaint: {
      anywhere: words(
        "complaint|complain|complaining|complained|terrible service|bad service",
        "poor service|very rude|was rude|so rude|unacceptable",
      ),
      whole: [],
    },
    claim: {
      anywhere: words(
        "compensation|compensate|compensated|compensate me|file a claim|make a claim|claim compensation",
        "insurance claim|claim for|reimburse|reimbursement|money back",
      ),
      // "claim" inside a sentence is as often collecting ("where do I claim my parcel").
      whole: words("claim|a claim"),
    },
    person: {
      anywhere: words(
        "real person|real human|human agent|live agent|live person",
        "talk to a human|talk to a person|talk to someone|talk to an agent",
        "talk to agent|speak to a human|speak to a person|speak to someone",
        "speak to an agent|speak with someone|speak with a person",
        "customer service|customer support|representative|call me|call me back",
        "transfer me|manual service|artificial service",
      ),
      whole: words("human|humen|agent|agnet|person|operator|staff|support|someone", "anyone there|manual"),
    },
    cancelPickup: {
      anywhere: words(
        "cancel my pickup|cancle my pickup|cancel the pickup|cancel pickup",
        "cancel my order|cancel the order|cancel my booking|cancel the booking",
        "cancel my request|dont come|no need to come",
        "dont want to send|dont need to send|no longer want to send|no longer need to send",
      ),
      whole: [],
    },
    unfollow: {
      anywhere: words(
        "unfollow|stop following|stop follow|stop notifications|stop notification|stop notifying",
        "no more notifications|no more updates|stop updates|stop the updates|unsubscribe",
        "dont notify me|do not notify me|turn off notifications",
      ),
      whole: [],
    },
    follow: {
      anywhere: words(
        "follow this parcel|follow this package|follow my parcel|follow my package|keep me posted",
        "let me know when|tell me when it|notify me when",
      ),
      // "follow up on …" is no following: "follow" only alone (a number aside).
      whole: words("follow|follow it"),
    },
    cancel: {
      anywhere: [],
      whole: words(
        "cancel|cancle|cancell|cancal|stop|quit|exit|abort|never mind|nevermind",
        "forget it|cancel it|cancel that",
      ),
    },
    price: {
      anywhere: words(
        "how much|price|prices|pricing|cost|costs|fee|fees|postage",
        "shipping charge|delivery charge|quote|tariff",
      ),
      whole: [],
    },
    coverage: coveragePhrases.en, // SOP-1, SOP-27 (pickup-coverage.ts)
    track: {
      anywhere: words(
        "where is my|wheres my|where my|where is the parcel",
        "where is the package|where is it|track|tracking|trace|trak|status",
        "has my parcel arrived|when will my|when will it arrive",
        "when will it be delivered|not arrived|hasnt arrived|didnt arrive",
        "not received|havent received|didnt receive|not delivered",
        "check my parcel|check my package",
      ),
      whole: words(
        "my parcel|my parcle|my percel|my package|my order|my delivery|waybill",
        "parcel|parcle|package",
      ),
      withNumber: words(
        "check|look up|lookup|where|wheres|locate|check on|when|signed|delivered|arrived|arrive|eta",
      ),
    },
    pickup: {
      anywhere: words(
        "send a parcel|send a package|send parcel|send package|send something",
        "send my parcel|send my package|send a parcle|send a box|ship a parcel",
        "ship a package|ship something|post a parcel|mail a package|pickup",
        "book a pickup|schedule a pickup|arrange a pickup|request a pickup",
        "come and pick up|come to pick up|come pick up|come and collect",
        "come to collect|want to send|need to send",
        // The courier asked for ("can someone collect a parcel", "pick up a package from my home");
        // "where can I pick up my parcel" is the customer collecting (tracking's), so never "pick up" alone.
        "someone collect|someone to collect|someone pick up|someone to pick up|send someone|send a courier",
        "you collect a|you collect my|you pick up a|you pick up my|courier to collect|courier to pick up",
        "pick up a parcel from|pick up a package from|collect a parcel from|collect a package from",
        "pick up from my|collect from my|pickup from my",
      ),
      whole: words("send|ship"),
    },
    help: {
      anywhere: [],
      whole: words(
        "help|help me|need help|what can you do|how does this work|how to use",
        "instructions|options",
      ),
    },
    thanks: {
      anywhere: [],
      whole: words(
        "thanks|thank you|thank u|thx|ty|tks|thanks a lot|many thanks|cheers",
        "bye|goodbye|bye bye|see you|see ya|got it|thats all|no thanks|all good",
      ),
    },
  },
  filler: words(
    "i|im|id|want|wanna|would|like|to|a|an|the|please|pls|plz|me|my|can",
    "could|you|u|need|just|ok|okay|hi|hello|hey|now|asap|quickly|is|it|this",
    "that|so|much|very|and|thanks|with|make|file|have",
    "anymore|never mind|nevermind", // "never mind, I don't want to send it anymore": whole
  ),
};

/** The phrase lists by language (data, not code: a branch adds the words its customers use). */
export const intentPhrases: { zh: PhraseBook; en: PhraseBook } = { zh, en };
