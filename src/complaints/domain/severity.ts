// Explicit severity rules, so a supervisor can read why a complaint was graded as it was. Each rule
// that fires adds a reason code; the severity is the highest level any rule reached, then bumped for
// customers the bank must treat with extra care. Keyword rules are deliberately plain substring /
// word-boundary matches in Chinese and English; the LLM may add a second opinion elsewhere but never
// lowers what these rules decide.

export const SEVERITIES = ['low', 'medium', 'high', 'crisis'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type RiskGrade = 'low' | 'medium' | 'high';
export type CustomerSegment = 'ordinary' | 'key' | 'vip';

export interface AmountThresholds {
  medium: number;
  high: number;
  crisis: number;
}

export interface SeverityConfig {
  /** Thresholds per ISO currency; amounts in other currencies use `default`. */
  amountThresholds: Record<string, AmountThresholds> & { default: AmountThresholds };
  /** Prior complaints in 90 days that make this one medium / high. */
  repeatMedium: number;
  repeatHigh: number;
  /** Two or more distinct high-level rules together make a crisis. */
  highRulesForCrisis: number;
}

export const DEFAULT_SEVERITY_CONFIG: SeverityConfig = {
  amountThresholds: {
    default: { medium: 1_000, high: 50_000, crisis: 500_000 },
    CNY: { medium: 1_000, high: 50_000, crisis: 500_000 },
    USD: { medium: 150, high: 7_000, crisis: 70_000 },
    EUR: { medium: 130, high: 6_500, crisis: 65_000 },
    GBP: { medium: 110, high: 5_500, crisis: 55_000 },
    HKD: { medium: 1_100, high: 55_000, crisis: 550_000 },
  },
  repeatMedium: 1,
  repeatHigh: 3,
  highRulesForCrisis: 2,
};

export interface SeverityInput {
  amount?: number | { value: number; currency?: string };
  currency?: string;
  text: string;
  category?: string;
  segment?: CustomerSegment;
  vulnerable?: boolean;
  priorComplaintsIn90Days?: number;
}

export interface SeverityResult {
  severity: Severity;
  riskGrade: RiskGrade;
  /** Reason codes such as `amount_high`, `regulator_mention`, `vip_customer`, in the order found. */
  reasons: string[];
}

interface KeywordRule {
  reason: string;
  level: Severity;
  patterns: RegExp[];
}

// English patterns use word boundaries so "sue" does not fire inside "issue" or "pursue".
export const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    reason: 'media_mention',
    level: 'crisis',
    patterns: [
      /媒体|曝光|记者|报社|电视台|微博|抖音|小红书|网上发帖|发到网上|舆论|上新闻|央视/,
      /\b(?:the press|to the press|press coverage|media|journalists?|reporters?|newspapers?|tv station|go public|social media|twitter|tiktok)\b/i,
    ],
  },
  {
    reason: 'regulator_mention',
    level: 'high',
    patterns: [
      /银保监|银监会|保监会|金融监管总局|国家金融监督管理总局|金融监管局|监管局|监管部门|监管机构|中国人民银行|人民银行|央行|消保|(?<!\d)(?:12378|12363)(?!\d)/,
      /\b(?:regulators?|regulatory|ombudsman|fca|cfpb|fos|pboc|cbirc|nfra|central bank|financial conduct authority|consumer financial protection)\b/i,
    ],
  },
  {
    reason: 'legal_threat',
    level: 'high',
    patterns: [
      /律师|起诉|法院|诉讼|打官司|仲裁|法律途径|告你们/,
      /\b(?:lawyers?|attorneys?|solicitors?|sue|suing|sued|lawsuit|court|legal action|take you to court|small claims)\b/i,
    ],
  },
  {
    reason: 'fraud',
    level: 'high',
    patterns: [
      /诈骗|骗子|被骗|盗刷|被盗|冒用|欺诈|非本人操作|不是我本人|不是我操作|没有授权|未经授权/,
      /\b(?:fraud|fraudulent|scam(?:med)?|unauthori[sz]ed|stolen|identity theft|(?:i )?(?:did not|didn't|never) (?:make|authori[sz]e) (?:this|these|that|the) (?:transactions?|payments?|charges?))\b/i,
    ],
  },
  {
    reason: 'mis_selling',
    level: 'high',
    patterns: [
      /误导|忽悠|没说风险|没有告知风险|没告诉我风险|未告知风险|强制搭售|搭售|捆绑销售|夸大收益|说是保本|承诺保本|飞单/,
      /\b(?:mis-?sold|mis-?selling|misled|misleading|not told (?:about|of) the risks?|never told (?:me )?(?:about )?the risks?|guaranteed returns?|pressured (?:me )?into)\b/i,
    ],
  },
];

const ORDER: Record<Severity, number> = { low: 0, medium: 1, high: 2, crisis: 3 };
const maxSeverity = (a: Severity, b: Severity): Severity => (ORDER[a] >= ORDER[b] ? a : b);

function amountOf(input: SeverityInput): { value: number; currency: string } | null {
  if (input.amount === undefined) return null;
  if (typeof input.amount === 'number') return { value: input.amount, currency: (input.currency ?? 'CNY').toUpperCase() };
  return { value: input.amount.value, currency: (input.amount.currency ?? input.currency ?? 'CNY').toUpperCase() };
}

export function gradeSeverity(input: SeverityInput, config: SeverityConfig = DEFAULT_SEVERITY_CONFIG): SeverityResult {
  const reasons: string[] = [];
  let severity = 'low' as Severity; // widened: raise() reassigns it from a closure
  let highRules = 0;
  const raise = (level: Severity, reason: string) => {
    severity = maxSeverity(severity, level);
    if (ORDER[level] >= ORDER.high) highRules++;
    reasons.push(reason);
  };

  const amount = amountOf(input);
  if (amount && Number.isFinite(amount.value) && amount.value > 0) {
    const t = config.amountThresholds[amount.currency] ?? config.amountThresholds.default;
    if (amount.value >= t.crisis) raise('crisis', 'amount_crisis');
    else if (amount.value >= t.high) raise('high', 'amount_high');
    else if (amount.value >= t.medium) raise('medium', 'amount_medium');
  }

  const text = input.text.normalize('NFKC');
  for (const rule of KEYWORD_RULES) {
    if (rule.patterns.some((p) => p.test(text))) raise(rule.level, rule.reason);
  }

  const prior = input.priorComplaintsIn90Days ?? 0;
  if (prior >= config.repeatHigh) raise('high', 'repeat_complaints');
  else if (prior >= config.repeatMedium) raise('medium', 'repeat_complaint');

  if (highRules >= config.highRulesForCrisis && severity !== 'crisis') {
    severity = 'crisis';
    reasons.push('multiple_high_risk_factors');
  }

  // Customers the bank owes extra care are graded at least medium; VIP and vulnerable customers move
  // medium up to high. A care bump never declares a crisis: a crisis needs a substantive cause.
  const careFlags: string[] = [];
  if (input.segment === 'vip') careFlags.push('vip_customer');
  if (input.segment === 'key') careFlags.push('key_customer');
  if (input.vulnerable) careFlags.push('vulnerable_customer');
  if (careFlags.length) {
    reasons.push(...careFlags);
    if (severity === 'low') severity = 'medium';
    else if (severity === 'medium' && (input.segment === 'vip' || input.vulnerable)) severity = 'high';
  }

  return { severity, riskGrade: riskGradeOf(severity), reasons };
}

/** High and crisis complaints go to a person straight away. */
export function requiresHandoff(severity: Severity): boolean {
  return severity === 'high' || severity === 'crisis';
}

/** The three-level risk grade used in regulatory reporting; crisis reports as high. */
export function riskGradeOf(severity: Severity): RiskGrade {
  return severity === 'crisis' ? 'high' : severity;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return ORDER[a] - ORDER[b];
}
