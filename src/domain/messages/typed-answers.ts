import { defineMessages } from "./catalogue";
import type { MessageKey } from "./index";

/**
 * Typed answers that mean a button (issue 14 §2): the words people type instead of pressing the
 * catalogue's yes, no and confirmation buttons, separated by "|". They count only while such a
 * button is offered, and only when exactly one offered button fits (src/flows/engine/answers.ts);
 * both languages' lists are read for everyone (people type "ok" in Chinese too). Words are
 * compared as labels are: case, width and punctuation aside ("好的!" is "好的").
 */
export const typedAnswers = defineMessages(
  {
    "typed.yes": "是|是的|是啊|好|好的|好啊|对|对的|对啊|要|要的|需要|嗯|嗯嗯|可以|行|没错|当然|确定",
    "typed.no": "否|不|不是|不用|不用了|不要|不要了|不需要|没有|没|先不用|暂时不用",
    "typed.confirm": "确认|确定|提交|确认无误|没问题|没错|好|好的|可以|行|对|对的|是|是的|嗯",
    // SOP-28: the payment methods as people say them (each label's own words match already).
    "typed.pay.sender":
      "寄付|现付|现结|寄方付|寄方付款|寄件人付|寄件方付|发件人付|寄件付款|我付|我来付|我付钱|我自己付|自己付",
    "typed.pay.cod": "到付|收方付|收方付款|收件人付|收件方付|对方付|对方付款|货到付款|到付款|到了付",
    "typed.pay.account": "月结|月付|协议结算|协议客户|协议付款|记账|挂账|公司月结",
  },
  {
    "typed.yes": "yes|y|yeah|yep|yup|ya|sure|ok|okay|of course|yes please",
    "typed.no": "no|n|nope|nah|no thanks|not now|no need|dont",
    "typed.confirm": "ok|okay|yes|y|confirm|submit|sure|correct|looks good|go ahead|send it",
    "typed.pay.sender": "sender pays|sender|i pay|ill pay|i will pay|prepaid|pay now|paid now",
    "typed.pay.cod": "cod|cash on delivery|recipient pays|receiver pays|pay on delivery|collect",
    "typed.pay.account": "monthly|monthly account|account|on account|contract|contract account",
  },
);

/** Which buttons each list answers: a button whose label (in either language) is one of these. */
export const TYPED_ANSWER_BUTTONS = {
  "typed.yes": ["button.yes", "track.unknown.yes", "customer.myPickups.button.yesCancel"],
  "typed.no": ["button.no", "track.unknown.no", "customer.myPickups.button.keep"],
  "typed.confirm": ["button.confirm", "customer.pickup.button.submit"],
  "typed.pay.sender": ["payment.sender_pays"],
  "typed.pay.cod": ["payment.cod"],
  "typed.pay.account": ["payment.account"],
} as const satisfies Record<keyof typeof typedAnswers.zh, readonly MessageKey[]>;
