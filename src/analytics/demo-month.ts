// A realistic month of Teller activity for demos, generated as plain rows (no database here; see
// demo-seed-db.ts for writing them). Deterministic for a given seed and `now`. Volumes follow office
// hours and weekdays; FAQ questions and answers come from the bundled knowledge base; handoffs,
// complaints and ratings follow the workflows' own rules (due dates from the service-clock rules,
// handoff priority from the queue's rules, NPS sampling from satisfaction-prompts).
import { randomUUID } from 'node:crypto';
import { computeDueDates } from '../complaints/domain/service-clocks.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../complaints/domain/extract-details.js';
import { fromLocal, toLocal } from '../complaints/domain/time-zone.js';
import { basePriority } from '../handoff/priority.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';
import { shouldAskNps } from './satisfaction-prompts.js';

export const DEMO_PREFIX = 'demo-';
export const DEMO_PASSWORD = 'Demo-pass-2026!';

type Locale = 'zh-CN' | 'en';
type DbLocale = 'zh_CN' | 'en';
type Segment = 'ordinary' | 'key' | 'vip';
type Severity = 'low' | 'medium' | 'high' | 'crisis';
type ComplaintStatus = 'received' | 'acknowledged' | 'investigating' | 'resolution_proposed' | 'approved' | 'resolved' | 'follow_up' | 'closed';
type HandoffReason = 'customer_request' | 'urgent' | 'complaint_severity' | 'repeated_fallback' | 'negative_sentiment';

export interface DemoKnowledgeEntry {
  key: string;
  locale: Locale;
  questions: string[];
  answer: string;
}

export interface DemoAgent {
  key: string;
  email: string;
  name: string;
  role: 'agent' | 'supervisor';
  languages: Locale[];
  skills: string[];
  /** How customers tend to rate this agent (added to a 1–5 draw). */
  ratingBias: number;
}

export const DEMO_AGENTS: DemoAgent[] = [
  { key: 'wang', email: 'demo.wang@teller.demo', name: '王芳', role: 'agent', languages: ['zh-CN'], skills: ['cards', 'accounts'], ratingBias: 0.4 },
  { key: 'li', email: 'demo.li@teller.demo', name: '李娜', role: 'agent', languages: ['zh-CN', 'en'], skills: ['loans', 'wealth_investment'], ratingBias: 0.1 },
  { key: 'zhang', email: 'demo.zhang@teller.demo', name: '张伟', role: 'agent', languages: ['zh-CN'], skills: ['digital_banking'], ratingBias: -0.6 },
  { key: 'emily', email: 'demo.emily@teller.demo', name: 'Emily Chen', role: 'agent', languages: ['en', 'zh-CN'], skills: ['cards', 'fees_charges'], ratingBias: 0.3 },
  { key: 'james', email: 'demo.james@teller.demo', name: 'James Liu', role: 'agent', languages: ['en'], skills: ['accounts'], ratingBias: 0 },
  { key: 'chen', email: 'demo.supervisor@teller.demo', name: '陈静', role: 'supervisor', languages: ['zh-CN', 'en'], skills: ['complaints'], ratingBias: 0.2 },
];

