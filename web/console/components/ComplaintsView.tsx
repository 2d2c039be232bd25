// Complaints: filter by status and severity, read one with its clocks and history, and move it along
// the workflow with the buttons the server says the agent's role may use.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { COMPLAINT_STATUSES, SEVERITIES, type ComplaintDetail, type ComplaintListResponse } from '../api-types.js';
import { ApiError } from '../api.js';
import { fieldsFor, missingField, transitionError } from '../complaint-forms.js';
import { formatAmount, formatDate, formatTime } from '../format.js';
import { labelOf } from '../i18n.js';
import { routeHref } from '../route.js';
import { useConsole } from './console-context.js';
import { Banner, Empty, Field, LoadState } from './ui.js';
import { useResource } from './use-resource.js';

/** Who made a change: the agent's name, or "customer" / "system" rather than raw actor ids. */
function actorName(by: string, byName: string | null | undefined, t: ReturnType<typeof useConsole>['t']): string {
  if (byName) return byName;
  if (by.startsWith('customer:')) return t('author.customer');
  if (by === 'system' || by.startsWith('system:')) return t('author.system');
  return by;
}

export function ComplaintsView(props: { reference?: string }) {
  const { api, t, locale } = useConsole();
  const [status, setStatus] = useState('');
  const [severity, setSeverity] = useState('');
  const list = useResource(() => api.get<ComplaintListResponse>('/api/complaints', { status, severity, limit: 100 }), [status, severity]);
  const now = Date.now();

  return (
    <div class={`split-layout${props.reference ? ' split-layout--has-selection' : ''}`}>
      <section class="list-panel">
        <div class="filters" aria-label={t('cmp.filters')}>
          <Field label={t('cmp.status')}>
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} data-testid="complaint-filter-status">
              <option value="">{t('common.all')}</option>
              {COMPLAINT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labelOf(locale, 'status', s)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('cmp.severity')}>
            <select value={severity} onChange={(e) => setSeverity(e.currentTarget.value)} data-testid="complaint-filter-severity">
              <option value="">{t('common.all')}</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {labelOf(locale, 'severity', s)}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" class="btn btn--small" onClick={() => void list.reload()}>
            {t('common.refresh')}
          </button>
        </div>
        <LoadState t={t} error={list.error} loading={list.loading && !list.data} path="/api/complaints" onRetry={() => void list.reload()} />
        {list.data &&
          (list.data.complaints.length ? (
            <ul class="record-list" data-testid="complaint-list">
              {list.data.complaints.map((c) => {
                const overdue = Date.parse(c.dueAt) < now && !['resolved', 'follow_up', 'closed'].includes(c.status);
                return (
                  <li key={c.reference}>
                    <a
                      href={routeHref({ view: 'complaints', reference: c.reference })}
                      class={`record${props.reference === c.reference ? ' record--selected' : ''}`}
                      data-testid="complaint-item"
                      data-reference={c.reference}
                    >
                      <div class="record-top">
                        <span class="record-ref">{c.reference}</span>
                        <span class={`pill pill--sev-${c.severity}`}>{labelOf(locale, 'severity', c.severity)}</span>
                      </div>
                      <div class="record-mid">
                        <span>{labelOf(locale, 'category', c.category)}</span>
                        <span class="pill pill--neutral">{labelOf(locale, 'status', c.status)}</span>
                      </div>
                      <div class={`record-due${overdue ? ' record-due--overdue' : ''}`}>
                        {t('cmp.due')}: {formatDate(c.dueAt)}
                        {c.assignedAgent ? ` · ${c.assignedAgent.name}` : ''}
                      </div>
                    </a>
                  </li>
                );
              })}
            </ul>
          ) : (
            <Empty>{t('cmp.empty')}</Empty>
          ))}
      </section>
      <section class="detail-panel">
        {props.reference ? (
          <ComplaintDetailPanel key={props.reference} reference={props.reference} onChanged={() => void list.reload(true)} />
        ) : (
          <div class="placeholder">
            <p>{t('cmp.select')}</p>
          </div>
        )}
      </section>
    </div>
  );
}

