// High-precision routing rules, applied before the statistical classifier.
// A rule fires only on wording that leaves little doubt (挂失, "my card was
// stolen", "转人工", a CMP reference, a bare "thanks"); anything subtler is left
// to the classifier, so a miss here costs nothing while a wrong hit overrides a
// good model. Guards (negation, hypotheticals, prevention and fee questions,
// "your fees are a scam") keep FAQ-like questions and grievances out of urgent.
import type { Route, RoutingIntent, RoutingLocale } from './route-of-intent.js';
import { ROUTE_OF_INTENT } from './route-of-intent.js';

export interface RuleMatch {
  route: Route;
  intent: RoutingIntent;
  /** Id of the rule that fired, e.g. `urgent/zh/report-loss`: for logs and tests. */
  rule: string;
}

type Lang = 'zh' | 'en';

interface RoutingRule {
  id: string;
  lang: Lang;
  intent: RoutingIntent;
  pattern: RegExp;
  /** The rule does not fire when any of these matches the whole text. */
  unless?: readonly Guard[];
  /** The rule does not fire when a negation cue stands right before the match. */
  negatable?: boolean;
  /** Tested against the text without punctuation or emoji, for rules anchored to the whole message. */
  whole?: boolean;
}

// ---------------------------------------------------------------- guards

/** A guard is tested against the whole text: a RegExp, or a predicate with the same `test`. */
interface Guard {
  test(text: string): boolean;
}

// Many rules share a guard (PREVENTION_ZH, HANDLED_ONLY_EN, …), and every rule whose pattern matches tests its guards, so a
// shared guard could be evaluated several times for the same text: each remembers its answer for the last text.
const rememberedGuards = new Map<Guard, Guard>();
function remembered(guard: Guard): Guard {
  let r = rememberedGuards.get(guard);
  if (!r) {
    let lastText: string | null = null;
    let last = false;
    r = {
      test(text) {
        if (text !== lastText) {
          last = guard.test(text);
          lastText = text;
        }
        return last;
      },
    };
    rememberedGuards.set(guard, r);
  }
  return r;
}
function rememberingGuards(rules: readonly RoutingRule[]): readonly RoutingRule[] {
  return rules.map((rule) => (rule.unless ? { ...rule, unless: rule.unless.map(remembered) } : rule));
}