export interface DemoMonth {
  agents: DemoAgent[];
  customers: Array<{ id: string; externalId: string; segment: Segment; locale: DbLocale; vulnerable: boolean; createdAt: Date }>;
  conversations: Array<{
    id: string;
    customerId: string;
    channel: string;
    locale: DbLocale;
    state: 'bot' | 'waiting' | 'human' | 'closed';
    tokenHash: string;
    urgent: boolean;
    lastRoute: string | null;
    lastIntent: string | null;
    resolvedBy: string | null;
    messageCount: number;
    createdAt: Date;
    lastMessageAt: Date;
    firstResponseAt: Date | null;
    closedAt: Date | null;
  }>;
  messages: Array<{
    id: string;
    conversationId: string;
    author: 'customer' | 'bot' | 'agent' | 'system';
    agentKey: string | null;
    text: string;
    masked: boolean;
    route: string | null;
    intent: string | null;
    confidence: number | null;
    metadata: Record<string, unknown>;
    createdAt: Date;
  }>;
  handoffs: Array<{
    id: string;
    conversationId: string;
    complaintId: string | null;
    status: 'waiting' | 'active' | 'closed' | 'abandoned';
    reason: HandoffReason;
    priority: number;
    locale: DbLocale;
    skill: string | null;
    agentKey: string | null;
    summary: string;
    requestedAt: Date;
    claimedAt: Date | null;
    closedAt: Date | null;
    disposition: string | null;
  }>;
  complaints: Array<{
    id: string;
    conversationId: string;
    customerId: string;
    channel: string;
    locale: DbLocale;
    status: ComplaintStatus;
    severity: Severity;
    severityReasons: string[];
    category: ComplaintCategory;
    cause: string | null;
    description: string;
    amount: number | null;
    currency: string | null;
    desiredOutcome: string;
    assignedAgentKey: string | null;
    resolution: string | null;
    ackDueAt: Date;
    investigationDueAt: Date;
    resolutionDueAt: Date;
    acknowledgedAt: Date | null;
    investigationReportedAt: Date | null;
    resolvedAt: Date | null;
    closedAt: Date | null;
    triagedAt: Date | null;
    createdAt: Date;
  }>;
  complaintEvents: Array<{ complaintId: string; fromStatus: ComplaintStatus | null; toStatus: ComplaintStatus; actorAgentKey: string | null; actor: string; actorRole: string; note: string | null; at: Date }>;
  breaches: Array<{ complaintId: string; clock: string; dueAt: Date; detectedAt: Date; escalatedTo: string }>;
  ratings: Array<{ kind: 'csat' | 'nps'; score: number; comment: string | null; conversationId: string; complaintId: string | null; handoffId: string | null; agentKey: string | null; channel: string; locale: DbLocale; createdAt: Date }>;
}

// ---- deterministic randomness -----------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(private readonly next: () => number) {}
  float = (a = 0, b = 1) => a + (b - a) * this.next();
  int = (a: number, b: number) => Math.floor(this.float(a, b + 1));
  chance = (p: number) => this.next() < p;
  pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.next() * xs.length)];
  weighted = <T extends string | number>(table: ReadonlyArray<readonly [T, number]>): T => {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of table) if ((r -= w) < 0) return v;
    return table[table.length - 1][0];
  };
  /** Log-normal-ish duration around `median` (seconds), for waits and handling times. */
  duration = (median: number, spread = 0.6) => median * Math.exp(spread * (this.next() + this.next() + this.next() - 1.5) * 1.4);
  uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    h[12] = '4';
    h[16] = '89ab'[Math.floor(this.next() * 4)];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
}

// ---- content ---------------------------------------------------------------------------------------------

