// Checks on what a model wrote before anyone sees it. Prompts ask for the right behaviour; these
// checks make sure of it, so a model that was tricked or simply wrong is discarded and the caller
// falls back to the embedded path (e.g. the retrieved answer as written). Pure: text in, verdict out.
//
// - prompt_leak (every output): the confidential canary, a long verbatim run of the rules, or —
//   in customer-facing text — talk about system prompts and instructions.
// - secret_request (customer-facing): asks the customer for a PIN, password, one-time code, CVV or
//   a full card number (warnings such as "never share your PIN" are fine).
// - compensation_promise (customer-facing): promises a refund or compensation the sources do not state.
// - invented_figure (grounded): a number, rate or amount that is not in the sources.
// - missing_risk_disclosure (grounded): talks about investment products without mentioning risk.
import { figureSources, inventedFigures, type FigureSources } from './figures.js';

export type GuardReason = 'prompt_leak' | 'secret_request' | 'compensation_promise' | 'invented_figure' | 'missing_risk_disclosure';
export type GuardVerdict = { ok: true } | { ok: false; reason: GuardReason; evidence: string };

export interface OutputGuardPolicy {
  /** Instruction texts (persona, the prompt's system part) that must not be echoed. */
  rules: readonly string[];
  /** A random marker placed in the system message; seeing it in an output proves a leak. */
  canary?: string;
  customerFacing: boolean;
  /** Texts every figure of the output must come from; absent = no figure check. */
  groundedIn?: readonly string[];
}

export interface OutputGuard {
  /** `partial` checks a stream prefix: a number still being written and the risk check are skipped. */
  check(text: string, opts?: { partial?: boolean }): GuardVerdict;
}

const OK: GuardVerdict = { ok: true };

/** Verbatim runs of the rules at least this long (letters and digits only) count as a leak. */
export const LEAK_WINDOW = 60;

const normaliseForLeak = (s: string) =>
  s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

function ruleWindows(rules: readonly string[]): Set<string> {
  const windows = new Set<string>();
  for (const rule of rules) {
    // Line by line: a window never joins text from both sides of a placeholder.
    for (const line of rule.split('\n')) {
      const n = normaliseForLeak(line);
      for (let i = 0; i + LEAK_WINDOW <= n.length; i++) windows.add(n.slice(i, i + LEAK_WINDOW));
    }
  }
  // Paragraphs wrap across lines; windows over whole paragraphs catch a quote of a wrapped rule.
  for (const rule of rules) {
    for (const para of rule.split(/\n\s*\n/)) {
      const n = normaliseForLeak(para);
      for (let i = 0; i + LEAK_WINDOW <= n.length; i++) windows.add(n.slice(i, i + LEAK_WINDOW));
    }
  }
  return windows;
}

export function quotesRules(text: string, windows: Set<string>): string | null {
  if (!windows.size) return null;
  const n = normaliseForLeak(text);
  for (let i = 0; i + LEAK_WINDOW <= n.length; i++) {
    const w = n.slice(i, i + LEAK_WINDOW);
    if (windows.has(w)) return w;
  }
  return null;
}

