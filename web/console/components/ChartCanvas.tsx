// A chart.js chart in a canvas, updated in place when its data changes. Only the pieces the
// dashboard uses are registered, which keeps the bundle small.
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip, Legend);
Chart.defaults.font.family = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", Roboto, Arial, sans-serif';
Chart.defaults.color = '#4a5868';
Chart.defaults.animation = false;

/** A calm, colour-blind-friendly palette that sits with the console's navy and gold. */
export const PALETTE = ['#0b4f9c', '#c8a15a', '#3f8f7a', '#8a6fb5', '#d07b4a', '#5b8cc7', '#a4556c', '#7a8a99', '#2e6b4f', '#b8962e'];

export interface ChartProps {
  type: 'bar' | 'doughnut';
  labels: string[];
  values: number[];
  label: string;
  horizontal?: boolean;
  /** Values are percentages (axis up to 100, "%" in tooltips). */
  percent?: boolean;
  colors?: string[];
  height?: number;
  testid?: string;
  onSelect?: (index: number) => void;
}

function config(p: ChartProps): ChartConfiguration {
  const colors = p.colors ?? (p.type === 'doughnut' ? PALETTE : [PALETTE[0]]);
  const background = p.type === 'doughnut' || colors.length > 1 ? p.labels.map((_, i) => colors[i % colors.length]) : colors[0];
  const valueAxis = { beginAtZero: true, ...(p.percent ? { max: 100, ticks: { callback: (v: string | number) => `${v}%` } } : { ticks: { precision: 0 } }), grid: { color: '#e8edf2' } };
  const categoryAxis = { grid: { display: false }, ticks: { autoSkip: false } };
  return {
    type: p.type,
    data: { labels: p.labels, datasets: [{ label: p.label, data: p.values, backgroundColor: background, borderWidth: p.type === 'doughnut' ? 1 : 0, borderRadius: p.type === 'bar' ? 3 : 0, maxBarThickness: 36 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: p.horizontal ? 'y' : 'x',
      plugins: {
        legend: { display: p.type === 'doughnut', position: 'right', labels: { boxWidth: 12 } },
        tooltip: p.percent ? { callbacks: { label: (ctx) => `${ctx.formattedValue}%` } } : {},
      },
      scales: p.type === 'bar' ? (p.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }) : {},
      onClick: p.onSelect
        ? (_e, elements) => {
            if (elements[0]) p.onSelect?.(elements[0].index);
          }
        : undefined,
    },
  } as ChartConfiguration;
}

export function ChartCanvas(props: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, config(props));
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [props.type, props.horizontal]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const next = config(props);
    c.data = next.data;
    c.options = next.options ?? {};
    c.update('none');
  }, [JSON.stringify([props.labels, props.values, props.label, props.percent, props.colors])]);

  return (
    <div class="chart-box" style={{ height: `${props.height ?? 220}px` }} data-testid={props.testid} data-values={props.values.join(',')}>
      <canvas ref={canvas} role="img" aria-label={`${props.label}: ${props.labels.map((l, i) => `${l} ${props.values[i]}`).join(', ')}`} />
    </div>
  );
}