const TEXT = {
  'zh-CN': {
    greeting: ['你好', '您好', '在吗'],
    greetingReply: '您好！我是智能客服，请问有什么可以帮您？',
    fallbackReply: '抱歉，我没有完全理解您的问题。能换个说法，或说说和哪类业务有关（银行卡、转账、贷款、手机银行……）吗？',
    fallbackOffer: '抱歉，我还是没能理解。需要为您转接人工客服吗？',
    askHuman: ['转人工', '我要人工客服', '人工', '帮我转接客服'],
    connecting: '好的，正在为您转接人工客服，预计等待约 {wait} 分钟。等待期间您可以继续描述问题。',
    agentHello: '您好，我是客服{name}，很高兴为您服务。',
    agentFollow: ['我这边帮您查一下，请稍等。', '已经为您核实，问题已处理好了。', '还有其他需要帮忙的吗？'],
    customerFollow: ['好的，谢谢', '明白了', '麻烦快点'],
    handoffEnded: '人工服务已结束，感谢您的耐心。接下来由智能客服继续为您服务。',
    thanks: ['谢谢', '好的谢谢', '明白了，谢谢'],
    thanksReply: '不客气，祝您生活愉快！',
    urgent: ['我的卡丢了，快帮我挂失', '有人盗刷我的信用卡', '我刚被骗转账了怎么办'],
    urgentReply: '请立即拨打客服热线 95xxx 办理挂失/止付，我正在为您优先转接人工客服。',
    complaintStart: '很抱歉给您带来不便。我来帮您登记投诉，请简单描述发生了什么。',
    complaintFiled: '已为您登记投诉，编号 {reference}。我们会在 24 小时内确认受理，并尽快给您答复。',
    unanswered: [
      ['可以在网点买金条吗？', 9],
      ['你们有宠物保险吗', 7],
      ['怎么开通港股通', 6],
      ['今天泰铢汇率多少', 5],
      ['手机银行能交停车罚款吗', 4],
      ['数字人民币钱包怎么开', 4],
      ['信用卡学生有年费减免吗', 3],
      ['公积金贷款能提前还吗', 3],
      ['能帮我预约明天上午的网点排号吗', 2],
      ['外籍人士可以办房贷吗', 2],
    ] as Array<[string, number]>,
    complaints: {
      accounts: ['我的账户被无故冻结，导致工资无法取出。', '销户申请提交两周了还没办好。'],
      cards: ['ATM 吞卡后网点拒绝处理，耽误了我一天。', '新卡寄错地址，现在又说是我的责任。'],
      loans: ['房贷提前还款违约金事先没有告知。', '贷款审批拖了一个月没有任何进度。'],
      wealth_investment: ['理财经理推荐的产品风险等级与我的评估不符，亏损了。', '理财产品到期后资金迟迟没有到账。'],
      fees_charges: ['信用卡年费在没有通知的情况下被扣了 300 元。', '跨行转账被重复收取手续费。'],
      service_attitude: ['网点柜员态度恶劣，还当众讽刺我。', '客服电话打了五次都没人回电。'],
      digital_banking: ['手机银行更新后一直闪退，没法还信用卡。', '网银转账显示成功但对方没收到钱。'],
      other: ['银行的营销电话太多了，要求停止。', '网点提前关门，白跑一趟。'],
    } satisfies Record<ComplaintCategory, readonly string[]>,
    resolution: '已核实并为您处理，相关费用已退回。',
    commentsGood: ['回答很清楚', '客服很耐心', '解决得很快'],
    commentsBad: ['等太久了', '没有解决我的问题', '答非所问'],
  },
  en: {
    greeting: ['Hi', 'Hello', 'Hello there'],
    greetingReply: 'Hello! I am the virtual assistant. How can I help you today?',
    fallbackReply: "Sorry, I didn't quite get that. Could you rephrase it, or tell me which area it is about (cards, transfers, loans, mobile banking...)?",
    fallbackOffer: "Sorry, I still couldn't understand. Would you like me to connect you to an agent?",
    askHuman: ['agent please', 'I want to talk to a person', 'connect me to customer service', 'human'],
    connecting: "I'm connecting you to an agent; the estimated wait is about {wait} minutes. You can keep typing meanwhile.",
    agentHello: 'Hello, this is {name}. How can I help?',
    agentFollow: ['Let me check that for you, one moment.', 'I have sorted that out for you now.', 'Is there anything else I can help with?'],
    customerFollow: ['ok thanks', 'got it', 'please hurry'],
    handoffEnded: "The agent has closed the chat. Thank you for your patience — I'm here if you need anything else.",
    thanks: ['thanks', 'thank you!', 'great, thanks'],
    thanksReply: "You're welcome. Have a nice day!",
    urgent: ['I lost my card, please block it', 'someone used my credit card without permission', 'I think I was scammed into a transfer'],
    urgentReply: 'Please call 95xxx now to block the card or stop the payment; I am connecting you to an agent with priority.',
    complaintStart: "I'm sorry about this. I'll register your complaint — please tell me briefly what happened.",
    complaintFiled: 'Your complaint is registered as {reference}. We will acknowledge it within 24 hours and reply as soon as we can.',
    unanswered: [
      ['Can I buy gold bars at the branch?', 8],
      ['Do you offer pet insurance?', 6],
      ['how do I link my card to Apple Pay', 5],
      ['What is the exchange rate for Thai baht today?', 4],
      ['Can I pay a parking fine in the app?', 3],
      ['Is there a student discount on the card annual fee?', 3],
      ['Can foreigners get a mortgage?', 2],
      ['Do you have a branch in Macau?', 2],
    ] as Array<[string, number]>,
    complaints: {
      accounts: ['My account was frozen with no explanation and I could not pay rent.', 'I asked to close my account two weeks ago and it is still open.'],
      cards: ['The ATM swallowed my card and the branch refused to help.', 'You sent my new card to the wrong address and now blame me.'],
      loans: ['Nobody told me about the early repayment charge on my mortgage.', 'My loan application has been pending for a month with no update.'],
      wealth_investment: ['The adviser sold me a product far riskier than my profile.', 'My matured investment has still not been paid out.'],
      fees_charges: ['You charged a 300 yuan annual fee without telling me.', 'I was charged the transfer fee twice.'],
      service_attitude: ['The teller was rude and mocked me in front of others.', 'I was promised a callback five times and never got one.'],
      digital_banking: ['The app keeps crashing since the update and I cannot pay my bills.', 'The online transfer says completed but the money never arrived.'],
      other: ['Too many marketing calls, please stop them.', 'The branch closed early and I wasted my trip.'],
    } satisfies Record<ComplaintCategory, readonly string[]>,
    resolution: 'We checked and corrected it; the fee has been refunded.',
    commentsGood: ['clear answer', 'the agent was very patient', 'quick fix'],
    commentsBad: ['waited too long', 'did not solve my problem', 'answers were off topic'],
  },
} as const;

