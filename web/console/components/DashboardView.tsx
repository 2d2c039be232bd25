// The KPI dashboard for supervisors and admins: filters (period, channel, language, segment), KPI
// cards that drill down to the conversations behind them, charts, and the top unanswered questions.
import { useMemo, useState } from 'preact/hooks';
import { KPI_CSV_PATH, type DrillDownResponse, type DrillMetric, type KpiResponse, type Locale, type Segment } from '../api-types.js';
import { ApiError } from '../api.js';
import { csatSeries, isEmptyKpis, isValidRange, kpiCards, kpiQuery, presetRange, slaSeries, topEntries, type DashboardFilters } from '../dashboard-model.js';
import { formatNumber, formatTime } from '../format.js';
import { labelOf, type MessageKey } from '../i18n.js';
import { routeHref } from '../route.js';
import { ChartCanvas } from './ChartCanvas.js';
import { useConsole } from './console-context.js';
import { Banner, Empty, Field, LoadState, NotAvailable } from './ui.js';
import { useResource } from './use-resource.js';

const PRESETS = [7, 30, 90] as const;
const CHANNELS = ['web', 'botframework'];

export function DashboardView() {
  const { api, t, locale } = useConsole();
  const [filters, setFilters] = useState<DashboardFilters>(() => ({ ...presetRange(30, new Date()), channel: '', locale: '', segment: '' }));
  const [drill, setDrill] = useState<{ metric: DrillMetric; label: string } | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const valid = isValidRange(filters.from, filters.to);
  const query = kpiQuery(filters);
  const queryKey = JSON.stringify(query);
  const kpis = useResource(async () => (valid ? api.get<KpiResponse>('/api/analytics/kpis', { ...query }) : undefined), [queryKey, valid]);
  const drillRes = useResource(
    async () => (drill && valid ? api.get<DrillDownResponse>('/api/analytics/conversations', { metric: drill.metric, ...query, limit: 100 }) : undefined),
    [drill?.metric, queryKey, valid],
  );

  const set = (patch: Partial<DashboardFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const k = kpis.data;
  const cards = useMemo(() => (k ? kpiCards(k, t, locale) : []), [k, locale]);
  const activePreset = PRESETS.find((d) => {
    const r = presetRange(d, new Date());
    return r.from === filters.from && r.to === filters.to;
  });
  const missing = kpis.error instanceof ApiError && kpis.error.missing;

  const exportCsv = async () => {
    setExportError(null);
    try {
      const blob = await api.blob(KPI_CSV_PATH, { ...query });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `teller-kpis-${filters.from}-${filters.to}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      setExportError(err);
    }
  };

  const routeSeries = k ? topEntries(k.volumes?.byRoute, 8) : null;
  const intentSeries = k ? topEntries(k.volumes?.byIntent, 10) : null;
  const categorySeries = k ? topEntries(k.volumes?.byCategory, 10) : null;

  return (
    <div class="dashboard" data-testid="dashboard">
      <div class="dash-head">
        <h1 class="page-title">{t('dash.heading')}</h1>
        <div class="dash-filters">
          <div class="segmented" role="group" aria-label={t('dash.range')}>
            {PRESETS.map((d) => (
              <button
                type="button"
                key={d}
                class={`segmented-btn${activePreset === d ? ' segmented-btn--on' : ''}`}
                aria-pressed={activePreset === d}
                onClick={() => set(presetRange(d, new Date()))}
                data-testid={`dash-preset-${d}`}
              >
                {t(`dash.preset.${d}` as MessageKey)}
              </button>
            ))}
          </div>
          <Field label={t('dash.from')}>
            <input type="date" value={filters.from} max={filters.to} onChange={(e) => set({ from: e.currentTarget.value })} data-testid="dash-from" />
          </Field>
          <Field label={t('dash.to')}>
            <input type="date" value={filters.to} min={filters.from} onChange={(e) => set({ to: e.currentTarget.value })} data-testid="dash-to" />
          </Field>
          <Field label={t('dash.channel')}>
            <select value={filters.channel} onChange={(e) => set({ channel: e.currentTarget.value })} data-testid="dash-channel">
              <option value="">{t('common.all')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {labelOf(locale, 'channel', c)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('dash.language')}>
            <select value={filters.locale} onChange={(e) => set({ locale: e.currentTarget.value as '' | Locale })} data-testid="dash-locale">
              <option value="">{t('common.all')}</option>
              <option value="zh-CN">{labelOf(locale, 'locale', 'zh-CN')}</option>
              <option value="en">{labelOf(locale, 'locale', 'en')}</option>
            </select>
          </Field>
          <Field label={t('dash.segment')}>
            <select value={filters.segment} onChange={(e) => set({ segment: e.currentTarget.value as '' | Segment })} data-testid="dash-segment">
              <option value="">{t('common.all')}</option>
              {(['ordinary', 'key', 'vip'] as const).map((s) => (
                <option key={s} value={s}>
                  {labelOf(locale, 'segment', s)}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" class="btn btn--small" onClick={exportCsv} disabled={!valid || missing} data-testid="dash-export">
            {t('dash.export')}
          </button>
        </div>
      </div>

      {!valid && <Banner tone="warning">{t('dash.rangeInvalid')}</Banner>}
      {exportError != null && (exportError instanceof ApiError && exportError.missing ? <NotAvailable t={t} path={KPI_CSV_PATH} testid="export-not-available" /> : <Banner tone="error">{t('common.error', { message: String((exportError as Error).message ?? exportError) })}</Banner>)}
      <LoadState t={t} error={kpis.error} loading={kpis.loading && !k} path="/api/analytics/kpis" onRetry={() => void kpis.reload()} />

      {k && !missing && (
        <div class={kpis.loading ? 'is-refreshing' : ''} data-testid="dash-content" data-range={`${k.range?.from ?? filters.from}..${k.range?.to ?? filters.to}`}>
          {isEmptyKpis(k) && <Banner tone="info">{t('dash.noData')}</Banner>}
          <p class="muted small">{t('dash.drillHint')}</p>
          <div class="kpi-grid">
            {cards.map((c) => (
              <button
                type="button"
                key={c.id}
                class={`kpi${c.tone ? ` kpi--${c.tone}` : ''}${drill?.metric === c.metric ? ' kpi--selected' : ''}`}
                onClick={() => setDrill(drill?.metric === c.metric ? null : { metric: c.metric, label: t(c.label) })}
                data-testid={`kpi-${c.id}`}
                data-value={c.raw ?? ''}
              >
                <span class="kpi-label">{t(c.label)}</span>
                <span class="kpi-value">{c.value}</span>
                {c.detail && <span class="kpi-detail">{c.detail}</span>}
              </button>
            ))}
          </div>

          {drill && (
            <section class="card drill" data-testid="drilldown" data-metric={drill.metric}>
              <div class="card-head">
                <h2 class="card-title">{t('dash.drill', { metric: drill.label })}</h2>
                <button type="button" class="btn btn--small" onClick={() => setDrill(null)}>
                  {t('dash.drillClose')}
                </button>
              </div>
              <LoadState t={t} error={drillRes.error} loading={drillRes.loading} path="/api/analytics/conversations" />
              {drillRes.data && !drillRes.loading && <DrillTable data={drillRes.data} />}
            </section>
          )}

          <div class="chart-grid">
            <section class="card">
              <h2 class="card-title">{t('dash.chart.csat')}</h2>
              <ChartCanvas type="bar" testid="chart-csat" label={t('dash.csat')} {...csatSeries(k.csat?.distribution)} colors={['#a4556c', '#d07b4a', '#b8b2a0', '#5b8cc7', '#0b4f9c']} />
            </section>
            <section class="card">
              <h2 class="card-title">{t('dash.chart.route')}</h2>
              {routeSeries?.labels.length ? (
                <ChartCanvas type="doughnut" testid="chart-route" label={t('dash.chart.route')} labels={routeSeries.labels.map((r) => labelOf(locale, 'route', r))} values={routeSeries.values} />
              ) : (
                <Empty>{t('dash.noData')}</Empty>
              )}
            </section>
            <section class="card">
              <h2 class="card-title">{t('dash.chart.sla')}</h2>
              <ChartCanvas type="bar" testid="chart-sla" label={t('dash.sla')} percent {...slaSeries(k.slaCompliance, t)} colors={['#3f8f7a']} />
            </section>
            <section class="card card--wide">
              <h2 class="card-title">{t('dash.chart.intent')}</h2>
              {intentSeries?.labels.length ? (
                <ChartCanvas type="bar" horizontal testid="chart-intent" label={t('dash.conversations')} {...intentSeries} height={Math.max(180, intentSeries.labels.length * 26)} />
              ) : (
                <Empty>{t('dash.noData')}</Empty>
              )}
            </section>
            <section class="card">
              <h2 class="card-title">{t('dash.chart.category')}</h2>
              {categorySeries?.labels.length ? (
                <ChartCanvas type="bar" testid="chart-category" label={t('nav.complaints')} labels={categorySeries.labels.map((c) => labelOf(locale, 'category', c))} values={categorySeries.values} colors={['#c8a15a']} />
              ) : (
                <Empty>{t('dash.noData')}</Empty>
              )}
            </section>
          </div>

          <section class="card" data-testid="top-unanswered">
            <h2 class="card-title">{t('dash.unanswered')}</h2>
            {k.topUnanswered?.length ? (
              <table class="table">
                <thead>
                  <tr>
                    <th>{t('dash.question')}</th>
                    <th class="num">{t('dash.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {k.topUnanswered.map((q, i) => (
                    <tr key={`${i}-${q.text}`}>
                      <td>{q.text}</td>
                      <td class="num">{formatNumber(q.count, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty>{t('dash.unansweredEmpty')}</Empty>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function DrillTable(props: { data: DrillDownResponse }) {
  const { t, locale } = useConsole();
  const rows = props.data.conversations;
  if (!rows.length) return <Empty>{t('dash.drillEmpty')}</Empty>;
  return (
    <div class="table-scroll">
      <table class="table" data-testid="drilldown-table">
        <thead>
          <tr>
            <th>{t('dash.col.started')}</th>
            <th>{t('dash.col.channel')}</th>
            <th>{t('dash.col.language')}</th>
            <th>{t('dash.col.route')}</th>
            <th>{t('dash.col.intent')}</th>
            <th class="num">{t('dash.col.csat')}</th>
            <th>{t('dash.col.preview')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="drilldown-row">
              <td>
                <a href={routeHref({ view: 'transcript', conversationId: r.id })}>{formatTime(r.startedAt ?? r.createdAt) || r.id.slice(0, 8)}</a>
              </td>
              <td>{labelOf(locale, 'channel', r.channel)}</td>
              <td>{labelOf(locale, 'locale', r.locale)}</td>
              <td>{labelOf(locale, 'route', r.route)}</td>
              <td>{r.intent ?? ''}</td>
              <td class="num">{r.csat ?? ''}</td>
              <td class="ellipsis">{r.preview ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {typeof props.data.total === 'number' && props.data.total > rows.length && (
        <p class="muted small">
          {rows.length} / {props.data.total}
        </p>
      )}
    </div>
  );
}
