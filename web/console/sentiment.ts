// The sentiment trend as an SVG polyline (values -1…1 left to right), computed without the DOM.
export interface Sparkline {
  points: string;
  /** The zero line's y, for the neutral guide. */
  zeroY: number;
  last: { x: number; y: number } | null;
}

export function sparkline(values: readonly number[], width: number, height: number, pad = 3): Sparkline {
  const clamp = (v: number) => Math.max(-1, Math.min(1, v));
  const y = (v: number) => pad + ((1 - clamp(v)) / 2) * (height - 2 * pad);
  const zeroY = y(0);
  if (!values.length) return { points: '', zeroY, last: null };
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const pts = values.map((v, i) => ({ x: values.length > 1 ? pad + i * step : width / 2, y: y(v) }));
  return { points: pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '), zeroY, last: pts[pts.length - 1] };
}

/** A tone for the latest reading: negative below -0.3, positive above 0.3. */
export function sentimentTone(latest: number | null | undefined): 'negative' | 'neutral' | 'positive' | 'unknown' {
  if (latest === null || latest === undefined || !Number.isFinite(latest)) return 'unknown';
  return latest <= -0.3 ? 'negative' : latest >= 0.3 ? 'positive' : 'neutral';
}