const CAUSES: Array<[string, number]> = [
  ['system_error', 5],
  ['process_gap', 4],
  ['staff_conduct', 3],
  ['fee_policy', 3],
  ['third_party', 2],
  ['customer_misunderstanding', 3],
];

// Local hour weights: quiet nights, busy late mornings, afternoons and evenings.
const HOUR_WEIGHTS: Array<[number, number]> = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23].map((h) => [
  h,
  h < 7 ? 0.3 : h < 9 ? 2 : h < 12 ? 8 : h < 14 ? 6 : h < 18 ? 7 : h < 20 ? 5 : h < 23 ? 6 : 2,
]);

// ---- the generator -------------------------------------------------------------------------------------

export interface DemoOptions {
  now: Date;
  days?: number;
  conversations?: number;
  seed?: number;
  timeZone?: string;
  npsRate?: number;
}

export function generateDemoMonth(knowledge: readonly DemoKnowledgeEntry[], opts: DemoOptions): DemoMonth {
  const days = opts.days ?? 30;
  const total = opts.conversations ?? 600;
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const npsRate = opts.npsRate ?? 0.2;
  const now = opts.now;
  const d = new Dice(mulberry32(opts.seed ?? 20260301));
  const faq: Record<Locale, DemoKnowledgeEntry[]> = { 'zh-CN': knowledge.filter((k) => k.locale === 'zh-CN'), en: knowledge.filter((k) => k.locale === 'en') };
  if (!faq['zh-CN'].length || !faq.en.length) throw new Error('the demo needs knowledge entries in both languages');
  // A few popular questions dominate, as in real traffic.
  const popular = (locale: Locale) => faq[locale][Math.floor(faq[locale].length * d.float() ** 2.2)];

  const out: DemoMonth = { agents: DEMO_AGENTS, customers: [], conversations: [], messages: [], handoffs: [], complaints: [], complaintEvents: [], breaches: [], ratings: [] };
  const agentsFor = (locale: Locale) => DEMO_AGENTS.filter((a) => a.role === 'agent' && a.languages.includes(locale));
  const db = (l: Locale): DbLocale => (l === 'zh-CN' ? 'zh_CN' : 'en');
  const at = (base: Date, seconds: number) => new Date(base.getTime() + Math.round(seconds * 1000));

  // Customers: returning ones make up most of the traffic.
  const customerCount = Math.max(1, Math.round(total * 0.6));
  for (let i = 0; i < customerCount; i++) {
    const locale: Locale = d.chance(0.62) ? 'zh-CN' : 'en';
    out.customers.push({
      id: d.uuid(),
      externalId: `${DEMO_PREFIX}${String(i + 1).padStart(6, '0')}`,
      segment: d.weighted([['ordinary', 80], ['key', 15], ['vip', 5]] as const),
      locale: db(locale),
      vulnerable: d.chance(0.04),
      createdAt: new Date(now.getTime() - (days + d.int(30, 900)) * 86_400_000),
    });
  }

  // Start times: weekdays busier than weekends, office hours busier than nights.
  const startTimes: Date[] = [];
  const nowLocal = toLocal(now, tz);
  while (startTimes.length < total) {
    const back = d.int(0, days - 1);
    const date = new Date(Date.UTC(nowLocal.year, nowLocal.month - 1, nowLocal.day - back));
    const weekday = date.getUTCDay();
    if ((weekday === 0 || weekday === 6) && d.chance(0.4)) continue;
    const hour = d.weighted(HOUR_WEIGHTS);
    const t = fromLocal({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute: d.int(0, 59), second: d.int(0, 59), millisecond: 0 }, tz);
    if (t.getTime() < now.getTime() - 20 * 60_000) startTimes.push(t);
  }
  startTimes.sort((a, b) => a.getTime() - b.getTime());

  for (const createdAt of startTimes) {
    const customer = d.pick(out.customers);
    const locale: Locale = customer.locale === 'zh_CN' ? (d.chance(0.92) ? 'zh-CN' : 'en') : d.chance(0.9) ? 'en' : 'zh-CN';
    const T = TEXT[locale];
    const channel = d.weighted([['web', 70], ['msteams', 20], ['slack', 10]] as const);
    const convId = d.uuid();
    let clock = createdAt;
    let firstResponseAt: Date | null = null;
    let lastRoute: string | null = null;
    let lastIntent: string | null = null;
    let state: DemoMonth['conversations'][number]['state'] = 'bot';
    let resolvedBy: string | null = null;
    let closedAt: Date | null = null;
    let urgent = false;
    let messageCount = 0;

    const say = (author: 'customer' | 'bot' | 'agent' | 'system', text: string, o: { route?: string; intent?: string; confidence?: number; metadata?: Record<string, unknown>; agentKey?: string } = {}) => {
      const masked = author === 'customer' ? maskPersonalData(text) : { text, found: [] as string[] };
      out.messages.push({ id: d.uuid(), conversationId: convId, author, agentKey: o.agentKey ?? null, text: masked.text, masked: masked.found.length > 0, route: o.route ?? null, intent: o.intent ?? null, confidence: o.confidence ?? null, metadata: o.metadata ?? {}, createdAt: clock });
      messageCount++;
    };
    /** A customer message and the bot's reply, stored together as the pipeline does. */
    const turn = (text: string, route: string, intent: string, reply: string, metadata: Record<string, unknown> = {}) => {
      clock = at(clock, d.duration(25, 0.8));
      const latencyMs = Math.round(d.duration(route === 'faq' && d.chance(0.3) ? 1800 : 350, 0.5));
      clock = at(clock, latencyMs / 1000);
      say('customer', text, { route, intent, confidence: route === 'fallback' ? d.float(0.2, 0.45) : d.float(0.7, 0.99), metadata: { route, intent, decidedBy: route === 'fallback' ? 'classifier' : d.pick(['rule', 'classifier', 'retrieval']), latencyMs, ...metadata } });
      say('bot', reply, { route, intent });
      firstResponseAt ??= clock;
      lastRoute = route;
      lastIntent = intent;
    };
    const faqTurn = () => {
      const e = popular(locale);
      let q = d.pick(e.questions);
      if (d.chance(0.06)) q = locale === 'zh-CN' ? `我的卡号 6222 0212 3456 ${d.int(1000, 9999)}，${q}` : `my card is 4111 1111 1111 ${d.int(1000, 9999)} - ${q}`;
      turn(q, 'faq', 'faq.question', e.answer, { entry: e.key, answeredBy: 'retrieval' });
    };
    const fallbackTurn = () => {
      const q = d.weighted(T.unanswered.map(([text, w]) => [text, w] as const));
      // People type the same question loosely; the unanswered list merges these spellings.
      const typed = d.chance(0.3) ? q.toLowerCase().replace(/[?？!！。.]+$/u, '') : q;
      turn(typed, 'fallback', 'fallback.out_of_scope', T.fallbackReply);
    };
    const close = (by: 'bot' | 'agent') => {
      clock = at(clock, d.duration(40, 0.6));
      state = 'closed';
      resolvedBy = by;
      closedAt = clock;
    };

    /** Requests a handoff and plays it out as far as `now` allows. */
    const handoff = (reason: HandoffReason, complaint?: { id: string; severity: Severity }) => {
      const requestedAt = clock;
      const agent = d.pick(agentsFor(locale));
      const peak = toLocal(requestedAt, tz).hour >= 10 && toLocal(requestedAt, tz).hour < 18;
      const wait = d.duration(reason === 'urgent' ? 25 : peak ? 150 : 70, 0.7);
      const abandoned = wait > 240 && d.chance(0.5);
      const claimedAt = at(requestedAt, wait);
      const firstReply = at(claimedAt, d.duration(35, 0.5));
      const handling = d.duration(complaint ? 900 : 420, 0.6);
      const closedAtH = at(claimedAt, Math.max(handling, (firstReply.getTime() - claimedAt.getTime()) / 1000 + 60));
      const id = d.uuid();
      const row: DemoMonth['handoffs'][number] = {
        id,
        conversationId: convId,
        complaintId: complaint?.id ?? null,
        status: 'waiting',
        reason,
        priority: basePriority({ reason, urgent: reason === 'urgent', segment: customer.segment, vulnerable: customer.vulnerable, complaintSeverity: complaint?.severity ?? null }),
        locale: db(locale),
        skill: d.chance(0.5) ? d.pick(agent.skills) : null,
        agentKey: null,
        summary: locale === 'zh-CN' ? `客户请求人工服务（${lastIntent ?? '咨询'}）。` : `Customer asked for an agent (${lastIntent ?? 'enquiry'}).`,
        requestedAt,
        claimedAt: null,
        closedAt: null,
        disposition: null,
      };
      out.handoffs.push(row);
      state = 'waiting';
      if (abandoned) {
        if (claimedAt <= now) {
          row.status = 'abandoned';
          row.closedAt = claimedAt;
          row.disposition = 'customer_left';
          state = 'bot';
        }
        return null;
      }
      if (claimedAt > now) return null;
      row.status = 'active';
      row.agentKey = agent.key;
      row.claimedAt = claimedAt;
      state = 'human';
      if (firstReply <= now) {
        clock = firstReply;
        say('agent', T.agentHello.replace('{name}', agent.name), { agentKey: agent.key, route: 'handoff', intent: 'agent.message' });
        firstResponseAt ??= clock;
        const steps = d.int(1, 3);
        for (let i = 0; i < steps; i++) {
          const next = at(clock, d.duration(60, 0.5));
          if (next >= closedAtH || next > now) break;
          clock = next;
          if (d.chance(0.5)) say('customer', d.pick(T.customerFollow), { route: 'handoff', intent: 'handoff.relay' });
          else say('agent', T.agentFollow[Math.min(i, T.agentFollow.length - 1)], { agentKey: agent.key, route: 'handoff', intent: 'agent.message' });
        }
      }
      if (closedAtH > now) return null;
      clock = closedAtH;
      row.status = 'closed';
      row.closedAt = closedAtH;
      row.disposition = d.weighted([['resolved', 78], ['follow_up', 14], ['transferred_to_branch', 8]] as const);
      say('system', T.handoffEnded, { route: 'handoff', intent: 'handoff.closed', metadata: { handoffId: id, event: 'handoff.closed' } });
      state = 'bot';
      if (row.disposition === 'resolved') {
        resolvedBy = 'agent';
        if (d.chance(0.7)) {
          state = 'closed';
          closedAt = at(clock, 30);
        }
      }
      return row;
    };

    const rate = (kind: 'csat' | 'nps', score: number, when: Date, o: { handoff?: { id: string; agentKey: string | null }; complaintId?: string }) => {
      if (when > now) return;
      const good = kind === 'csat' ? score >= 4 : score >= 9;
      const comment = d.chance(0.25) ? d.pick(good ? T.commentsGood : T.commentsBad) : null;
      out.ratings.push({ kind, score, comment, conversationId: convId, complaintId: o.complaintId ?? null, handoffId: o.handoff?.id ?? null, agentKey: o.handoff?.agentKey ?? null, channel, locale: db(locale), createdAt: when });
    };
    const csatScore = (bias: number) => Math.max(1, Math.min(5, Math.round(d.weighted([[5, 45], [4, 30], [3, 12], [2, 7], [1, 6]] as const) + bias + d.float(-0.4, 0.4))));
    const npsScore = (happy: boolean) => (happy ? d.weighted([[10, 30], [9, 30], [8, 20], [7, 10], [6, 5], [5, 5]] as const) : d.weighted([[9, 10], [8, 15], [7, 15], [6, 15], [5, 15], [3, 15], [0, 15]] as const));
    const maybeNps = (when: Date, happy: boolean) => {
      if (shouldAskNps(convId, npsRate) && d.chance(0.6)) rate('nps', npsScore(happy), at(when, d.int(60, 300)), {});
    };

    // ---- the scenario ----
    if (d.chance(0.15)) turn(d.pick(T.greeting), 'smalltalk', 'smalltalk.greeting', T.greetingReply);
    const scenario = d.weighted([['faq', 56], ['fallback', 12], ['handoff', 11], ['urgent', 3], ['complaint', 10], ['faq_then_handoff', 8]] as const);

    if (scenario === 'faq') {
      const n = d.weighted([[1, 60], [2, 28], [3, 12]] as const);
      for (let i = 0; i < n; i++) faqTurn();
      if (d.chance(0.45)) turn(d.pick(T.thanks), 'smalltalk', 'smalltalk.thanks', T.thanksReply);
      if (d.chance(0.78)) {
        close('bot');
        if (d.chance(0.3)) rate('csat', csatScore(0), at(clock, d.int(5, 90)), {});
        maybeNps(clock, true);
      }
    } else if (scenario === 'fallback') {
      fallbackTurn();
      if (d.chance(0.6)) {
        fallbackTurn();
        if (d.chance(0.5)) {
          clock = at(clock, 1);
          say('bot', T.fallbackOffer, { route: 'fallback', intent: 'fallback.offer_human' });
          turn(d.pick(T.askHuman), 'handoff', 'handoff.request', T.connecting.replace('{wait}', String(d.int(1, 5))));
          const h = handoff('repeated_fallback');
          if (h?.status === 'closed' && d.chance(0.4)) rate('csat', csatScore(DEMO_AGENTS.find((a) => a.key === h.agentKey)!.ratingBias - 0.5), at(clock, d.int(20, 200)), { handoff: { id: h.id, agentKey: h.agentKey } });
        }
      }
    } else if (scenario === 'handoff' || scenario === 'faq_then_handoff' || scenario === 'urgent') {
      if (scenario === 'faq_then_handoff') faqTurn();
      if (scenario === 'urgent') {
        urgent = true;
        turn(d.pick(T.urgent), 'urgent', d.pick(['urgent.lost_card', 'urgent.fraud_transaction', 'urgent.scam_transfer']), T.urgentReply);
      } else turn(d.pick(T.askHuman), 'handoff', 'handoff.request', T.connecting.replace('{wait}', String(d.int(1, 5))));
      const h = handoff(scenario === 'urgent' ? 'urgent' : d.chance(0.85) ? 'customer_request' : 'negative_sentiment');
      if (h?.status === 'closed' && d.chance(0.45)) {
        const bias = DEMO_AGENTS.find((a) => a.key === h.agentKey)!.ratingBias;
        const score = csatScore(bias);
        rate('csat', score, at(clock, d.int(20, 200)), { handoff: { id: h.id, agentKey: h.agentKey } });
        maybeNps(clock, score >= 4);
      }
    } else {
      // complaint: intake dialog, filing, maybe a handoff for severe ones, then the workflow
      // The first complaints go round every category, so each one appears even in a small demo.
      const category =
        out.complaints.length < COMPLAINT_CATEGORIES.length
          ? COMPLAINT_CATEGORIES[out.complaints.length]
          : d.weighted(COMPLAINT_CATEGORIES.map((c) => [c, c === 'other' ? 4 : c === 'fees_charges' || c === 'cards' || c === 'digital_banking' ? 16 : 10] as const));
      const description = d.pick(T.complaints[category]);
      turn(locale === 'zh-CN' ? '我要投诉' : 'I want to make a complaint', 'complaint', 'complaint.file', T.complaintStart);
      const severity = d.weighted([['low', 45], ['medium', 35], ['high', 17], ['crisis', 3]] as const);
      const complaintId = d.uuid();
      turn(description, 'complaint', 'complaint.details', T.complaintFiled, { complaintId });
      const filedAt = clock;
      const due = computeDueDates(filedAt, severity);
      const assignee = d.pick(DEMO_AGENTS.filter((a) => a.role === 'agent'));
      const supervisor = DEMO_AGENTS.find((a) => a.role === 'supervisor')!;
      const k: DemoMonth['complaints'][number] = {
        id: complaintId,
        conversationId: convId,
        customerId: customer.id,
        channel,
        locale: db(locale),
        status: 'received',
        severity,
        severityReasons: severity === 'low' ? [] : [severity === 'crisis' ? 'media_threat' : severity === 'high' ? 'amount_over_threshold' : 'repeat_complaint'],
        category,
        cause: null,
        description: maskPersonalData(description).text,
        amount: category === 'fees_charges' || category === 'digital_banking' ? d.int(30, 5000) : null,
        currency: category === 'fees_charges' || category === 'digital_banking' ? 'CNY' : null,
        desiredOutcome: d.pick(['refund', 'apology', 'explanation', 'correction', 'compensation']),
        assignedAgentKey: null,
        resolution: null,
        ackDueAt: due.acknowledge,
        investigationDueAt: due.investigation_report,
        resolutionDueAt: due.final_resolution,
        acknowledgedAt: null,
        investigationReportedAt: null,
        resolvedAt: null,
        closedAt: null,
        triagedAt: at(filedAt, d.int(5, 120)),
        createdAt: filedAt,
      };
      out.complaints.push(k);
      out.complaintEvents.push({ complaintId, fromStatus: null, toStatus: 'received', actorAgentKey: null, actor: `customer:${convId}`, actorRole: 'customer', note: null, at: filedAt });
      if (severity === 'high' || severity === 'crisis') handoff('complaint_severity', { id: complaintId, severity });
      else if (d.chance(0.6)) close('bot');

      // The workflow, step by step, as far as `now`; a few clocks are missed on purpose.
      const H = 3600;
      const lateAck = d.chance(0.08);
      const lateReport = d.chance(0.12);
      const lateResolution = d.chance(0.06);
      const steps: Array<{ to: ComplaintStatus; at: Date; by: 'system' | 'agent' | 'supervisor'; note?: string }> = [];
      const ackAt = at(filedAt, lateAck ? d.float(26, 40) * H : d.float(0.05, 6) * H);
      steps.push({ to: 'acknowledged', at: ackAt, by: d.chance(0.7) ? 'system' : 'agent' });
      const investigating = at(ackAt, d.float(0.5, 12) * H);
      steps.push({ to: 'investigating', at: investigating, by: 'agent' });
      const proposed = lateReport ? at(filedAt, d.float(50, 90) * H) : new Date(Math.max(investigating.getTime() + H * 1000, filedAt.getTime() + d.float(8, 46) * H * 1000));
      steps.push({ to: 'resolution_proposed', at: proposed, by: 'agent', note: T.resolution });
      const approved = at(proposed, d.float(1, 20) * H);
      steps.push({ to: 'approved', at: approved, by: 'supervisor' });
      const resolvedAt = lateResolution ? at(due.final_resolution, d.float(1, 4) * 24 * H) : new Date(Math.min(at(approved, d.float(2, 120) * H).getTime(), due.final_resolution.getTime() - H * 1000));
      steps.push({ to: 'resolved', at: new Date(Math.max(resolvedAt.getTime(), approved.getTime() + 60_000)), by: 'agent' });
      const followUp = at(steps[steps.length - 1].at, d.float(24, 72) * H);
      steps.push({ to: 'follow_up', at: followUp, by: 'system' });
      steps.push({ to: 'closed', at: at(followUp, d.float(24, 96) * H), by: 'system' });

      let from: ComplaintStatus = 'received';
      for (const step of steps) {
        if (step.at > now) break;
        const actorAgent = step.by === 'agent' ? assignee : step.by === 'supervisor' ? supervisor : null;
        out.complaintEvents.push({ complaintId, fromStatus: from, toStatus: step.to, actorAgentKey: actorAgent?.key ?? null, actor: actorAgent ? '' : 'system', actorRole: step.by, note: step.note ?? null, at: step.at });
        from = step.to;
        k.status = step.to;
        if (step.to === 'acknowledged') k.acknowledgedAt = step.at;
        if (step.to === 'investigating') k.assignedAgentKey = assignee.key;
        if (step.to === 'resolution_proposed') {
          k.investigationReportedAt = step.at;
          k.resolution = T.resolution;
        }
        if (step.to === 'resolved') {
          k.resolvedAt = step.at;
          k.cause = d.weighted(CAUSES);
        }
        if (step.to === 'closed') {
          k.closedAt = step.at;
          if (d.chance(0.55)) rate('csat', Math.max(1, Math.min(5, d.weighted([[5, 22], [4, 30], [3, 24], [2, 14], [1, 10]] as const))), at(step.at, d.int(600, 7200)), { complaintId });
        }
      }
      // Missed clocks are recorded once, shortly after they fall due (as the SLA worker does).
      const breach = (clock: string, dueAt: Date, done: Date | null) => {
        if ((done ? done > dueAt : dueAt <= now) && at(dueAt, 60) <= now) out.breaches.push({ complaintId, clock, dueAt, detectedAt: at(dueAt, d.int(5, 120)), escalatedTo: 'supervisors' });
      };
      breach('acknowledge', k.ackDueAt, k.acknowledgedAt);
      breach('investigation_report', k.investigationDueAt, k.investigationReportedAt);
      breach('final_resolution', k.resolutionDueAt, k.resolvedAt);
    }

    if (clock > now) clock = now;
    out.conversations.push({
      id: convId,
      customerId: customer.id,
      channel,
      locale: db(locale),
      state,
      tokenHash: randomUUID(), // opens nothing: no token hashes to it
      urgent,
      lastRoute,
      lastIntent,
      resolvedBy,
      messageCount,
      createdAt,
      lastMessageAt: clock,
      firstResponseAt,
      closedAt,
    });
  }
  return out;
}