/** Conditional clauses that contain the incident itself: "what if I lose my card", "如果卡丢了". */
const HYPOTHETICAL_EN =
  /\b(if|in case|suppose|supposing|when)\s+(i|my|you|your|someone|somebody|a|the|one|cards?|it)\b\s*([\w']+\s+){0,3}(lose|loses|lost|get lost|gets lost|stolen|steal|steals|nicked|pickpocketed|mugged|robbed|snatched|hacked|scammed|tricked|conned|compromised|cloned|skimmed|used fraudulently|(a )?victims? of)\b|\b(hypothetically|in general|generally speaking|for future reference|asking for the future)\b/;
const HYPOTHETICAL_ZH =
  /(如果|万一|假如|要是|一旦|假设|若)[^，。,.!?；;]{0,10}(丢|被偷|被盗|被骗|盗刷|被黑|遗失|被抢)|(丢|被偷|被盗|被骗|盗刷|遗失|被抢)[^，。,.!?；;]{0,5}的话|^(一般|通常)|(一般|通常)(来说|情况下|被骗|被盗|丢卡)/;

/** Education and prevention questions about fraud: FAQ, not an incident. */
const PREVENTION_EN =
  /\b(avoid|avoiding|prevent|preventing|prevention|protect|protecting|protection|spot|identify|recogni[sz]e (a|an)\b|tips?|warning signs|aware of|stay safe|keep (my|your) (account|money|card)s? safe)\b|\bis (this|it|that)( [\w']+){0,3} (a |an )?(real |genuine )?(scam|fraud|phishing|fake|legit)\b/;
const PREVENTION_ZH = /((盗刷|失卡|盗用)(险|保障|保险)|防范|预防|防止|避免|识别|辨别|分辨|防骗|反诈|怎么判断|如何判断|注意什么|注意事项|小知识|宣传|是不是诈骗|是诈骗吗|是真的吗|(听说|据说|新闻(里|上)?说|网上说)[^。.!?]{0,6}(最近|现在)?(有|出现)|最近(有)?(很多|好多|不少|挺多)|(怕|担心|以防|以免|提防|免得)(他们|她们|他|她|老人|爸妈|父母|孩子|家人)?[^，。,.!?；;]{0,4}(接到|遇到|碰到|上当))/;

/** Reporting a scam message that was only received ("how do I report a phishing text") is an FAQ, not a scam. */
const REPORTS_SCAM_MESSAGE_EN =
  /^(?!.*\b(sent|paid|transferred|gave|clicked|tapped|entered|typed|lost|handed)\b).*\breport(ing)? (a |an |the |this |these )?(scam|phishing|suspicious|fake|fraudulent) (texts?|emails?|calls?|messages?|sms|websites?|sites?|letters?)\b/;

/** Price questions: "挂失要收费吗", "fee for a lost card replacement" are FAQ. */
const FEE_QUESTION_EN = /\b(fee|fees|cost|costs|price|charge for|charged for|how much)\b/;
const FEE_QUESTION_ZH = /(手续费|工本费|费用|收费|多少钱|要钱吗|免费吗|收不收费|几块钱)/;

/** An existing fraud case ("my fraud claim was handled badly") is complaint material. */
const FRAUD_CASE_EN = /\bfraud (claim|case|dispute|investigation|report)s?\b/;

/** Bank fees and interest: an unexpected one is a grievance, not card fraud. */
const BANK_FEE_ZH = /(年费|手续费|管理费|利息|服务费|短信费|违约金|罚息|滞纳金)/;
const BANK_FEE_EN = /\b(fees?|interest|overdraft|penalty|penalties)\b/;

/** The bank itself called a scam or thief: a grievance, not an incident. */
const ACCUSES_BANK_EN =
  /\b(you|you guys|you people|you're|you are|this bank|your bank|your (fees?|charges?|rates?|service|products?|policy|policies))\s+((are|is|=)\s+)?(a |an |just |such a |total |complete |absolute |legali[sz]ed )*(scam|scams|fraud|frauds|fraudsters|scammers|crooks|rip-?off|robbery|theft|thieves)\b|\b(you|you've|you have|you're|you are|the bank|your bank)\s+(have |has |are |is |were )?(stolen|stole|stealing|robbed|robbing|scammed|scamming)\b|\b(daylight robbery|feel (like i('ve| have) been )?(robbed|cheated|scammed))\b/;
const ACCUSES_BANK_ZH = /(你们|贵行|银行|这银行|你们银行|你们行)(这里?|这个银行)?(简直|就是|真是|真的是|是不是|是|在)?(诈骗|骗子|骗人|抢钱|偷钱)|(你们|银行|贵行)(偷|抢|骗)(了|走)?我/;

/**
 * A loss or incident already dealt with ("上个月挂失的那张卡…", "my card was lost last month and you sent a new one",
 * "之前被盗刷过一次"): what follows is a question about the aftermath, not a report. The time alone ("two days ago")
 * is not enough: "I lost my card two days ago" is still a report.
 */
const HANDLED_INCIDENT_ZH =
  /(上周|上个月|上次|之前|以前|前几天|前阵子|前段时间|前天|昨天|去年|已经|已)[^，。,.!?；;]{0,6}(挂失|补办|补卡|换卡|冻结|锁卡|止付|销卡)(了|过|好|完|的)?|(挂失|补办|冻结|止付)(过|好了|完了|了的|的那张)|补(办)?的(新)?卡|(之前|以前|曾经|上次|去年|前几年)[^，。,.!?；;]{0,6}(被)?(盗刷|骗|偷|盗|丢)过|(上周|上个月|上次|之前|以前|前几天|前阵子|前段时间|去年)[^，。,.!?；;]{0,4}(被盗刷|被骗|被盗|被偷|被转走|丢)的|(钱|款|资金)[^，。,.!?；;]{0,4}((已经|已|都)(退回|追回|找回|返还)|(退回来|追回来|找回来|退回|追回|返还)了)|(丢|被偷|被盗|被抢|盗刷|挂失)[^，。,.!?；;]{0,6}(之后|以后|后)[^，。,.!?；;]{0,4}(补|换|办|寄|发)(的|了)?(新)?卡/;
const HANDLED_INCIDENT_EN =
  /\b(already (reported|blocked|cancelled|canceled|frozen|froze|replaced|locked|stopped)( it| the card| my card| them)?|(you|they|the bank) (sent|issued|posted|gave)( me)? (a |the |my )?(new|replacement)|(new|replacement) one (arrived|came|has arrived|turned up|is here)|(new|replacement) card\b[^.?!]{0,60}\b(has arrived|arrived|came|has come|is here|turned up|has turned up)|(all |it'?s |it is |that'?s |everything'?s )?(fixed|sorted|resolved|sorted out|cleared up) now|(got|received|have) (a|my|the) (new|replacement) (card|one)|(was|were|got) (lost|stolen|hacked|scammed|compromised) (last (week|month|year)|(a few|two|three|\d+|some) (weeks|months|years) ago|a while ago|a while back)|(had|have had) (my card|my wallet|it|my account) (stolen|hacked|compromised|cloned) (before|once|last year|in the past)|(after|since|following) (the|that|my) (fraud|theft|scam|hack|loss)( (last|a few|two|three|\d+) (week|month|year)s?( ago)?)?)\b/;

/** An incident dealt with and no new one outside that clause ("上个月挂失过，今天又被盗刷了" reports one). */
function handledOnly(handled: RegExp, reported: () => RegExp): Guard {
  const all = new RegExp(handled.source, 'g');
  return { test: (text) => handled.test(text) && !reported().test(text.replace(all, ' ')) };
}
const HANDLED_ONLY_ZH = handledOnly(HANDLED_INCIDENT_ZH, () => REPORTED_INCIDENT_ZH);
const HANDLED_ONLY_EN = handledOnly(HANDLED_INCIDENT_EN, () => REPORTED_INCIDENT_EN);

/** The bank locking a card or account by itself ("输错三次会锁卡吗", "被冻结了，说是有电诈风险"), not a report of a loss or a scam. */
const BANK_HOLD_ZH =
  /(会|会不会|就会|自动|系统)(被)?(锁卡|锁定|冻结|止付)|被(你们|银行|贵行|系统|风控)(给)?(锁卡|锁了|锁定|冻结|冻了|止付)|输错[^，。,.!?；;]{0,8}(锁|冻结)|^(?!.*(被骗|骗了|骗子|转了|汇了|转给|打给|打了)).*(解冻|解除(限制|管控|冻结|止付)|(冻结|限制|管控|停用|止付)[^。.!?]{0,12}(风险|涉诈|涉嫌|电诈|可疑)|(风险|涉诈|涉嫌|电诈|可疑)[^。.!?]{0,12}(冻结|限制|管控|停用|止付))/;

/** A service named in a grievance ("一个简单的挂失补卡让我跑了三趟"): the grievance is the point. */
const SERVICE_GRIEVANCE_ZH =
  /让我(跑|等|来回)|跑了[^，。,.!?；;]{0,2}[一二三四五六七八九十两几\d]+趟|白跑|排了[^，。,.!?；;]{0,4}队|态度|不耐烦|折腾|推来推去|[一二三四五六七八九十两几\d]+(趟|次)(了)?(都|还)/;

/** Undoing a loss report is routine service, not an emergency. */
const UNDO_LOSS_REPORT = /(解除挂失|取消挂失|解挂|撤销挂失|挂失解除)|\b(found|find) (my|the) card\b[^.?!]{0,30}\b(unblock|unfreeze|reactivate|unlock)/;

/** Asking when or how to reach people is an FAQ about opening hours or numbers. */
const CONTACT_INFO_ZH = /(几点|什么时[间候]|时间(是|段)|(电话|号码|热线)(号码)?(是|是多少|多少|给我|发我)|收费|费用|多少钱|工作日|上班)/;
const CONTACT_INFO_EN = /\b(phone number|number for|hours|opening times|open until|what time|when (are|is) .* (open|available))\b/;

/** "你是真人吗" / "are you a real person?" ask who the bot is; they are not a handoff request. */
const ASKS_IF_HUMAN_ZH = /(你|您)(是|是不是|到底是)(真人|真的人|活人|人工|人)(客服)?(吗|嘛|么|呢|还是)|是真人吗|是人吗|真人还是机器|机器人还是真人|人工还是机器|机器人还是人工/;
const ASKS_IF_HUMAN_EN =
  /^(so )?(you|u)\s+(a |an )?(real |actual |live )?(human|person|bot|robot|machine|ai)\b|\bis (a|an|there a) (real |actual |live )?(human|person) (reading|typing|answering|replying|behind|writing)\b|\b(are you|r u|am i (talking|chatting|speaking) (to|with)|is this|is it|you'?re|you are|u r|ur)\s+(a |an )?(real |actual |live )?(human|person|people|bot|robot|machine|computer|ai)\b/;

/** Loose incident wording: an emergency may be told angrily, and a hypothetical question may come with a real incident. */
const INCIDENT_EN = /\b(stolen|stole|lost|missing|misplaced|hacked|scam|scammed|scammer|fraud|fraudulent|conned|phishing|someone|somebody|not me|wasn'?t me|didn'?t (make|do|authori[sz]e)|unauthori[sz]ed|can'?t find|cannot find|gone from|taken from)\b/;
const INCIDENT_ZH = /(丢|被盗|被偷|被抢|被扒|偷走|盗刷|被刷|被骗|诈骗|骗子|不是我|陌生|有人|不见了|找不到|被转走|被人)/;
/** Narrower: an incident reported as having happened, for telling a hypothetical question from a report. */
const REPORTED_INCIDENT_EN = /\b(stolen|stole|lost|missing|misplaced|hacked|scammed|conned|not me|wasn'?t me|didn'?t (make|do|authori[sz]e)|unauthori[sz]ed|can'?t find|cannot find|gone from|taken from)\b/;
const REPORTED_INCIDENT_ZH = /(丢了|丢失|掉了|被盗|被偷|被抢|被扒|偷走|盗刷了|被刷了|被骗了|不是我|不见了|找不到|被转走)/;

const NEGATION_BEFORE_EN = /(\bnot|n't|\bnever|\bno|\bwithout)\s+([\w']+\s+){0,2}$/;
const NEGATION_BEFORE_ZH = /(没|没有|不是|并非|未|并未|别|不用|不要|不需要|无需|无须|不想)$/;

// ---------------------------------------------------------------- vocabulary

const CARD_ZH = '(卡|card|钱包|存折|u盾|证件|(?<![红流量礼书面])包)';
// Fillers allowed between the object and the verb. Negations (没/不/未) are
// deliberately absent so that "卡没丢" never reads as "卡丢".
const FILLER_ZH = '(片|子)?(又|也|都|好像|可能|应该|已经|一起|刚刚|刚才|不小心|被我|让我|给我|给)?(弄|搞)?';
const LOSS_VERB_ZH = '(丢了|丢失|丢在|丢勒|丢啦|丢咯|丢掉|掉了|掉在|不见了|不见鸟|不见啦|找不到了?|遗失|没了)';

const PERSON_ZH = '(人工|真人|活人|客服(人员|专员|代表|经理|小姐姐)?|工作人员|员工|同事|负责的人|管事的人?|说了算的人?|坐席|座席|客户经理|理财经理|理财顾问|经理|顾问|专员|主管|负责人|业务员|领导|上级|行长)';
const PERSON_EN =
  '(humans?|(real |actual |live )?(person|people|agents?|advis[eo]rs?|representatives?|operators?|managers?|supervisors?|bankers?|staff|members? of staff|someone|somebody)|customer (service|services|care|support)|(relationship|wealth|account|branch) manager)\\b';

const CARD_EN = "(card|cards|wallet|purse|handbag|bag|visa|mastercard|amex|debit card|credit card)";

// ---------------------------------------------------------------- rules

const URGENT_RULES: readonly RoutingRule[] = rememberingGuards([
  // scams: money already sent to a fraudster
  {
    id: 'urgent/zh/scam',
    lang: 'zh',
    intent: 'urgent.scam_transfer',
    pattern:
      /(被骗|被诈骗|诈骗|骗子|杀猪盘|电诈|被人骗|上当受骗|冒充(公安|警察|客服|领导|法院|检察院|银行))|(冒充|假冒|自称|说是|声称)[^。.!?]{0,20}(转账|转了|转钱|汇款|打款|转到|转给)|扫(了)?(码|二维码)[^。.!?]{0,20}(扣了|被扣|转走|没了|少了|付了)|(退款|理赔|退费)[^。.!?]{0,10}(扫码|下载|屏幕共享|开网贷|贷款)|(让我|叫我|要我|让她|让他)[^。.!?]{0,10}(贷款|网贷|借钱|借贷)[^。.!?]{0,10}(转|打|汇)给|(网上认识|网友|网恋|交友软件)[^。.!?]{0,20}(转了|转账|投资|充值|打款)|(充值|充了|投资|投了|转进去|打进去|入金)[^。.!?]{0,15}(提现不了|提不了现|提不出来|取不出来|无法提现|不能提现|提现失败|出不了金|不让提)|(验证码|动态码|短信码|密码|卡号)[^，。,.!?；;]{0,6}(告诉|给|发给|念给|报给|说给|透露给)(了)?(他|她|对方|那个人|那人|别人|陌生人|骗子|客服|他们)|(告诉|给|报|念)(了)?(他|她|对方|那个人|他们)[^，。,.!?；;]{0,6}(验证码|动态码)|验证码被(人)?(骗|套|要)走|(转账|转了|转钱|付款|汇款|打款)[^。.!?]{0,12}(拉黑|联系不上|失联|不见了)/,
    unless: [PREVENTION_ZH, HYPOTHETICAL_ZH, ACCUSES_BANK_ZH, HANDLED_ONLY_ZH, BANK_HOLD_ZH],
    negatable: true,
  },
  {
    id: 'urgent/en/scam',
    lang: 'en',
    intent: 'urgent.scam_transfer',
    pattern:
      /\b(scammed|scammer|scammers|scam|conned|swindled|fraudster|tricked into|fell for)\b|\b(sent|transferred|paid|moved)\b[^.?!]{0,40}\b(fake|fraudster|con ?man|safe account)\b|\b(pretending to be|posing as|claiming to be|impersonating|(said|says|saying|claimed|told me) (he|she|they) (was|were|is|are) (from|with|calling from))\b[^.?!]{0,50}\b(sent|send|transfer|transferred|paid|pay|money|moved|move)\b|\b(sent|transferred|paid)\b[^.?!]{0,40}\b(they|he|she|the seller|the landlord|the buyer)('ve| have|'s| has)?\s+(now |since |just )?(blocked|disappeared|vanished|gone quiet|gone silent|stopped (replying|responding|answering))\b|\b(take|took|taking) out a loan\b[^.?!]{0,40}\b(send|sent|transfer|transferred|give|gave|pay|paid|hand|handed)\b[^.?!]{0,15}\b(it|them|him|her)\b|\b(scanned|scan)\b[^.?!]{0,30}\bqr\b[^.?!]{0,60}\b(lost|took|taken|gone|charged|debited|paid)\b|\b(gave|read|told|sent|shared|passed|handed|forwarded|texted|said)\b[^.?!]{0,20}\b(them|him|her|the caller|the guy|the man|the woman|someone|somebody|a caller|the person|a stranger)\b[^.?!]{0,15}\b(the |my |a |that |those )?(\d[\s-]?digit |one[- ]time |otp |verification |security |sms |text |authori[sz]ation )?(code|codes|otp|passcode)\b|\b(read|gave|told|shared|sent)\b[^.?!]{0,10}\b(the |my |a )?(\d[\s-]?digit |one[- ]time |otp |verification |security |sms )?(code|otp|passcode)\b[^.?!]{0,30}\b(to (a |the |some )?(caller|someone|somebody|him|her|them|a man|a guy|a woman|the guy|the man)|over the phone|on the phone|pretending|claiming|posing)\b|\b(platform|site|website|exchange|broker|trading app|scheme)\b[^.?!]{0,25}\b(won'?t let me|will not let me|doesn'?t let me|can'?t|cannot|unable to|not able to)\s+(withdraw|cash out|take (it|my money) out)\b/,
    unless: [PREVENTION_EN, HYPOTHETICAL_EN, ACCUSES_BANK_EN, REPORTS_SCAM_MESSAGE_EN, HANDLED_ONLY_EN],
    negatable: true,
  },
  // account takeover: someone else controls online banking
  {
    id: 'urgent/zh/account-takeover',
    lang: 'zh',
    intent: 'urgent.account_takeover',
    pattern:
      /(账号|账户|帐号|帐户|手机银行|网银|网上银行|app|银行app|微信银行)[^，。,.!?]{0,3}(被盗|被黑|被hack|被入侵|被控制|被人控制|被人登录|被别人登录|被登录|被人登|被盗用|被冒用)|被盗号|(异地|陌生设备|新设备|别的手机|其他手机|陌生手机|别的地方|不认识的设备)[^，。,.!?]{0,4}登录(提醒|通知|短信|记录|了|过)|(异地|陌生设备|新设备|陌生手机|新手机)[^。.!?]{0,12}(不是我|我没有?(登|操作|换))|(收到|寄来|多了|出现|显示|有)[^，。,.!?；;]{0,12}(我)?(没|没有|从来没|从没)(申请|办|开|借)过?的(信用卡|贷款|账户|卡|网贷)|(我)?(没|没有|从来没|从没)(申请|办|开|借)过?的(信用卡|贷款|账户|卡|网贷)|(多了|多出|出现了?|显示|冒出)(一|两|几)?(张|笔|个)[^，。,.!?；;]{0,8}(信用卡|贷款|账户|卡|网贷)[^。.!?]{0,6}(我)?(没|没有|从来没|从没)(申请|办|开|借)过|密码被(人|别人)?(改|修改|重置|篡改)|(预留)?手机号被(人|别人)?(改|换|修改|补办|转网)|钓鱼(链接|网站|短信)|(点了|点开|打开|收到|按照)[^。.!?]{0,12}链接[^。.!?]{0,20}(填|输入|输了|填了|提交)[^。.!?]{0,12}(卡号|密码|验证码|身份证)|改了我(的)?(绑定|预留)?的?手机号|(手机卡|sim卡)被(人|别人)?(补办|复制)|被(人|别人)(绑定|解绑)|被(人|别人)(冒名|冒用)?(申请|开通|办理|开了|借了|贷了|提额)|有人(用|拿|冒用|盗用)(了)?我的(名字|名义|身份证|身份|信息|证件)[^，。,.!?；;]{0,12}(开|办|申请|贷|借)|(假|钓鱼|山寨|诈骗|可疑|不明)(的)?(网站|链接|页面|app|二维码)[^。.!?]{0,20}(填|输|提交)|(填|输)(了|入|进)[^。.!?]{0,15}(卡号|密码|验证码|有效期|cvv|背面)[^。.!?]{0,15}(假的|钓鱼|诈骗|不对劲)|(网站|链接|页面)[^。.!?]{0,6}(好像|可能|应该)?是假的|(远程|屏幕共享|共享屏幕|共享了屏幕)[^。.!?]{0,15}(操作|控制|转账|看到|照做)|有人在我的(手机|电脑)上|被(人|别人)?绑(定)?到(了)?(别的|其他|陌生|别人)的?(手机|设备|支付|账户|微信|支付宝)/,
    unless: [PREVENTION_ZH, HYPOTHETICAL_ZH, HANDLED_ONLY_ZH],
    negatable: true,
  },
  {
    id: 'urgent/en/account-takeover',
    lang: 'en',
    intent: 'urgent.account_takeover',
    pattern:
      /\b(account|online banking|mobile banking|banking app|app|login|email|phone)s?\b[^.?!]{0,25}\b(hacked|compromised|taken over)\b|\bhacked\b|\b(someone|somebody|a stranger|strangers?|hackers?)\b[^.?!]{0,30}\b(logged in|logged into|has access|had access|accessed|got into|trying to (log|get) in(to)?|taken over|took over|changed my (password|email|phone|number|address|details|pin))\b|\b(clicked|opened|followed|tapped)\b[^.?!]{0,40}\blink\b[^.?!]{0,60}\b(entered|typed|gave|put in|put my|filled in|keyed in|submitted)\b[^.?!]{0,30}\b(card|pin|password|details|code|passcode|login)|\b(text|sms|email|e-mail|message|whatsapp|website|site|web page|pop-?up|advert)\b[^.?!]{0,60}\b(clicked|tapped|opened|followed)\b[^.?!]{0,30}\b(entered|typed|gave|put in|put my|filled in|keyed in|submitted)\b[^.?!]{0,20}\b(card|pin|password|details|code|passcode|login)|\bphishing (link|site|website|email|text|call)\b[^.?!]{0,40}\b(entered|gave|typed|clicked|put in)|\b(clicked|entered|gave)\b[^.?!]{0,30}\bphishing\b|\bsim (was |got |has been )?swap(ped)?\b|\b(entered|typed|put in|put my|gave|filled in|keyed in|submitted)\b[^.?!]{0,30}\b(card|details|pin|password|login|code|cvv)\b[^.?!]{0,30}\b(fake|dodgy|scam|phishing|fraudulent|bogus|spoof(ed)?|copycat|suspicious)\b|\b(fake|dodgy|scam|phishing|fraudulent|bogus|spoof(ed)?|copycat)\s+([\w-]+\s+)?(site|website|page|link|app|form)\b[^.?!]{0,40}\b(entered|typed|put in|put my|gave|filled in|keyed in|submitted)\b|\b(gave|granted|let|allowed)\b[^.?!]{0,30}\b(remote access|remote control|access to my (computer|phone|laptop|screen|pc))\b|\b(remote access|remote control|anydesk|teamviewer|screen ?shar\w*)\b[^.?!]{0,40}\b(in my (bank|account|banking)|moved|transferred|took|sent|logged)\b|\b(someone|somebody)\b[^.?!]{0,10}\b(changed|reset|added|opened|updated)\b[^.?!]{0,30}\b(my|in my name|on my account)\b|\b(someone|somebody|a stranger|a fraudster)\b[^.?!]{0,20}\b(applied for|has applied for|opened|took out|has taken out|set up)\b[^.?!]{0,30}\bin my name\b/,
    unless: [PREVENTION_EN, HYPOTHETICAL_EN, HANDLED_ONLY_EN],
    negatable: true,
  },
  // fraudulent transactions on a card or account
  {
    id: 'urgent/zh/fraud-transaction',
    lang: 'zh',
    intent: 'urgent.fraud_transaction',
    pattern:
      /(盗刷|被人刷|盗用|冒用|被(人)?复制|克隆卡|(钱|存款|余额|积蓄|工资)[^，。,.!?；;]{0,4}(全|都|全部|一下子|一夜之间)?被(人|别人)?(取|转|刷|划|提)(光|空)|(钱|存款|积蓄)[^，。,.!?；;]{0,3}(不翼而飞|凭空消失)|不是我(本人)?(操作|刷|消费|转|买|取|授权|做|办|改)的?|非本人(操作|交易|消费)|有人(偷偷)?(用|拿)了?我的(卡|账户|信息|身份)|(钱|存款|余额)?被(人|别人)?转走)/,
    unless: [PREVENTION_ZH, HYPOTHETICAL_ZH, HANDLED_ONLY_ZH],
    negatable: true,
  },
  {
    // weaker wording: an unexplained annual fee is a complaint, not fraud
    id: 'urgent/zh/unrecognised-transaction',
    lang: 'zh',
    intent: 'urgent.fraud_transaction',
    pattern:
      /(被刷了|陌生交易|异常交易|不明交易|可疑交易|未经授权|未授权|不认识的(消费|交易|扣款|商户)|不是我的(交易|消费)|我(根本|从来|都|也)?没(有)?(取|转|买|刷|消费|付)过|卡(明明|还|一直)在我(身上|手上|手里|钱包里)|卡(明明|还|一直|就)?在(我)?(身上|手上|手里|钱包里|口袋里)[，,]?(却|但|可|居然|竟然)|(钱|存款|余额|积蓄)[^，。,.!?；;]{0,4}(一夜之间|突然|莫名其妙|莫名|无缘无故|平白无故)(全|都|全部)?(没了|不见了|消失了|少了|被取走了)|余额(突然|莫名其妙|莫名|一夜之间|怎么)(就)?(变成|成了|只剩|清零)(了)?(0|零)?|(发现|一看|突然|莫名其妙|竟然|居然)[^，。,.!?；;]{0,10}余额(是|为|变成了?|成了|显示|只剩|只有)(零|0)(?![0-9.])|卡[^。.!?]{0,10}(调包|掉包)|(收到|来了|发来)[^。.!?]{0,10}(验证码|动态码)[^。.!?]{0,20}(余额|钱|卡里)[^。.!?]{0,6}(少|没了|不见|被扣|被转|扣了)|(调包|掉包)[^。.!?]{0,6}卡|(取|刷|消费|扣|转)[^。.!?]{0,20}(卡|存折)(也|还|明明|一直)?在(家|我(这|身上|手上|手里)|身上|手上))/,
    unless: [PREVENTION_ZH, HYPOTHETICAL_ZH, BANK_FEE_ZH, HANDLED_ONLY_ZH],
    negatable: true,
  },
  {
    id: 'urgent/en/fraud-transaction',
    lang: 'en',
    intent: 'urgent.fraud_transaction',
    pattern:
      /\bfraud\b(?! (team|department|dept|line|hotline|number|desk|unit|squad|prevention|protection|alerts?|checks?|guarantee|policy|cover|detection|office|section|specialists?|advisers?|advisors?|people|staff))|\b(fraudulent|fraudulently|cloned|skimmed)\b|\b(card|card details|details)\b[^.?!]{0,20}\bcompromised\b|\b(account|card) (has been|was|got) emptied\b|\b(while|when|but) (it|my card|the card) (was|is) (still )?(in my (wallet|purse|pocket|hand|bag)|with me)\b|\bmoney (is |has been |was )?(missing|taken|gone|stolen|disappeared) from my (account|card)\b|\b(moved|taken|transferred|withdrawn|gone|went)\s+(out of|from)\s+my (account|card)\b[^.?!]{0,30}\b(don'?t know (how|why)|no idea (how|why)|wasn'?t me|not me|didn'?t do)|\b(someone|somebody)\b[^.?!]{0,20}\b(used|is using|has used|using|withdrew|took money|bought|spent|made purchases)\b[^.?!]{0,30}\b(my|with my)\b/,
    unless: [PREVENTION_EN, HYPOTHETICAL_EN, ACCUSES_BANK_EN, FRAUD_CASE_EN, HANDLED_ONLY_EN],
    negatable: true,
  },
  {
    // weaker wording: "a charge I didn't authorise" about an overdraft fee is a complaint
    id: 'urgent/en/unrecognised-transaction',
    lang: 'en',
    intent: 'urgent.fraud_transaction',
    pattern:
      /\bunauthori[sz]ed\b|\b(didn'?t|did not|never|don'?t|do not)\s+(make|made|authori[sz]e|authori[sz]ed|recogni[sz]e|do|did|buy|bought|order|withdraw|spend|approve|set up)\b[^.?!]{0,40}\b(transactions?|payments?|purchases?|charges?|withdrawals?|transfers?|debits?)\b|\b(transactions?|payments?|purchases?|charges?|withdrawals?|debits?|transfers?)\b[^.?!]{0,45}\b(i|we)\s+(didn'?t|did not|never|don'?t|do not)\s+(make|made|do|did|authori[sz]e|authori[sz]ed|recogni[sz]e|approve|approved|set up|buy|bought|sign up for|signed up for|subscribe to|subscribed to|order|ordered)\b|\b(unknown|unrecogni[sz]ed|strange|suspicious|weird|odd)\s+(charges?|transactions?|payments?|withdrawals?|purchases?|activity|debits?)\b|\b(transactions?|payments?|charges?|purchases?|withdrawals?)\b[^.?!]{0,30}\b(wasn'?t me|weren'?t me|not me|not mine|aren'?t mine|isn'?t mine)\b|\b(balance|account)\b[^.?!]{0,20}\b(shows?|showing|is|says|at|down to|reads)\s+((suddenly|now|just|somehow|showing|at|down to)\s+)?(zero|nothing|£0|\$0|€0|0)(\.00)?\b[^.?!]{0,40}\b(haven'?t|didn'?t|never|not)\s+(spent|spend|withdrawn|withdraw|used|touched|taken)\b|\b(account|card|savings|balance)s?\b[^.?!]{0,30}\b(drained|wiped out|cleaned out|cleared out)\b|\b(all|every penny of|every cent of) (my|the) (money|savings)\b[^.?!]{0,25}\b(gone|vanished|disappeared|taken)\b|\b(cards?|loans?|accounts?|credit|overdrafts?|mortgages?|finance|agreements?)\b[^.?!]{0,20}\b(i|we)\s+(never|didn'?t|did not)\s+(applied|apply|signed up|sign up|asked|opened|open|took out|take out)\b|\b(payments?|transactions?|charges?|withdrawals?|debits?|purchases?)\b[^.?!]{0,40}\b(knows? nothing about|no idea about|never (heard of|been a member|joined|been to|visited|authori[sz]ed|agreed to))\b|^(?!.*\bi (made|paid|bought|spent|used|withdrew|took out)\b).*\b(withdrawals?|payments?|transactions?|charges?|purchases?|spending)\b[^.?!]{0,40}\bin [a-z]+\b[^.?!]{0,40}\b(i'?m|i am|i live|i'?ve been|i was|i'?m sat|i'?m sitting)\s+(in|at|home|here)\b/,
    unless: [PREVENTION_EN, HYPOTHETICAL_EN, ACCUSES_BANK_EN, BANK_FEE_EN, HANDLED_ONLY_EN],
    negatable: true,
  },
  // a PIN or password seen or known by someone else: the card or account is exposed
  {
    id: 'urgent/zh/credentials-exposed',
    lang: 'zh',
    intent: 'urgent.fraud_transaction',
    pattern:
      /(他|她|对方|那个人|那人|有人|别人|旁边的人|后面的人|陌生人|前夫|前妻|老公|老婆|男朋友|女朋友|前男友|前女友|儿子|女儿|室友|保姆)[^，。,.!?；;]{0,10}(看到|看见|偷看|盯着|知道|记下|拍到|偷拍|记住)(了)?(我)?(的)?(输|按|输入)?[^，。,.!?；;]{0,4}(密码|pin)|盯着我(输|按)/,
    unless: [PREVENTION_ZH, HYPOTHETICAL_ZH, /如果|万一|要是|假如|的话|(能|可以|可不可以|能不能|允许)[^，。,.!?；;]{0,4}(帮|替|代|用)/],
    negatable: true,
  },
  {
    id: 'urgent/en/credentials-exposed',
    lang: 'en',
    intent: 'urgent.fraud_transaction',
    pattern:
      /\b(he|she|they|someone|somebody|a man|a guy|a woman|the man|the guy|the woman|my ex|my (ex-?)?(husband|wife|partner|boyfriend|girlfriend)|my (son|daughter|brother|sister|flatmate|roommate|housemate|carer)|a stranger|the person)\b[^.?!]{0,20}\b(saw|seen|watched|knows?|knew|clocked|filmed|could see|spotted|copied|noted|wrote down|got hold of|has got|has my|had my|have my)\b[^.?!]{0,25}\b(my )?(pin|pin number|password|passcode|security code)\b|\bwatched me (type|enter|put in|key in|tap in)\b|\bshoulder[- ]?surf/,
    // "can my wife use my card if she knows my pin?" asks what is allowed
    unless: [PREVENTION_EN, HYPOTHETICAL_EN, /\b(if|what if|in case|suppose|allowed|is it (ok|okay|fine|safe))\b|^(can|could|may) /],
    negatable: true,
  },
  // physical theft
  {
    id: 'urgent/zh/stolen',
    lang: 'zh',
    intent: 'urgent.stolen_card',
    pattern:
      /(被偷(?!偷)|被盗|被扒|被抢|被窃|偷了|偷走|偷拿|顺走|抢劫|进贼|遭贼|小偷|扒手|被人抢|被人拿(走|了))|(抢|夺|拽|扯)(了|走)(我|我们|我老婆|我老公|我妈|我爸)?的?[^，。,.!?；;]{0,6}(包|钱包|卡|手机|存折)|(把|将)(我|我们)?的?[^，。,.!?；;]{0,6}(包|钱包|卡|手机|存折)(给)?(抢|夺|拽)(了|走)/,
    unless: [PREVENTION_ZH, HYPOTHETICAL_ZH, ACCUSES_BANK_ZH, HANDLED_ONLY_ZH],
    negatable: true,
  },
  {
    id: 'urgent/en/stolen',
    lang: 'en',
    intent: 'urgent.stolen_card',
    pattern:
      /\b(stolen|stole|stealing|pickpocketed|pick-pocketed|pickpocket|mugged|robbed|burgled|burglarized|nicked|snatched)\b|\b(card|cards|wallet|purse|bag|handbag)\b[^.?!]{0,10}\b(was|were|got|has been|have been) (taken|swiped)\b|\b(someone|somebody|thief|thieves|they|a man|a guy|a woman|two men|the cleaner)\b[^.?!]{0,15}\b(took|has taken|have taken|grabbed|swiped|snatched|ran off with)\b[^.?!]{0,25}\b(card|cards|wallet|purse|bag|handbag)\b|\b(car|house|flat|home|room|apartment) (was|got|has been) broken into\b/,
    unless: [PREVENTION_EN, HYPOTHETICAL_EN, ACCUSES_BANK_EN, HANDLED_ONLY_EN],
    negatable: true,
  },
  // loss
  {
    id: 'urgent/zh/report-loss',
    lang: 'zh',
    intent: 'urgent.lost_card',
    pattern: /挂失|止付|锁卡/,
    unless: [UNDO_LOSS_REPORT, FEE_QUESTION_ZH, HYPOTHETICAL_ZH, HANDLED_ONLY_ZH, BANK_HOLD_ZH, SERVICE_GRIEVANCE_ZH],
    negatable: true,
  },
  {
    id: 'urgent/zh/lost',
    lang: 'zh',
    intent: 'urgent.lost_card',
    pattern: new RegExp(
      `${CARD_ZH}${FILLER_ZH}${LOSS_VERB_ZH}|(卡|钱包|存折)((?![里额积等余号码期息费钱优权活功申记入页图标])[^，。,.!?；;]){2,14}?(掉了|丢了|弄丢了|搞丢了|不见了|找不到了|找不着了)|(弄丢|丢了|遗失了?|掉了)(我的|一张|两张|几张|所有的?)?[^，。,.!?]{0,4}(卡|钱包|存折)|把[^，。,.!?]{0,8}(卡|钱包|存折)(给)?(弄丢|丢|搞丢|落)`,
    ),
    unless: [HYPOTHETICAL_ZH, UNDO_LOSS_REPORT, HANDLED_ONLY_ZH, SERVICE_GRIEVANCE_ZH],
    negatable: true,
  },
  {
    id: 'urgent/en/report-loss',
    lang: 'en',
    intent: 'urgent.lost_card',
    pattern: new RegExp(
      `\\b(report|block|freeze|cancel|stop|lock)\\b[^.?!]{0,25}\\b(lost|missing|misplaced)\\b|\\blost\\s+(debit |credit |bank )?${CARD_EN}\\b`,
    ),
    unless: [FEE_QUESTION_EN, HYPOTHETICAL_EN, UNDO_LOSS_REPORT, HANDLED_ONLY_EN],
    negatable: true,
  },
  {
    id: 'urgent/en/lost',
    lang: 'en',
    intent: 'urgent.lost_card',
    pattern: new RegExp(
      `\\b(lost|lsot|misplaced|can'?t find|cannot find|can not find)\\s+(my|our|his|her|both|all|the)\\b[^.,;?!]{0,30}\\b${CARD_EN}\\b|\\b(left|dropped)\\s+(my|the)\\s+${CARD_EN}\\s+(in|at|on)\\s+(a|an|the)\\s+(taxi|cab|uber|bus|train|tube|plane|restaurant|bar|pub|cafe|shop|store|atm|cash machine|airport|hotel|cinema|gym)\\b|\\b${CARD_EN}\\s+(lost|missing)\\b|\\b${CARD_EN}\\b[^.,;?!]{0,15}\\b(is|was|got|has been|have been|went|are|were)\\s+(lost|missing|gone)\\b`,
    ),
    unless: [HYPOTHETICAL_EN, UNDO_LOSS_REPORT, HANDLED_ONLY_EN],
    negatable: true,
  },
]);

// Asking for a translation ("translate \"thank you\" into french", "把这句话翻译成日语：谢谢"): the quoted words are
// mentioned, not said, so a "thank you" or a "stolen" inside them routes nothing. Not for the bank's own documents.
const LANGUAGES_EN = '(french|german|spanish|italian|japanese|chinese|mandarin|cantonese|korean|arabic|russian|portuguese|dutch|hindi|english|polish|turkish|greek|thai|vietnamese)';
const QUOTED = /"[^"]*"|“[^”]*”|「[^」]*」|『[^』]*』/g;
/** Tested on the text outside quotation marks: "translate \"my card\" into french" is still a translation. */
function outsideQuotes(guard: RegExp): Guard {
  return { test: (text) => guard.test(text.replace(QUOTED, ' ')) };
}
const NAMES_LANGUAGE_EN = new RegExp(`\\b${LANGUAGES_EN}\\b`);
const NAMES_LANGUAGE_ZH = /翻|语|英文|日文/;
const TRANSLATION_RULES: readonly RoutingRule[] = rememberingGuards([
  {
    id: 'fallback/en/translation',
    lang: 'en',
    intent: 'fallback.out_of_scope',
    pattern: new RegExp(
      `\\btranslate\\b[^.?!]{0,60}\\b(into|to|in)\\s+${LANGUAGES_EN}\\b|\\bhow (do|would|can) (you|i|we) (say|write|spell)\\b[^.?!]{0,50}\\bin ${LANGUAGES_EN}\\b|\\bwhat('s| is)\\b[^.?!]{0,40}\\bin ${LANGUAGES_EN}\\b|\\b${LANGUAGES_EN} (for|word for)\\b`,
    ),
    // the first guard is a cheap necessary condition: no language named, no translation asked for
    unless: [{ test: (text) => !NAMES_LANGUAGE_EN.test(text) }, outsideQuotes(/\b(statements?|letters?|documents?|forms?|contracts?|terms|account|card|app|website|transfer|payment|bank|branch|staff|speak|speaks|support|service|interpreter)\b/)],
  },
  {
    id: 'fallback/zh/translation',
    lang: 'zh',
    intent: 'fallback.out_of_scope',
    pattern: /翻译(成|为|一下|下)|翻成(英文|英语|中文|日语|日文|韩语|法语|德语)|(用|拿)(英语|英文|日语|日文|法语|韩语|德语|西班牙语|俄语|粤语)(怎么)?(说|讲|写)|(英语|英文|日语|日文|法语|韩语|德语)(怎么|咋)(说|讲|写)/,
    unless: [{ test: (text) => !NAMES_LANGUAGE_ZH.test(text) }, outsideQuotes(/对账单|流水|证明|合同|账户|银行卡|app|网银|转账|业务|客服|柜员|服务/)],
  },
]);

const COMPLAINT_REFERENCE_RULES: readonly RoutingRule[] = [
  { id: 'complaint/reference', lang: 'en', intent: 'complaint.status', pattern: /\bcmp-\d{4}-\d{6}\b/ },
];

const BOT_IDENTITY_RULES: readonly RoutingRule[] = [
  // Anchored: only a bare identity question, so "你是机器人吗？转人工" still hands off.
  {
    id: 'smalltalk/zh/bot-identity',
    lang: 'zh',
    intent: 'smalltalk.bot_identity',
    whole: true,
    pattern:
      /^(请问)?((你|您)(到底)?(是|是不是)(真人|真的人|活人|人工|人|机器人|机器|ai|人工智能|智能客服|自动回复|bot|robot|chatgpt|程序)(客服)?(吗|嘛|么|呢|啊|呀)?(还是(真人|机器人|人工|机器|ai|人))?(吗|呢|啊)?|(你|您)是谁(啊|呀)?|(你|您)(是)?(人|真人)还是(机器人|程序|机器|ai)(啊|呀|呢)?|(你|您)叫什么(名字)?(啊|呀)?|(你们)?(的)?(这个|这)?(助手|小助手|机器人|智能客服|客服)叫(啥|什么)(名字)?(啊|呀)?|(你|您)有名字吗|我(是)?在(跟|和)(机器人|真人|人工|ai)(说话|聊天)(吗|么)?|(你|您)(能|会|可以)(做|干|帮我(做|办)?)什么(业务|事情?)?(啊|呀)?|(我)?(该|应该|要)?怎么称呼(你|您)(比较好|好|合适|呢|啊|呀)*|(你|您)(们)?(这个|这边|这)?(是|是不是)(机器人|机器|ai|程序|系统)(自动)?(在)?(回复|回答|回)(的)?(吧|吗|么|啊|呀|呢)?|(是|是不是)(机器人|机器|ai|程序)在(回复|回答|回)(我)?(吗|吧|么|呢)?|(这|这个|这边)(是|是不是)(智能客服|机器人|机器|ai|程序|自动回复)(在)?(回复|回答|回)?(我)?(的)?(吧|吗|么|呢|啊|呀)?|(屏幕那头|对面|那边|后台|你们这个客服|你们的客服|这个客服|你们这个|这个|跟我聊天的|和我聊天的|回复我的|跟我对话的|和我对话的|在线客服)(的)?(到底)?(是|是不是)(个|一个)?(真人|真的人|活人|机器人|机器|ai|人工智能|程序|自动回复)(吧|吗|么|呢|啊|呀)*)(小客服|客服|小助手|小助理|机器人|亲)?$/,
  },
  {
    id: 'smalltalk/en/bot-identity',
    lang: 'en',
    intent: 'smalltalk.bot_identity',
    whole: true,
    pattern:
      /^(hi |hello |hey )?((are you|r u|you|u|ya|am i (talking|chatting|speaking) (to|with)|is this)\s+(a |an )?(real |actual |live )?(human|person|bot|robot|machine|ai|computer|chatbot|chat bot|chatgpt|automated( chat| system)?)( agent| being)?( or (a |an )?(real |actual )?(human|person|bot|robot|machine|ai|computer|program))?|who are you|what are you|who'?s this|who is this|who am i (talking|speaking|chatting) (to|with)|what'?s your name|what is your name|do you have a name|what can you (do|help( me)? with)|what (should|do|can|shall) i call you|what do (they|people|folks|we) call you|what (sort|kind|type)s? of (things|stuff|questions|help) (can|do) you (do|help( me)? with|answer|offer|handle|cover|deal with)( for me)?|(which|what) (topics|subjects|areas|services) (do|can) you (cover|handle|help( me)? with|deal with|answer questions (on|about))|what are you able to (do|help( me)? with)|how (should|do|can|shall) i (address|call) you|(is|are) (this|these|it|you) (a |an )?(bot|robot|machine|ai|computer|automated)( (replying|answering|responding|talking|chatting))?( to me)?|is there (a |an )?(bot|robot|machine|computer|real person|human) (on the other end|there|replying|answering)|(you'?re|you are) (a |an )?(bot|robot|machine|ai)( aren'?t you| right| yeah)?|(you'?re|you are|u r|ur) (a |an )?(real |actual )?(human|person)( aren'?t you| right| yeah| yes| correct| arent you)?|(is|are) (this|you|it|that)( chat| conversation| customer service| customer service chat| service| assistant| helper| thing)? ((being )?(run|powered|done|written|answered|handled|operated) by )?(an? )?(real |actual |live )?(ai|bot|robot|chatbot|machine|computer|program|automated|person|human)( or (an? )?(real |actual )?(ai|bot|robot|machine|human|person))?|is (a|an|there a) (real |actual |live )?(human|person) (reading|typing|answering|replying to|behind|writing)( (this|these|me|the)( replies| answers| messages)?)?)$/,
  },
];

// Dissatisfied with how one's complaint was handled ("我对上次投诉的处理结果还是不满意，能不能找上级再看看"): an escalation
// of the complaint, even when it asks for a supervisor, so the handoff rules step aside. A plain request for a
// person about a complaint ("我要真人来处理我的投诉") is still a handoff.
const COMPLAINT_ESCALATION_ZH = /投诉[^，。,.!?；;]{0,10}(结果|处理|答复|回复)[^，。,.!?；;]{0,6}(不满意|不认可|不接受|不服)|对[^，。,.!?；;]{0,12}投诉[^，。,.!?；;]{0,10}(不满意|不认可|不接受|不服)/;
const COMPLAINT_ESCALATION_EN =
  /\b(not |un)(happy|satisfied)\b[^.?!]{0,12}\b(with )?(how |the way )?(my|the|your) (complaint|response to my complaint)\b|\bcomplaint\b[^.?!]{0,25}\b(outcome|response|result|decision|answer)\b[^.?!]{0,20}\b(not (happy|satisfied|acceptable)|unacceptable|disagree|reject)/;

/** Asking after one's own complaint: its progress, its outcome, a reply that never came. */
const COMPLAINT_STATUS_ZH =
  /投诉[^，。,.!?]{0,8}(进度|进展|结果|状态|处理(得|的)?(怎么样|如何|到哪|好了|完了)|有(回复|结果|进展|下文|回音|人跟)|到哪)|(查|查询|查一下|催|催一下|跟进)(一下)?(我的|之前的|上次的)?投诉|(我的|之前的?|上次的?|上周的?|上个月的?)投诉|(之前|上次|已经|前天|昨天|上周|上个月)(打电话|在网点|在柜台)?投诉(过|了)|投诉[^，。,.!?]{0,10}(还没|没有|没人)(回复|联系|处理|跟进)/;
const COMPLAINT_STATUS_EN =
  /\b(status|update|progress|news|outcome|result)\b[^.?!]{0,25}\bcomplaint\b|\bmy (existing |open |previous |last |earlier )?complaint\b[^.?!]{0,30}\b(status|update|resolved|closed|progress|pending|still|yet|escalated|investigated|outcome)\b|\b(follow(ing)? up|chasing|chase|track)\b[^.?!]{0,20}\bcomplaint\b|\b(where is|what happened to|what'?s happening with|what'?s the latest on|who is handling|any news on|reply to|response to|answer on|reopen|withdraw)\b[^.?!]{0,10}\bmy complaint\b|\b(filed|made|raised|lodged|submitted|sent) (a|my) complaint\b[^.?!]{0,40}\b(haven'?t|not|no|still|yet|any)\b|\bmy (existing|open|previous|earlier) complaint\b|^complaint status$/;

const HANDOFF_RULES: readonly RoutingRule[] = rememberingGuards([
  {
    id: 'handoff/zh/request',
    lang: 'zh',
    intent: 'handoff.request',
    pattern:
      /(转人工|转接人工|接人工|找人工|要人工|换人工|呼叫人工|人工客服|人工服务|人工坐席|人工座席|人工在吗|人工呢|人工来|真人客服|(找|要|跟|和|换|转|接)(个|一个|一下)?(真人|人工|活人|agent)|有没有(真人|活人)|(跟|和)(你们的?)?(员工|工作人员|客服经理|坐席|经理|客户经理|真人|人)(直接)?(说话|谈|聊|沟通))|((我要|我想|给我|帮我|请|麻烦)(找|转|接|联系|转接)(一下|个)?(客服|工作人员|客户经理|坐席|人))/,
    unless: [ASKS_IF_HUMAN_ZH, CONTACT_INFO_ZH, COMPLAINT_ESCALATION_ZH],
    negatable: true,
  },
  {
    id: 'handoff/en/request',
    lang: 'en',
    intent: 'handoff.request',
    pattern:
      /\b(talk|speak|chat|get me|find me|fetch me|give me|connect me|put me through|transfer me|be transferred|hand me over|escalate me|pass me)\b[^.?!]{0,25}\b(humans?|person|people|agents?|representative|rep|advisor|adviser|operator|someone|somebody|staff|member of staff|manager|supervisor|banker|customer (service|care|support|services))\b|\b(live|human|real) (agent|person|representative|chat)\b|\b(real|actual) human\b|\b(human|person|agent)s? (take over|step in|join)\b|\b(agent|human|representative|operator|person)\s+(please|pls|plz|now)\b|\b(is there|are there)\s+(a|an|any)\s+(real |actual )?(humans?|person|people|agents?)\b|\bi (need|want|would like|'d like) (a |an |some )?(real |actual |live )?(human|person|agent|representative|rep|staff|advis[eo]r|operator|banker|employee|member of staff)\b|\b(transfer|connect|put)( me)? (to|with) (a |an )?(live |real )?(human|agent|person|representative|advisor)\b/,
    unless: [ASKS_IF_HUMAN_EN, CONTACT_INFO_EN, COMPLAINT_ESCALATION_EN],
    negatable: true,
  },
  {
    // A person asked for by role, by department, or by turning the bot down.
    id: 'handoff/zh/person',
    lang: 'zh',
    intent: 'handoff.request',
    pattern: new RegExp(
      [
        `(转|接|找|叫|换|联系|转接|接通|呼叫|安排)(一下|个|一个|给我|我)?(到|给)?(你们的?|贵行的?)?([\\u4e00-\\u9fff]{1,6}?(部门|中心|团队|组|柜台)的?)?${PERSON_ZH}`,
        '不(想|要|愿意)(再)?(和|跟|同)(你这个|这个)?(机器人?|ai|程序|自动回复|机器客服)(聊|说|对话|沟通|打交道|讲)',
        '把我(转|转接|交|接|转交)(给|到)[^，。,.!?；;]{0,10}(的人|部门|中心|团队)',
        `(和|跟|同)(你们|贵行)[^，。,.!?；;]{0,10}的?(人|${PERSON_ZH})(直接)?(通个?话|通电话|打个?电话|说话|说|聊|谈|沟通)`,
        '人工(入口|通道|按钮|服务|客服)?(在哪|藏哪|藏在哪|怎么(找|转|进|接))|有(没有)?人工(吗|么|不|没有)',
        `(让|叫|请)(你们的?|我的)?${PERSON_ZH}(来|给我|跟我|联系|回答|处理|打|回|接)`,
        // "把你们领导叫来": the person fetched
        `把(你们的?|贵行的?)?${PERSON_ZH}(给我)?(叫|喊|找|请)(来|出来|过来)`,
        '有(真人|活人)(吗|么|没|没有|不|在吗|可以)',
        // "能约个时间跟客户经理聊聊吗"
        `(约|预约)(一下|个时间|一个时间|个时间段)?(跟|和|与|见)?${PERSON_ZH}`,
      ].join('|'),
    ),
    unless: [ASKS_IF_HUMAN_ZH, CONTACT_INFO_ZH, COMPLAINT_ESCALATION_ZH, /上门/],
    negatable: true,
  },
  {
    id: 'handoff/en/person',
    lang: 'en',
    intent: 'handoff.request',
    pattern: new RegExp(
      [
        `\\b(send|pass|hand|move|switch|route|escalate)\\s+(me|this|my (chat|case|query))\\s+(over |on |across )?(to|onto)\\b[^.?!]{0,20}${PERSON_EN}`,
        `\\bhow (do|can|would) i (get|reach|talk|speak|get through) (to|with)\\b[^.?!]{0,12}${PERSON_EN}`,
        "\\b(no|not a|not the|not some|stop the|enough of the|done with the|fed up with the)\\s+(bots?|robots?|machines?|computer|ai|chatbot)\\b",
        '\\b(any|are there any|got any)\\s+(real |actual )?(humans?|people|persons?|agents?|staff)\\b[^.?!]{0,12}\\b(available|around|about|there|here|online|on)\\b',
        '\\b(let|have|get|can|could)\\s+(a |an |some |one of your )?(real |actual |live )?(humans?|person|agent|adviser|advisor|banker|member of staff|someone|somebody)\\s+(handle|deal with|look at|look into|answer|sort|take over|pick (this|it) up|call|ring|phone|contact)\\b',
        '\\b(have|get|ask)\\s+(my|a|the|your)\\s+(relationship |wealth |account |branch |mortgage )?(manager|adviser|advisor|banker)\\s+(to )?(call|ring|phone|contact|email|get in touch with)\\s+me\\b',
        "\\b(put me through|transfer me|connect me|pass me|send me|route me|hand me)\\s+(over |on |across )?(to|with)\\s+(the |your |a |an )?[a-z -]{0,25}?\\b(department|team|desk|centre|center|section|unit|specialists?)\\b",
        "\\b(get|have|ask)\\s+(one of your|someone from your|somebody from your|a member of your)\\s+(people|team|staff|colleagues|advisers|advisors)\\s+(to )?(call|ring|phone|contact|email|get in touch with)\\b",
        "\\b(i|we)\\s+(need|want|'d like|would like|demand)\\s+(to (speak|talk) (to|with) )?(your|a|the)\\s+(supervisor|manager|team leader|boss|superior|line manager)\\b(?!'s)",
        // "need a rep", "want an actual employee": the whole request up front
        "^(i )?(need|want|get me|give me)\\s+(a |an |some |to talk to a |to speak to a )?(real |actual |live )?(reps?|representative|human|person|employee|staff member|member of staff)\\b",
        '\\b(help|someone|somebody) from (a |an )?(real |actual )(human|person|employee|staff member|member of staff)\\b',
        // "speak to the fraud department directly", "talk with your mortgage team"
        '\\b(speak|talk|chat|get through)\\s+(directly\\s+)?(to|with)\\s+(the |your |a |an |someone (in|from|on) (the |your )?)?[a-z -]{0,25}?\\b(department|team|desk|centre|center|section|unit|specialists?)\\b',
        // a call with a person: "schedule a call with my advisor" (a meeting at a branch is a how-to question), "a callback from my account manager"
        `\\b(schedule|book|arrange|set up|organi[sz]e|request|get|line up)\\b[^.?!]{0,25}\\b(call|callback|call-back|call back|phone call|phone appointment|video call|video appointment)\\b[^.?!]{0,20}\\b(with|from)\\b[^.?!]{0,15}${PERSON_EN}`,
        `\\b(callback|call-back|call back|phone call|ring)\\s+from\\b[^.?!]{0,15}${PERSON_EN}`,
        "\\b(don'?t|do not|dont) (want|need|like) (to (talk|chat|speak) (to|with) )?(the |a |this |your |some |any )?(bots?|robots?|machines?|ai|chatbots?|automated (thing|system|chat|service))\\b",
        "\\b(bring out|get|fetch|find|put me through to|speak to|speak with|talk to|talk with)\\s+(me\\s+)?(whoever|someone who|somebody who|the person who|the one who)('s| is) in charge\\b",
      ].join('|'),
    ),
    unless: [ASKS_IF_HUMAN_EN, CONTACT_INFO_EN, COMPLAINT_ESCALATION_EN],
  },
  {
    id: 'handoff/zh/bare',
    lang: 'zh',
    intent: 'handoff.request',
    pattern:
      /^((人工\s*)+(快点|快|谢谢|急)?|(我要|我想)?(找|要|转|接|联系)(一下)?(人工|真人)?客服(人员)?|(喂\s*)?(请|麻烦)?(找|叫|要|转|接)?(个|一个)?(接线员|话务员|接线生|人工客服|客服人员|客服专员|工作人员|坐席|座席|真人|值班经理|大堂经理|客户经理|理财经理)\s*(呢|吗|在吗|在不在|在么|有吗|有没有|来|来一下|快来|过来|出来|谢谢|快点|\s)*)$/,
    whole: true,
  },
  {
    id: 'handoff/en/bare',
    lang: 'en',
    intent: 'handoff.request',
    // A person named by role, alone or with a word of impatience: "customer service rep", "for the third time agent".
    pattern:
      /^((for the \w+ time|again|seriously|come on|please|pls|ugh|hello|hi|hey|i said|just|um|ok|okay)\s*)*((give me|get me|i want|i need|need|want)\s+)?(((an?|the|your|some|a real|a live)\s+)?(real |live |actual |human )?(customer (service|support|care|services)\s+)?(agents?|reps?|representatives?|operators?|advis[eo]rs?|humans?|persons?|real person|staff|bankers?|managers?|supervisors?|employees?)(\s+(please|pls|plz|now|asap|again|thanks|thank you|then|already|mate))*\s*)+$/,
    whole: true,
  },
]);

const COMPLAINT_RULES: readonly RoutingRule[] = rememberingGuards([
  {
    id: 'complaint/zh/status',
    lang: 'zh',
    intent: 'complaint.status',
    pattern:
      COMPLAINT_STATUS_ZH,
    negatable: true,
  },
  {
    id: 'complaint/en/status',
    lang: 'en',
    intent: 'complaint.status',
    pattern:
      COMPLAINT_STATUS_EN,
    negatable: true,
  },
  {
    id: 'complaint/zh/file',
    lang: 'zh',
    intent: 'complaint.file',
    pattern: /(我要|我想|我得|我需要|我必须|我|要求)(去)?投诉|投诉(一下|你们|贵行)/,
    // "我想投诉的话应该打哪个电话": asks how complaints are made
    unless: [/投诉的话|(如果|假如|要是|万一)[^，。,.!?；;]{0,10}投诉|投诉(的)?(渠道|热线|方式|途径|流程|邮箱|地址|电话(是|多少))/],
    negatable: true,
  },
  {
    // Neglect: something reported or broken that nobody deals with.
    id: 'complaint/zh/neglect',
    lang: 'zh',
    intent: 'complaint.file',
    pattern: /(都|也|还|一直|始终|根本|从来)没(有)?人(管|修|理|处理|回复|回应|回|解决|跟进|接|搭理|告诉|通知)|(都|也|还|一直|始终)没(有)?(回音|下文|人回|动静|回复)|(也|都|从来|根本|事先|事前)(不|没|没有)(提前|事先)?(通知|告诉|提醒)(我|一声|一下|过我)?|没(有)?(任何)?人(通知|告诉|提醒)(过)?我/,
  },
  {
    id: 'complaint/en/neglect',
    lang: 'en',
    intent: 'complaint.file',
    pattern: /\b(never|hardly ever|doesn'?t ever|don'?t ever|still (hasn'?t|haven'?t))\s+(replies|reply|replied|responds|respond|responded|answers|answer|answered|gets back to me|get back to me|got back to me|calls me back|call me back|called me back|returns my calls|return my calls|picks up|pick up)\b|\b(nobody|no one|no-one)\b[^.?!]{0,20}\b(has |have |had |ever |even )?(fixed|sorted|done anything|(got|gotten|called|rung|phoned|rang) (me )?back|replied|responded|bothered|cares|cared|helped|answers|answered|picks up|picked up|(can|could|will|would|seems to be able to) (tell|explain))\b|\b(still|yet) (no|not a) (reply|response|answer|word|callback)\b|\b(you|they|the bank)\s+(didn'?t|never|did not)\s+(tell|told|inform|informed|warn|warned|notify|notified|let me know|bother(ed)? to tell)\b|\b(you|you've|they|the bank)\s+(just\s+)?[a-z]+ed\b[^.?!]{0,40}\b(without|with no)\s+(any\s+)?(notice|warning|telling me|informing me|letting me know|asking me|explanation|reason)\b/,
    // "what if the caller never picks up" asks in theory
    unless: [/\b(what if|if|in case|suppose)\b/],
  },
  {
    // Contempt for the bank's service in so many words. Not when the text also reports an incident:
    // "this is ridiculous, someone has used my card" must stay urgent.
    id: 'complaint/zh/contempt',
    lang: 'zh',
    intent: 'complaint.file',
    pattern: /什么破|破(服务|银行|app|软件|系统|网点|规定|卡)|垃圾(银行|服务|app|软件|系统|客服)|坑人|坑爹|太坑|离谱|忽悠(我|人|老百姓|客户)|耍(人|我)玩|(服务|态度)(也|真的?)?(太|真|很|好|极其|特别|非常|这么|那么)?(差|烂|恶劣|敷衍)|什么(服务)?态度|(你们的?|这个?|这破)(app|银行|服务|系统|网站|网银|手机银行|客服)[^，。,.!?；;]{0,6}(太烂|真烂|好烂|垃圾|差劲|烂透|不靠谱|太差|真差|好差)/,
    unless: [INCIDENT_ZH],
  },
  {
    id: 'complaint/en/contempt',
    lang: 'en',
    intent: 'complaint.file',
    pattern:
      /\b(rubbish|useless|pathetic|disgraceful|appalling|atrocious|shocking|terrible|awful|horrendous|dreadful|worst|diabolical)\s+(service|bank|app|customer service|experience|system|website|support)\b|\b(this is|that is|that's|it's|it is|what an?|you are|you're)\s+(an?\s+)?(absolute |complete |total |utter |bloody )?(joke|disgrace|shambles|scandal|farce)\b|\b(unacceptable|outrageous|disgusting|ridiculous|appalling|absurd|shambolic|incompetent)\b|\b(so|how|really|absolutely|totally|utterly|very|most) (embarrassing|humiliating)\b|\b(your|ur|the|this|that) (app|bank|service|website|site|system|customer service|helpline|chatbot)\b[^.?!]{0,20}\b(trash|garbage|crap|rubbish|useless|pathetic|terrible|awful|shit|shocking|a joke|a disgrace)\b/,
    unless: [INCIDENT_EN],
  },
  {
    // "凭什么" (by what right) is indignation, except in "凭什么证件/材料…" (with which documents)
    id: 'complaint/zh/indignant',
    lang: 'zh',
    intent: 'complaint.file',
    pattern: /凭什么(?!(证件|证明|材料|资料|手续|条件|身份|办理|可以|能|来|去))/,
  },
  {
    // A promise broken: "说好的免年费，结果…", "your adviser assured me there'd be no exit fee". Stated by the customer
    // about the bank's people, so "an investment that promised huge returns" (a scam) is not one.
    id: 'complaint/zh/broken-promise',
    lang: 'zh',
    intent: 'complaint.file',
    pattern: /(说好的?|答应(过|了|好的?)?|承诺(过|了|的)?)[^。!?]{0,20}(结果|却|但|可|怎么|又|还|变成|没|不)/,
    unless: [REPORTED_INCIDENT_ZH],
  },
  {
    id: 'complaint/en/broken-promise',
    lang: 'en',
    intent: 'complaint.file',
    pattern:
      /\b(i was|we were|you|you'd|you had|they|he|she|(your|the) ([a-z]+ )?(colleague|adviser|advisor|staff|branch|manager|agent|rep|bank|team|app|website|advert|lady|man|woman|guy|letter|cashier|teller)) (promised|assured|swore|guaranteed)\b/,
    unless: [REPORTED_INCIDENT_EN],
  },
  {
    id: 'complaint/en/file',
    lang: 'en',
    intent: 'complaint.file',
    pattern:
      /\b(want|like|wish|need|going|have) to (make|file|lodge|raise|submit|register|put in) (a |an )?(formal |official )?complaint\b|\b(want|like|wish|need|going) to complain\b|\b(this is a|formal|official) complaint\b|\bi('m| am) (complaining|writing to complain)\b|\bhow (do|can) i (make|file|lodge|raise|submit) (a |an )?(formal |official )?complaint\b/,
    // "how do I complain and how long do you have to respond?": asks about the process
    unless: [/\b(how long|process|procedure|steps|timeline|time ?frame|time limit|deadline|have to (respond|reply|answer)|ombudsman)\b/],
    negatable: true,
  },
]);

// Bare courtesy messages. The whole text must be made of these phrases, so
// "你好，我的卡丢了" is never smalltalk.
const GREETING_PHRASES = [
  '你好', '您好', '哈喽', '哈啰', '嗨', '在吗', '在么', '在不在', '有人吗', '有人在吗', '在线吗', '早上好', '上午好', '中午好', '下午好', '晚上好',
  '早安', '早', '喂', '大家好', '在的吗',
  'hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'good morning', 'good afternoon', 'good evening', 'good day', 'morning',
  'evening', 'greetings', 'hi there', 'hello there', 'hey there', 'anyone there', 'is anyone there', 'anybody there',
  'how are you', 'how are you doing', "what's up", 'sup', 'afternoon', "hope you're well", 'hope you are well', 'hii', 'heyy', 'helo', 'heya', 'gm', 'mornin',
  // seasonal wishes open a chat the same way
  '新年快乐', '新年好', '过年好', '春节快乐', '节日快乐', '中秋快乐', '国庆快乐', '端午快乐', '元宵快乐', '圣诞快乐', '周末愉快',
  'happy new year', 'merry christmas', 'happy holidays', "season's greetings", 'happy easter', 'happy lunar new year',
  'happy chinese new year', 'happy mid autumn', 'happy diwali', 'happy eid',
  // idioms and informal openers
  'ahoy', 'ahoy there', 'salutations', 'top of the evening', 'top of the afternoon', 'greetings and salutations', "g'day", 'gday', "g'day mate", 'top of the morning', "top o' the morning",
  "top o' the mornin'", 'top o the morning', 'good morrow', "mornin'", 'morning all', 'evening all', 'afternoon all', 'hello hello', 'hi hi',
  'hey hey', 'yo yo', "what's good", 'whats good', 'wassup', 'whats up', "what's up", 'sup', "how's it going", 'hows it going', "how's things",
  'how are things', 'how ya doing', 'how you doing', 'how are ya', 'how r u', 'hru', 'wotcha', 'hey up', 'aloha', 'bonjour', 'hola', 'namaste',
  'ni hao', 'nihao', 'howdy do', 'hullo', 'ello', 'heyo', 'hiiii', 'heyyy', 'happy friday', 'happy monday', 'happy weekend', 'happy holidays',
  '吃了吗', '吃了没', '吃饭了吗', '吃饭了没', '吃了吗您', '您吃了吗', '新春快乐', '元旦快乐', '中秋节快乐', '国庆节快乐', '端午安康', '元宵节快乐',
  '七夕快乐', '劳动节快乐', '五一快乐', '冬至快乐', '平安夜快乐', '嗨喽', '嗨嗨', '哈喽哈喽', '最近好吗', '你好吗', '您好吗', '在吗在吗', '早啊', '早呀',
];
// Allowed around a greeting but not a greeting alone ("客服" alone may well be a handoff request).
const GREETING_EXTRAS = [
  '小助手', '小助理', '小客服', '机器人', '客服', '亲', '亲亲', '朋友', '各位', '您', '呀', '啊', '哈', '哇', '鸭', '打扰一下', '打扰了', 'there', 'bot', 'chatbot', 'team', 'teller',
  'friend', 'folks', 'all', 'everyone', 'everybody', 'lads', 'guys', 'mate', 'pal', 'buddy', "y'all", 'to you', 'to ya', 'and to you', 'sorry to bother you',
];
const THANKS_PHRASES = [
  '谢谢', '谢谢你', '谢谢您', '多谢', '感谢', '非常感谢', '十分感谢', '万分感谢', '太感谢了', '谢啦', '谢了', '感恩', '辛苦了', '3q',
  'thanks', 'thank you', 'thanks a lot', 'thank you so much', 'thank you very much', 'many thanks', 'thx', 'ty', 'tks',
  'cheers', 'thank u', 'thankyou', 'much appreciated', 'appreciate it', 'thanks a bunch', 'thanks for your help',
  'thanks for the help', 'thanks for the info', 'thanks a million', '帮大忙了', 'cheers for that', 'that helps', 'great help', '谢谢你们', '谢谢您的帮助',
  '感谢帮助', '感谢你的帮助', '感谢您的帮助', '谢谢小助手', 'ta', 'ta very much',
  '辛苦你了', '辛苦啦', '麻烦你了', '麻烦您了', '谢谢你啊', '多谢啦', '谢谢亲', '感激', '感激不尽', '感谢感谢', '谢谢谢谢', '多谢多谢',
  'thanks heaps', 'thanks loads', 'thanks ever so much', 'thank you kindly', 'much obliged', 'ta muchly', 'cheers for the help',
  'appreciate the help', 'massive thanks', 'big thanks', 'thanks so much', 'thanks very much', 'thanks again', 'thank you again',
  'tysm', 'ty so much', 'thx so much', 'thanks a ton', 'thanks a bunch', 'many many thanks', 'you star', "you're a star", 'you legend', 'legend',
  'owe you one', 'nice one', 'gracias', 'merci', 'danke',
  '谢谢哈', '谢了哈', '多谢哈', '谢谢啦', '感谢哈', '谢谢你哈', '辛苦辛苦', '麻烦啦', '多谢你', '多谢您', '谢谢老师', '感谢你们', '感谢您们', '万分感谢',
];
const GOODBYE_PHRASES = [
  '再见', '拜拜', '拜', '88', '回头见', '下次见', '再会', '晚安',
  'bye', 'goodbye', 'bye bye', 'byebye', 'see you', 'see ya', 'cya', 'good night', 'goodnight', 'take care', 'later',
  'see you later', 'talk later', 'bye for now', 'catch you later', 'see you tomorrow', 'farewell', 'have a nice day',
  'have a good day', '再见啦', "that's all", "that's it", "that's everything", 'that will be all', 'nothing else', 'no more questions',
  "i'm done", "i'm all set", 'all set', 'gotta go', '下次再聊', '下次聊', '没事了', '就这样吧', '就这样', '先这样吧', '先这样',
  '就这些', '没有其他问题了', '没别的问题了', '没问题了', '不聊了', '结束对话', '下线了',
  '回见', '改天聊', '有空再聊', '先走了', '溜了', '明天见', '祝你愉快', '拜了', '白白', '886', '晚安啦', '再见咯', '拜拜啦',
  'cheerio', 'ta ra', 'night night', 'nighty night', 'have a nice weekend', 'have a good weekend', 'have a great weekend',
  'have a good one', 'have a nice evening', 'have a good evening', 'enjoy your day', 'enjoy your weekend', 'speak soon', 'talk soon',
  'until next time', 'ciao', 'adios', 'bye now', 'laters',
  'ttyl', 'ta-ra', 'tara', 'catch ya later', 'catch ya', 'catch you later', 'later gator', 'see you around', 'see ya around', "i'm off", "i'm off now",
  'off now', 'signing off', 'toodles', 'toodle-oo', 'toodle pip', 'peace out', 'cheers then', 'bye bye now', 'night all', "that's me", "that's me done",
  'catch ya on the flip side', 'catch you on the flip side', 'adios amigo', 'au revoir', 'sayonara',
  '回聊', '先撤了', '撤了', '我撤了', '我先撤了', '先下了', '我先下了', '下了', '溜了溜了', '闪了', '我先闪了', '走了', '拜拜咯', '回头聊', '改天见', '拜咯',
];
const COURTESY_FILLERS = [
  '好的', '好', '嗯', '嗯嗯', '哦', '好滴', '收到', '明白了', '知道了', 'ok', 'okay', 'great', 'perfect', 'awesome', 'cool', 'nice',
  'lovely', 'brilliant', 'super', 'again', 'mate', 'so much', 'you', 'no', 'for now', 'all good', "that's great", '那', '不用了', '好嘞', '啦', '哈', '呀', '了', '吧',
  'then', 'now', 'very helpful', 'really helpful', 'that was helpful', 'that was really helpful', 'for the help', 'for that', 'kindly',
  '解答得很清楚', '讲得很清楚', '很清楚', '很有帮助', '帮了大忙', '明白', '懂了', '我懂了', '讲得很明白', '说得很明白', '很明白',
  'sorted', 'all sorted', 'for today', 'that sorted it', 'that helps a lot', '哒', '好哒', '行', '那我', '那就', '先',
];

function phraseAlternation(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

function onlyPhrases(core: readonly string[], extra: readonly string[] = []): RegExp {
  const any = phraseAlternation([...core, ...extra, ...COURTESY_FILLERS]);
  const coreAlt = phraseAlternation(core);
  // Made only of the allowed phrases, with at least one from `core`.
  return new RegExp(`^(?=.*(${coreAlt}))(?:(?:${any})\\s*)+$`);
}

// Hesitation and laughter with nothing else ("嗯……", "emmm", "hmm ok", "哈哈哈"): nothing to route, so
// fallback asks what the customer needs. Whole-message only.
const HESITATION_ZH = '(?:[嗯呃额啊哦噢唔哈呵嘿诶欸唉]+|(?:这个|那个)[嘛呢啊么]+|就是说)';
// Elongations included: "hmmm", "uhhh", "ermm", "hahaha".
const HESITATION_EN = '(?:h+m+|u+h+|u+m+|e+r+m*|e+m+|e+h+|a+h+|o+h+|h+u+h+|m+e+h+|(?:ha)+h?|(?:he){2,}|l+o+l+|lma+o+)(?![a-z])';
const HESITATION_EXTRAS = "(?:那个啥|那啥|啥来着|让我想想|我想想|想想|那个|这个|就是|然后|呢|吧|嘛|(?:ok|okay|so|well|wait|let me think|let me see|what|yeah|that thing|like)(?![a-z']))";
const PURE_HESITATION = new RegExp(`^(?=.*(?:${HESITATION_ZH}|(?<![a-z])${HESITATION_EN}))(?:(?:${HESITATION_ZH}|${HESITATION_EN}|${HESITATION_EXTRAS})\\s*)+$`);

const MAX_COURTESY_LENGTH = 40;
// Emoji and nothing else: a wave or a smile opens a chat, a thumbs-up or folded hands thank. Others (🤔, 😡) are left
// to the classifier. Skin tones and variation selectors are allowed after each.
const EMOJI_TAIL = '[\\u{1F3FB}-\\u{1F3FF}\\u{FE0F}\\u{200D}]*';
const ONLY_GREETING_EMOJI = new RegExp(`^(?:[\\u{1F44B}\\u{1F64B}\\u{1F642}\\u{1F60A}\\u{1F600}\\u{1F603}\\u{1F604}\\u{1F601}\\u{263A}\\u{1F917}]${EMOJI_TAIL}\\s*)+$`, 'u');
const ONLY_THANKS_EMOJI = new RegExp(`^(?:[\\u{1F44D}\\u{1F64F}\\u{1F44C}\\u{2764}\\u{1F495}\\u{1F496}\\u{1F970}\\u{1F91D}\\u{1F4AF}]${EMOJI_TAIL}\\s*)+$`, 'u');
const PURE_GREETING = onlyPhrases(GREETING_PHRASES, GREETING_EXTRAS);
const PURE_THANKS = onlyPhrases(THANKS_PHRASES);
const PURE_GOODBYE = onlyPhrases(GOODBYE_PHRASES, THANKS_PHRASES);

// A banking word alone ("card", "账户", "my account"): there is a topic but no question, so fallback asks what
// the customer needs and offers the nearest entries. Whole-message only.
const BARE_TOPIC =
  /^((my|the|a|our) )?((bank|debit|credit|savings|current|joint|business) )?(cards?|accounts?|money|cash|bank|banking|payments?|app|loans?|savings|mortgages?|isas?|overdrafts?|transfers?|interest|interest rates?|rates?|statements?|pin|fees|charges|balance|deposits?|withdrawals?|cheques?|checks?|investments?|insurance|pensions?|credit|debit|direct debits?|standing orders?)$|^(我的|我)?(银行|信用|借记|储蓄)?(卡|账户|帐户|账号|钱|银行|app|贷款|存款|理财|转账|房贷|车贷|利息|利率|额度|积分|余额|汇款|取款|存钱|取钱|还款|分期|基金|保险|账单|流水|手续费|年费|定期|活期)$/;

const SMALLTALK_RULES: readonly { id: string; intent: RoutingIntent; pattern: RegExp }[] = [
  // "thanks, bye" is a goodbye, so goodbye is tried first
  { id: 'smalltalk/goodbye', intent: 'smalltalk.goodbye', pattern: PURE_GOODBYE },
  { id: 'smalltalk/thanks', intent: 'smalltalk.thanks', pattern: PURE_THANKS },
  { id: 'smalltalk/greeting', intent: 'smalltalk.greeting', pattern: PURE_GREETING },
  { id: 'fallback/hesitation', intent: 'fallback.out_of_scope', pattern: PURE_HESITATION },
  { id: 'fallback/bare-topic', intent: 'fallback.out_of_scope', pattern: BARE_TOPIC },
];

// ---------------------------------------------------------------- engine

/**
 * Idempotent canonical form the rules are written against: NFKC (full-width
 * letters, digits and ？！ become ASCII), lower case, single spaces. Safe to
 * apply to text the pipeline has already normalised.
 */
export function canonicaliseForRules(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Courtesy text with punctuation, emoticons and emoji removed, for whole-text smalltalk checks. */
function courtesyCore(text: string): string {
  return text
    .replace(/[:;]-?[)(dp]/g, ' ')
    // keep a lone apostrophe so "what's" and "that's all" survive
    .replace(/[\p{P}\p{S}\p{Extended_Pictographic}\u{FE0E}\u{FE0F}\u{200D}~～]+/gu, (m) => (m === "'" ? m : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function isNegatedAt(text: string, index: number, lang: Lang): boolean {
  const before = text.slice(Math.max(0, index - 24), index);
  return lang === 'en' ? NEGATION_BEFORE_EN.test(before) : NEGATION_BEFORE_ZH.test(before);
}

/** The /g twin of a rule's pattern, compiled once (this runs on every turn). */
const globalPatterns = new WeakMap<RegExp, RegExp>();
function globalPattern(pattern: RegExp): RegExp {
  let g = globalPatterns.get(pattern);
  if (!g) {
    g = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    globalPatterns.set(pattern, g);
  }
  return g;
}

/** A group's rules with the conversation's language first, per group and language, computed once. */
const orderedRules = new WeakMap<readonly RoutingRule[], Record<Lang, readonly RoutingRule[]>>();
function rulesInOrder(rules: readonly RoutingRule[], primary: Lang): readonly RoutingRule[] {
  let byLang = orderedRules.get(rules);
  if (!byLang) {
    const first = (lang: Lang) => [...rules.filter((r) => r.lang === lang), ...rules.filter((r) => r.lang !== lang)];
    byLang = { zh: first('zh'), en: first('en') };
    orderedRules.set(rules, byLang);
  }
  return byLang[primary];
}

/** Whether the rule's own pattern matches (not negated); its guards are checked after, and only then. */
function patternMatches(rule: RoutingRule, text: string, core: string): boolean {
  if (rule.whole) return rule.pattern.test(core);
  if (!rule.negatable) return rule.pattern.test(text);
  for (const m of text.matchAll(globalPattern(rule.pattern))) if (!isNegatedAt(text, m.index ?? 0, rule.lang)) return true;
  return false;
}

function firstMatch(rules: readonly RoutingRule[], text: string, core: string, locale: RoutingLocale): RoutingRule | null {
  // The conversation's language is tried first; the other one still applies
  // because customers mix them ("我的visa卡被盗刷了", "转manual service").
  // The pattern is tested before the guards: few rules match a message, so most guards never run.
  for (const rule of rulesInOrder(rules, locale === 'zh-CN' ? 'zh' : 'en')) {
    if (patternMatches(rule, text, core) && !rule.unless?.some((guard) => guard.test(text))) return rule;
  }
  return null;
}

// As the rules' guard, but "when I lost my card…" tells a story, so "when" does not make a question hypothetical here.
const HYPOTHETICAL_ANY = [new RegExp(HYPOTHETICAL_EN.source.replace('|when)', ')'), 'g'), new RegExp(HYPOTHETICAL_ZH.source, 'g')];
// Asking how to prevent or spot an incident, as a question: "how do I avoid scams", "怎么防止被盗刷". (A story that
// says "to protect it" is not one.)
const PREVENTION_CUE =
  /\bhow (do|can|should|would|could) (i|we|you|one|people|someone) (best )?(avoid|prevent|protect|stop|spot|recogni[sz]e|tell|know|check|stay safe|keep)\b|\bhow to (avoid|prevent|protect|stop|spot|recogni[sz]e|tell|stay safe|keep)\b|\b(tips|advice|ways|steps|what can i do) (to|for|on) (avoid|avoiding|prevent|preventing|protect|protecting|spot|spotting|stay|staying|keep|keeping)\b|\bwarning signs\b|(怎么|怎样|如何|咋)(才能)?(防范|预防|防止|避免|识别|辨别|判断|分辨|保护)|(防范|预防|防止|避免)[^，。,.!?；;]{0,8}(方法|措施|技巧|注意|小知识)|注意(什么|事项)|小知识/;
const PREVENTION_CLAUSE = new RegExp(`(${PREVENTION_CUE.source})[^，。,.!?；;]*`, 'g');

/**
 * True when the text asks about an incident that has not happened ("what if my card is stolen", "如果卡丢了怎么办",
 * "how do I avoid scams") and reports none outside that clause: its urgent reading is then an FAQ question.
 * "我卡丢了，如果被盗刷了怎么办" reports a loss, so it is not.
 */
export function asksAboutIncidentInTheory(normalisedText: string): boolean {
  const text = canonicaliseForRules(normalisedText);
  // an incident already dealt with, asked about afterwards ("上周卡挂失了，补的新卡要几天")
  if (HANDLED_ONLY_ZH.test(text) || HANDLED_ONLY_EN.test(text)) return true;
  let rest = text;
  let found = false;
  for (const pattern of HYPOTHETICAL_ANY) {
    rest = rest.replace(pattern, () => {
      found = true;
      return ' ';
    });
  }
  if (!found) {
    if (!PREVENTION_CUE.test(text)) return false;
    // the incident named after the cue is what is to be prevented ("防止被盗刷", "avoid scams")
    rest = text.replace(PREVENTION_CLAUSE, ' ');
  }
  return !REPORTED_INCIDENT_EN.test(rest) && !REPORTED_INCIDENT_ZH.test(rest);
}

// A greeting or a courtesy word before the request ("你好呀，请问…", "hi there! how do I…") and thanks after it
// ("…, thanks!") carry no route of their own, but the classifier learns smalltalk from them: it reads the request
// alone. Only when something substantive is left, so "你好" or "hi, thanks" are classified as written.
const GREETING_LEAD = new RegExp(
  `^(?:(?:${phraseAlternation([...GREETING_PHRASES, ...GREETING_EXTRAS.filter((e) => e.length > 1)])})(?![a-z'])[呀啊哈哇鸭呢哦嘛]*[\\s,，.。!！?？~～、:：;；…-]*)+`,
);
const THANKS_TAIL = new RegExp(`[\\s,，.。!！~～、;；…]+(?:(?:${phraseAlternation(THANKS_PHRASES)})[\\s,，.。!！~～、…]*)+$`);
// What is left asks something: a question or a request, not more chat ("请多指教", "off I pop").
const ASKS = /[?？]|吗|么|怎么|如何|什么|哪|几|多少|能不能|能否|可以|可不可以|是否|请问|想问|问一下|问下|咨询|了解一下|帮我|给我|我想|我要|\b(how|what|when|where|which|why|can|could|would|do|does|is|are|will|need|want|help)\b/;
// Enough left to be a request of its own: four Chinese characters or three words.
const SUBSTANTIVE = /(?:[\u4e00-\u9fff][^\u4e00-\u9fff]*){4}|(?:[a-z0-9']+\W+){2}[a-z0-9']/;

/**
 * The part of a message that says what the customer wants: the text without a leading greeting or trailing
 * thanks, or the text itself when nothing of substance is left or nothing was removed.
 */
export function routingFocus(normalisedText: string): string {
  const text = canonicaliseForRules(normalisedText);
  const rest = text.replace(GREETING_LEAD, '').replace(THANKS_TAIL, '').trim();
  return rest !== text && SUBSTANTIVE.test(rest) && ASKS.test(rest) ? rest : text;
}

// A question about how something is done, whether it can be, how long it takes ("app里怎么查之前的转账记录",
// "is it possible to cancel a wire once it's been submitted?"), and no sign of a grievance: the classifier
// learns complaints from their topics (transfers, fees, cancelling, complaints themselves), which such a
// question shares. Grievance signs: time already lost, repetition, indignation, blame, a promise broken.
const PROCEDURE_EN =
  /\b(how (do|can|should|would|could|does|did|will|long|soon|many|much|often|quickly|exactly)|how to|what('s| is| are) the (process|procedure|steps|way|best way|options?|rules?|policy|requirements?|limits?|criteria)|what (do|should|would|can) (i|we) (need|have|do)|what happens (if|when|to|after)|is (it|there) (possible|a way|any way|an option|a limit)|are there (any )?(ways|options|other)|(can|could|may) (i|we|you|my|someone|they)|am i (able|allowed)|do (i|we) (need|have)|do you (offer|have|do|allow|support|accept|charge|provide)|does (it|the|your|my|a|an|this)|where (do|can|should|would) (i|we)|when (do|can|should|will|does|would) |is (my|the|your|there|this)|are (my|the|your|there)|will (i|my|the|it|you|a)|would (i|a|my|it|you)|which|explain|tell me (how|what|about|whether|if)|any idea (how|whether|if|what))\b/;
const PROCEDURE_ZH =
  /怎么|怎样|如何|咋|能不能|能否|可不可以|可以[^，。,.!?；;]{0,14}(吗|么|不|嘛)|是否|需不需要|需要[^，。,.!?；;]{0,14}(吗|么|什么|哪些|多久|几天)|要[^，。,.!?；;]{0,10}(吗|多久|几天|多少|什么|哪些)|多久|(?<![十好])几(?![十百千万])|多长时间|多少|哪|有没有|(?<asked>[\u4e00-\u9fff])[不没]\k<asked>|有哪些|有什么|什么(流程|手续|材料|条件|要求|时候|渠道|方式|途径|办法|区别)|一般|会不会|吗[?？]*$/;
/** "if I'm not happy with…, can I…": a condition is not a grievance. */
const CONDITION_CLAUSE = /\b(if|in case|what if|suppose|supposing|say)\b[^,.;?!]*|(如果|假如|万一|要是|假设)[^，。,.!?；;]*|[^，。,.!?；;]*的话/g;
const GRIEVANCE_EN =
  /\b(still|again|yet|never|nobody|no one|no-one|twice|(\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple) (times|days|weeks|months|hours|calls|visits|emails|letters)|for (weeks|months|ages|days|hours)|ages|(been|kept|keep) waiting|waited|why (do|did|does|is|are|was|were|have|has|haven'?t|hasn'?t|won'?t|can'?t|isn'?t|wasn'?t|should|would|on earth|the hell|am i|should i)|how (is|was) (it|this|that) (fair|acceptable|ok|okay|right|legal|possible)|how (can|could|dare) you|justify|acceptable|unacceptable|ridiculous|joke|disgrace|fed up|sick of|tired of|angry|furious|upset|disappointed|unhappy|frustrat\w*|annoy\w*|terrible|awful|horrible|worst|rude|incompetent|useless|compensat\w*|my money back|refund me|mis-?sold|promised|supposed to|lied|wrongly|mistake|overcharg\w*|without (my|any|telling|asking|warning|notice|permission|consent|a single|a word|a letter)|blamed|blaming|quietly|made it up|explain (it|this|that|yourselves|yourself) or|or refund|couldn'?t (even )?(work out|figure out|be bothered)|you (charged|took|blocked|closed|froze|refused|lost|keep|kept|messed|cancelled|declined|ignored|made me)|you('ve| have) (charged|taken|blocked|closed|frozen|refused|lost|cancelled|declined|ignored)|is this how|treat(ed|ing)? (me|customers|people|us)|pushed|forced|pressured|every time|each time|harass\w*|stop (calling|texting|emailing|sending)|(it'?s|it has) been (\d+|a|an|two|three|four|five|six|several|many|over|more than|nearly|almost|ages|weeks|days|months|since)|has been (down|broken|closed|shut|frozen|blocked)|since (last|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|!!|\?\?|\?!/;
const GRIEVANCE_ZH =
  /竟然|居然|(一直|仍然|始终|至今|到现在|到今天|老是|总是)(没|不|要|是|扣|收|在|让|这样)|(还|都|又)(没|不)|又(扣|收|要|让|是|来|被)|还(要|让)我|(\d+|[一二三四五六七八九十两几好多])(天|周|个星期|个月|次|趟|遍|个小时|小时|回)(了|都|还|也)|凭什么|为什么|为啥|根本(没|不|就)|一分(钱)?都?(没|不)|怎么(又|还|老是|总是|回事|搞的|能这样|会这样)|太(差|慢|坑|过分|离谱|麻烦|折腾|黑|低)|烦不烦|说法|说好的|答应|承诺|态度|不耐烦|差劲|气死|烦死|什么情况|搞什么|敷衍|推来推去|踢皮球|没(有)?人(管|理|回|处理)|骗|坑|乱扣|乱收|多扣|多收|扣错|莫名其妙|无缘无故|不通知|不告诉|也不说|让我跑|白跑|等了|不合理|不满|失望|过分|强制|强行|误导|忽悠|骚扰|靠谱|让我怎么|到底|每次|什么都|能不能[^，。,.!?；;]{0,10}点|别(再)?[^，。,.!?；;]{0,8}了|[!！]{2}|[?？]{2}/;

const OWN_CASE = /\bmy (existing |open |previous |last |earlier )?(complaint|case|dispute|claim)\b|\bcmp-\d|(我的|之前的?|上次的?|那个)投诉|投诉的(那件事|事)/;

/** True when the text asks how something is done or whether it can be, with no sign of a grievance. */
export function asksHowTo(normalisedText: string): boolean {
  const text = canonicaliseForRules(normalisedText);
  if (!PROCEDURE_EN.test(text) && !PROCEDURE_ZH.test(text)) return false;
  // A question about the customer's own complaint ("where is my complaint up to?") is a complaint turn.
  if (OWN_CASE.test(text)) return false;
  const rest = text.replace(CONDITION_CLAUSE, ' ');
  return !GRIEVANCE_EN.test(rest) && !GRIEVANCE_ZH.test(rest);
}

function toMatch(intent: RoutingIntent, rule: string): RuleMatch {
  return { route: ROUTE_OF_INTENT[intent], intent, rule };
}

/**
 * Routes a message by rule when the wording is unambiguous, else returns null
 * so the classifier decides. Precedence: a complaint reference, a request for a translation, then urgent
 * signals, a bare bot-identity question, an explicit handoff request,
 * complaint wording, bare courtesy.
 */
export function applyRoutingRules(normalisedText: string, locale: RoutingLocale): RuleMatch | null {
  const text = canonicaliseForRules(normalisedText);
  if (!text) return null;
  const core = courtesyCore(text);

  for (const group of [COMPLAINT_REFERENCE_RULES, TRANSLATION_RULES, URGENT_RULES, BOT_IDENTITY_RULES, HANDOFF_RULES, COMPLAINT_RULES]) {
    const rule = firstMatch(group, text, core, locale);
    if (rule) return toMatch(rule.intent, rule.id);
  }

  if (!core && text.length <= MAX_COURTESY_LENGTH) {
    if (ONLY_THANKS_EMOJI.test(text)) return toMatch('smalltalk.thanks', 'smalltalk/emoji');
    if (ONLY_GREETING_EMOJI.test(text)) return toMatch('smalltalk.greeting', 'smalltalk/emoji');
  }
  // Length cap: courtesy messages are short, and it bounds the phrase regexes' backtracking.
  if (core && core.length <= MAX_COURTESY_LENGTH) {
    for (const rule of SMALLTALK_RULES) if (rule.pattern.test(core)) return toMatch(rule.intent, rule.id);
  }
  return null;
}
