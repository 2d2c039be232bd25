// Mass-complaint (crisis) detection: N complaints in the same category within a sliding window raise
// one alert. After an alert the category stays quiet for a cooldown, so one burst gives one alert; a
// burst still going after the cooldown alerts again, which is what a duty manager wants to hear.
// Pure: the state goes in and comes out, so a worker can keep it in Redis or rebuild it from the
// database with replayCrisisAlerts.

export interface CrisisDetectorConfig {
  threshold: number;
  windowMinutes: number;
  cooldownMinutes: number;
}

export const DEFAULT_CRISIS_DETECTOR_CONFIG: CrisisDetectorConfig = { threshold: 5, windowMinutes: 60, cooldownMinutes: 120 };

export interface ComplaintSignal {
  category: string;
  at: Date;
  /** Included in the alert so responders can open the cases. */
  reference?: string;
}

export interface CrisisAlert {
  category: string;
  count: number;
  windowStart: Date;
  at: Date;
  references: string[];
}

export interface CrisisDetectorState {
  /** Per category, signals still inside the window, oldest first. */
  recent: Readonly<Record<string, ReadonlyArray<{ at: number; reference?: string }>>>;
  lastAlertAt: Readonly<Record<string, number>>;
}

export const EMPTY_CRISIS_STATE: CrisisDetectorState = { recent: {}, lastAlertAt: {} };

function validate(config: CrisisDetectorConfig): void {
  if (!Number.isInteger(config.threshold) || config.threshold < 1) throw new RangeError('Crisis threshold must be a whole number ≥ 1');
  if (!(config.windowMinutes > 0)) throw new RangeError('Crisis window must be positive');
  if (!(config.cooldownMinutes >= 0)) throw new RangeError('Crisis cooldown must be ≥ 0');
}

/** Adds one complaint and says whether it tips its category into an alert. */
export function observeComplaint(
  state: CrisisDetectorState,
  signal: ComplaintSignal,
  config: CrisisDetectorConfig = DEFAULT_CRISIS_DETECTOR_CONFIG,
): { state: CrisisDetectorState; alert: CrisisAlert | null } {
  validate(config);
  const at = signal.at.getTime();
  const windowStart = at - config.windowMinutes * 60_000;
  const kept = (state.recent[signal.category] ?? []).filter((s) => s.at > windowStart && s.at <= at);
  const recent = [...kept, { at, reference: signal.reference }].sort((a, b) => a.at - b.at);
  const last = state.lastAlertAt[signal.category];
  const coolingDown = last !== undefined && at - last < config.cooldownMinutes * 60_000;

  let alert: CrisisAlert | null = null;
  let lastAlertAt = state.lastAlertAt;
  if (recent.length >= config.threshold && !coolingDown) {
    alert = {
      category: signal.category,
      count: recent.length,
      windowStart: new Date(recent[0].at),
      at: signal.at,
      references: recent.flatMap((s) => (s.reference ? [s.reference] : [])),
    };
    lastAlertAt = { ...state.lastAlertAt, [signal.category]: at };
  }
  return { state: { recent: { ...state.recent, [signal.category]: recent }, lastAlertAt }, alert };
}

/** Runs a batch of complaints (any order) through the detector; returns every alert raised. */
export function replayCrisisAlerts(
  signals: readonly ComplaintSignal[],
  config: CrisisDetectorConfig = DEFAULT_CRISIS_DETECTOR_CONFIG,
  initial: CrisisDetectorState = EMPTY_CRISIS_STATE,
): { state: CrisisDetectorState; alerts: CrisisAlert[] } {
  let state = initial;
  const alerts: CrisisAlert[] = [];
  for (const s of [...signals].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const r = observeComplaint(state, s, config);
    state = r.state;
    if (r.alert) alerts.push(r.alert);
  }
  return { state, alerts };
}

/**
 * The same rule for a worker that counts in the database: given how many complaints of a category
 * arrived within the window ending `now` and when that category last alerted, should it alert now?
 */
export function shouldRaiseCrisisAlert(input: { countInWindow: number; lastAlertAt?: Date | null; now: Date }, config: CrisisDetectorConfig = DEFAULT_CRISIS_DETECTOR_CONFIG): boolean {
  validate(config);
  if (input.countInWindow < config.threshold) return false;
  if (!input.lastAlertAt) return true;
  return input.now.getTime() - input.lastAlertAt.getTime() >= config.cooldownMinutes * 60_000;
}