export function ComplaintDetailPanel(props: { reference: string; onChanged: () => void }) {
  const { api, t, locale } = useConsole();
  const path = `/api/complaints/${encodeURIComponent(props.reference)}`;
  const detail = useResource(() => api.get<ComplaintDetail>(path), [props.reference]);
  const [chosen, setChosen] = useState<{ name: string; to: string } | null>(null);
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState('');
  const [cause, setCause] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'error' | 'success' | 'warning'; text: string } | null>(null);

  const c = detail.data;
  if (!c) {
    if (detail.error instanceof ApiError && detail.error.status === 404 && !detail.error.missing) return <Banner tone="warning">{detail.error.message}</Banner>;
    return <LoadState t={t} error={detail.error} loading={detail.loading} path="/api/complaints/:reference" onRetry={() => void detail.reload()} />;
  }

  const fields = chosen ? fieldsFor(chosen.name) : null;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!chosen) return;
    const missing = missingField(chosen.name, { note, resolution });
    if (missing) {
      setResult({ tone: 'warning', text: t('common.required', { field: missing === 'note' ? t('cmp.note') : t('cmp.resolution') }) });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const updated = await api.post<ComplaintDetail>(`${path}/transitions`, {
        to: chosen.to,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(fields?.resolution !== 'hidden' && resolution.trim() ? { resolution: resolution.trim() } : {}),
        ...(fields?.cause !== 'hidden' && cause.trim() ? { cause: cause.trim() } : {}),
      });
      detail.set(() => updated);
      setResult({ tone: 'success', text: t('cmp.done', { status: labelOf(locale, 'status', updated.status) }) });
      setChosen(null);
      setNote('');
      setResolution('');
      setCause('');
      props.onChanged();
    } catch (err) {
      setResult({ tone: 'error', text: transitionError(err, t) });
    } finally {
      setBusy(false);
    }
  };

  const clocks: Array<[string, string | undefined]> = [
    ['acknowledge', c.dueDates?.acknowledge],
    ['investigation', c.dueDates?.investigation],
    ['resolution', c.dueDates?.resolution ?? c.dueAt],
  ];

  return (
    <article class="complaint" data-testid="complaint-detail" data-reference={c.reference} data-status={c.status}>
      <header class="detail-header">
        <a class="back-link" href={routeHref({ view: 'complaints' })}>
          ← {t('common.back')}
        </a>
        <h1 class="detail-title">{c.reference}</h1>
        <div class="chips">
          <span class={`pill pill--sev-${c.severity}`}>{labelOf(locale, 'severity', c.severity)}</span>
          <span class="pill pill--neutral" data-testid="complaint-status">
            {labelOf(locale, 'status', c.status)}
          </span>
          <span class="pill pill--neutral">{labelOf(locale, 'category', c.category)}</span>
          {c.conversationId && (
            <a class="small" href={routeHref({ view: 'transcript', conversationId: c.conversationId })}>
              {t('cmp.openConversation')}
            </a>
          )}
        </div>
      </header>

      {result && (
        <Banner tone={result.tone} testid="complaint-result" onDismiss={() => setResult(null)}>
          {result.text}
        </Banner>
      )}

      <div class="detail-grid">
        <section class="card">
          <h2 class="card-title">{t('cmp.description')}</h2>
          <p class="prewrap">{c.description || t('common.none')}</p>
          <dl class="facts">
            <dt>{t('cmp.amount')}</dt>
            <dd>{formatAmount(c.amount, c.currency, locale)}</dd>
            <dt>{t('cmp.desiredOutcome')}</dt>
            <dd class="prewrap">{c.desiredOutcome || t('common.none')}</dd>
            <dt>{t('cmp.created')}</dt>
            <dd>{formatTime(c.createdAt)}</dd>
            <dt>{t('cmp.assigned')}</dt>
            <dd>{c.assignedAgent?.name ?? t('common.none')}</dd>
            {c.resolution && (
              <>
                <dt>{t('cmp.resolution')}</dt>
                <dd class="prewrap">{c.resolution}</dd>
              </>
            )}
          </dl>
        </section>

        <section class="card">
          <h2 class="card-title">{t('cmp.dueDates')}</h2>
          <dl class="facts">
            {clocks.map(([clock, at]) => (
              <Fragment key={clock}>
                <dt>{t(`cmp.clock.${clock}` as 'cmp.clock.resolution')}</dt>
                <dd>{formatTime(at) || t('common.none')}</dd>
              </Fragment>
            ))}
          </dl>
          {(c.breaches ?? []).map((b) => (
            <p key={`${b.clock}-${b.dueAt}`} class="breach" data-testid="complaint-breach">
              {t('cmp.breached', { clock: labelOf(locale, 'cmp.clock', b.clock), date: formatTime(b.dueAt) })}
            </p>
          ))}
        </section>

        <section class="card card--actions">
          <h2 class="card-title">{t('cmp.actions')}</h2>
          {c.nextTransitions?.length ? (
            <div class="chips">
              {c.nextTransitions.map((n) => (
                <button
                  type="button"
                  key={n.name}
                  class={`btn btn--small${chosen?.name === n.name ? ' btn--primary' : ''}`}
                  onClick={() => setChosen(chosen?.name === n.name ? null : n)}
                  data-testid="complaint-transition"
                  data-transition={n.name}
                >
                  {labelOf(locale, 'tr', n.name)}
                </button>
              ))}
            </div>
          ) : (
            <p class="muted">{t('cmp.noActions')}</p>
          )}
          {chosen && fields && (
            <form class="form" onSubmit={submit} data-testid="complaint-transition-form">
              {fields.resolution !== 'hidden' && (
                <Field label={t('cmp.resolution')}>
                  <textarea rows={3} value={resolution} maxLength={4000} onInput={(e) => setResolution(e.currentTarget.value)} aria-required="true" data-testid="complaint-resolution" />
                </Field>
              )}
              {fields.cause !== 'hidden' && (
                <Field label={t('cmp.cause')}>
                  <input type="text" value={cause} maxLength={200} onInput={(e) => setCause(e.currentTarget.value)} />
                </Field>
              )}
              <Field label={t('cmp.note')}>
                <textarea rows={2} value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} aria-required={fields.note === 'required'} data-testid="complaint-note" />
              </Field>
              <div class="form-actions">
                <button type="button" class="btn" onClick={() => setChosen(null)}>
                  {t('common.cancel')}
                </button>
                <button type="submit" class="btn btn--primary" disabled={busy} data-testid="complaint-transition-submit">
                  {labelOf(locale, 'tr', chosen.name)}
                </button>
              </div>
            </form>
          )}
        </section>

        <section class="card card--wide">
          <h2 class="card-title">{t('cmp.history')}</h2>
          <ol class="timeline" data-testid="complaint-history">
            {c.history.map((h, i) => (
              <li key={`${h.at}-${i}`} class="timeline-item">
                <div class="timeline-head">
                  <span class="timeline-status">{labelOf(locale, 'status', h.status)}</span>
                  <time class="muted small">{formatTime(h.at)}</time>
                </div>
                <div class="muted small">{t('cmp.by', { name: actorName(h.by, h.byName, t) })}</div>
                {h.note && <p class="prewrap timeline-note">{h.note}</p>}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </article>
  );
}