const PROMPT_TALK = [
  /\b(?:system|hidden|initial|original) (?:prompt|message|instructions?)\b/i,
  /\bmy (?:instructions|system prompt|prompt|rules|guidelines|programming|configuration)\b/i,
  /\bi (?:was|am|have been|'ve been) (?:instructed|programmed|configured|told) to\b/i,
  /\b(?:developer|dan|jailbreak|god) mode\b/i,
  /\bdo anything now\b/i,
  /系统提示|提示词|系统指令|系统设定|我的(?:指令|规则|设定|提示|指示)|我被(?:设定|指示|要求|编程)|开发者模式|越狱模式/,
];

/** Sentences: a question mark, full stop, exclamation or line break ends one (decimals stay whole). */
const sentences = (text: string) => text.split(/(?<!\d)[.](?!\d)|[!?。！？;；\n]+/);

const NEGATION_EN = /\b(?:never|not|no one|nobody|neither|nor|don't|do not|won't|will not|cannot|can't|shouldn't|should not|mustn't|must not)\b|n't\b/i;
const NEGATION_ZH = /不要|不会|不能|不得|不可|不应|不必|无需|不需要|切勿|勿|绝不|决不|从不|别(?![人的处])/;

const SECRET_EN = /\b(?:pin(?: code| number)?|passwords?|passcodes?|one[- ]time (?:pass(?:word|code)|code)s?|otps?|verification codes?|security codes?|sms codes?|auth(?:entication)? codes?|cvv2?|cvc2?|(?:full|complete|whole|entire|16[- ]digit|long) card numbers?)\b/i;
const CARD_NUMBER_EN = /\bcard numbers?\b/i;
const PARTIAL_CARD_EN = /\blast (?:4|four)(?: digits)?\b|\bending (?:in|with)\b|\bmasked\b/i;
const ASK_EN = new RegExp(
  [
    String.raw`\b(?:tell|send|give|show|read|text|email|message) (?:it |them |this |that )?(?:to )?(?:me|us)\b`,
    String.raw`\bshare (?:it |them |your [\w -]{1,30} )?with (?:me|us)\b`,
    String.raw`\b(?:provide|submit|supply)(?: (?:me|us))?(?: with)? (?:your|the)\b`,
    String.raw`\b(?:reply|respond|answer) with\b`,
    String.raw`\blet (?:me|us) know\b`,
    String.raw`\bwhat(?:'s| is| are) (?:your|the)\b`,
    String.raw`\b(?:may|can|could) (?:i|we) (?:have|get|know|ask for)\b`,
    String.raw`\b(?:i|we)(?:'ll| will)? (?:need|require) (?:your|the)\b`,
    String.raw`\b(?:type|enter|input|paste|write) (?:it |them |(?:your|the) [\w -]{1,30} )?(?:here|below|in (?:this|the) chat)\b`,
  ].join('|'),
  'i',
);
const SECRET_ZH = /密码|验证码|动态码|校验码|短信码|安全码|cvv|cvc|(?:完整|全部|整个)的?(?:银行)?卡号/i;
const CARD_NUMBER_ZH = /卡号/;
const PARTIAL_CARD_ZH = /后四位|后4位|尾号|末四位|末4位/;
const ASK_ZH = /告诉我|告知我|告诉我们|发给我|发送给我|发我|发给我们|给我|报给我|提供|告知|回复|报一下|说一下|是多少|请(?:您)?(?:输入|填写|发送)|在(?:这里|此处|对话框|聊天)(?:中|里)?(?:输入|填写|发送)/;

/** A sentence that asks the customer to hand over a secret, as opposed to warning about it. */
export function asksForSecret(text: string): string | null {
  for (const s of sentences(text)) {
    const en = SECRET_EN.test(s) || (CARD_NUMBER_EN.test(s) && !PARTIAL_CARD_EN.test(s));
    if (en && ASK_EN.test(s) && !NEGATION_EN.test(s)) return s.trim();
    const zh = SECRET_ZH.test(s) || (CARD_NUMBER_ZH.test(s) && !PARTIAL_CARD_ZH.test(s));
    if (zh && ASK_ZH.test(s) && !NEGATION_ZH.test(s)) return s.trim();
  }
  return null;
}

const COMPENSATION_EN = [
  /\b(?:we|i|the bank)(?:'ll| will| shall| guarantee(?: to)?| promise(?: to)?)(?: definitely| certainly| surely| fully| immediately)? (?:refund|compensate|reimburse|pay you back|make it up to you|waive)\b/i,
  /\byou(?:'ll| will)(?: definitely| certainly| surely)? (?:be (?:fully )?(?:refunded|compensated|reimbursed)|get (?:a |your |full )?(?:refund|compensation|money back))\b/i,
  /\bguarantee(?:d|s)? (?:a |you a |your |full )?(?:refund|compensation|reimbursement)\b/i,
];
const COMPENSATION_ZH = [/(?:一定|保证|肯定|必定|承诺|确保)(?:会|能)?(?:给您|为您|向您|给你)?(?:全额)?(?:赔偿|补偿|退款|退还|赔付|返还)/, /(?:我们|本行|银行)(?:会|将|一定会)(?:给您|为您|向您|给你)?(?:全额)?(?:赔偿|补偿|赔付)/];
const COMPENSATION_WORDS = /refund|compensat|reimburs|waive|退款|退还|赔偿|补偿|赔付|返还|减免/i;

export function promisesCompensation(text: string): string | null {
  for (const s of sentences(text)) {
    const hit = COMPENSATION_EN.some((re) => re.test(s) && !NEGATION_EN.test(s)) || COMPENSATION_ZH.some((re) => re.test(s) && !NEGATION_ZH.test(s));
    if (hit) return s.trim();
  }
  return null;
}

const INVESTMENT = /\b(?:invest(?:ment|ments|ing)?|(?:mutual|investment|index|money market|bond|equity) funds?|fund products?|wealth (?:management|products?)|structured deposits?|stocks?|bonds?|securities|precious metals?|annuit(?:y|ies))\b|理财|基金|投资|结构性存款|股票|债券|贵金属|黄金积存|保险理财/i;
const RISK = /\brisks?\b|\brisky\b|not guaranteed|no guarantee|(?:may|might|could) lose|\bloss(?:es)?\b|风险|不保本|非保本|亏损|损失/i;

export function lacksRiskDisclosure(text: string): string | null {
  const m = INVESTMENT.exec(text);
  return m && !RISK.test(text) ? m[0] : null;
}

/** Text still being streamed may end inside a number ("3." before "3.5%"): leave that tail out. */
const TRAILING_FIGURE = /[\d.,%\s零〇一二两三四五六七八九十百千万亿点分之]+$/;

export function createOutputGuard(policy: OutputGuardPolicy): OutputGuard {
  const windows = ruleWindows(policy.rules);
  const sources: FigureSources | null = policy.groundedIn ? figureSources(policy.groundedIn) : null;
  const sourceText = policy.groundedIn?.join('\n') ?? '';
  return {
    check(text, opts = {}) {
      if (policy.canary && text.includes(policy.canary)) return { ok: false, reason: 'prompt_leak', evidence: policy.canary };
      const quoted = quotesRules(text, windows);
      if (quoted) return { ok: false, reason: 'prompt_leak', evidence: quoted };
      if (policy.customerFacing) {
        const talk = PROMPT_TALK.map((re) => re.exec(text)).find(Boolean);
        if (talk) return { ok: false, reason: 'prompt_leak', evidence: talk[0] };
        const ask = asksForSecret(text);
        if (ask) return { ok: false, reason: 'secret_request', evidence: ask };
        const promise = promisesCompensation(text);
        if (promise && !COMPENSATION_WORDS.test(sourceText)) return { ok: false, reason: 'compensation_promise', evidence: promise };
      }
      if (sources) {
        const settled = opts.partial ? text.replace(TRAILING_FIGURE, '') : text;
        const invented = inventedFigures(settled, sources);
        if (invented.length) return { ok: false, reason: 'invented_figure', evidence: invented.map((f) => f.raw).join(', ') };
        if (!opts.partial) {
          const topic = lacksRiskDisclosure(text);
          if (topic) return { ok: false, reason: 'missing_risk_disclosure', evidence: topic };
        }
      }
      return OK;
    },
  };
}
