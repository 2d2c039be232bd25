// The supervisor's desk: queue load per language, every live conversation, resolutions waiting for
// approval (approve / reject in place), missed service clocks and crisis alerts from the notice inbox.
import { useEffect, useState } from 'preact/hooks';
import type { ComplaintDetail, ComplaintListResponse, HandoffListResponse, Notice, NoticeListResponse, QueueStatsResponse } from '../api-types.js';
import { transitionError } from '../complaint-forms.js';
import { formatDate, formatDuration, formatTime, secondsSince } from '../format.js';
import { labelOf } from '../i18n.js';
import { routeHref } from '../route.js';
import { useConsole, useNow } from './console-context.js';
import { Banner, Empty, LoadState } from './ui.js';
import { useDebounced, useResource } from './use-resource.js';

const POLL_MS = 30_000;

export function SupervisorView() {
  const { api, t, locale, feed } = useConsole();
  const stats = useResource(() => api.get<QueueStatsResponse>('/api/agent/handoffs/stats'), []);
  const active = useResource(() => api.get<HandoffListResponse>('/api/agent/handoffs', { status: 'active' }), []);
  const approvals = useResource(() => api.get<ComplaintListResponse>('/api/complaints', { status: 'resolution_proposed', limit: 100 }), []);
  const notices = useResource(() => api.get<NoticeListResponse>('/api/complaints/notices', { limit: 200 }), []);
  const now = useNow(10_000);
  const [result, setResult] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = useDebounced(() => {
    void stats.reload(true);
    void active.reload(true);
    void approvals.reload(true);
    void notices.reload(true);
  }, 300);

  useEffect(() => {
    const off = feed.on((e) => {
      if (e.type.startsWith('handoff.')) refresh();
    });
    const poll = setInterval(refresh, POLL_MS);
    return () => {
      off();
      clearInterval(poll);
    };
  }, []);

  // Bull Board authenticates by a cookie the server sets for this browser; then it opens in a new tab.
  const openQueueBoard = async () => {
    try {
      const { url } = await api.post<{ url: string }>('/api/ops/queue-board/session');
      window.open(url, '_blank', 'noopener');
    } catch (err) {
      setResult({ tone: 'error', text: (err as Error).message });
    }
  };

  const decide = async (reference: string, to: 'approved' | 'rejected') => {
    setBusy(reference);
    setResult(null);
    try {
      const updated = await api.post<ComplaintDetail>(`/api/complaints/${encodeURIComponent(reference)}/transitions`, { to });
      setResult({ tone: 'success', text: `${reference}: ${t('cmp.done', { status: labelOf(locale, 'status', updated.status) })}` });
      void approvals.reload(true);
    } catch (err) {
      setResult({ tone: 'error', text: `${reference}: ${transitionError(err, t)}` });
    } finally {
      setBusy(null);
    }
  };

  const byKind = (kind: string): Notice[] => (notices.data?.notices ?? []).filter((n) => n.kind === kind);
  const noticeList = (items: Notice[], empty: string, testid: string) => (
    <>
      <LoadState t={t} error={notices.error} loading={notices.loading && !notices.data} path="/api/complaints/notices" />
      {notices.data &&
        (items.length ? (
          <ul class="notice-list" data-testid={testid}>
            {items.map((n) => (
              <li key={n.id} class="notice">
                <div class="notice-text">{n.text}</div>
                <div class="notice-meta">
                  <time>{formatTime(n.createdAt)}</time>
                  {n.complaint && <a href={routeHref({ view: 'complaints', reference: n.complaint })}>{n.complaint}</a>}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{empty}</Empty>
        ))}
    </>
  );

  return (
    <div class="board" data-testid="supervisor-view">
      {result && (
        <div class="board-banner">
          <Banner tone={result.tone} onDismiss={() => setResult(null)} testid="supervisor-result">
            {result.text}
          </Banner>
        </div>
      )}
      <section class="card" data-testid="sup-load">
        <h2 class="card-title">{t('sup.load')}</h2>
        <button type="button" class="btn" data-testid="open-queue-board" onClick={openQueueBoard}>
          {t('sup.queueBoard')}
        </button>
        <LoadState t={t} error={stats.error} loading={stats.loading && !stats.data} path="/api/agent/handoffs/stats" />
        {stats.data && (
          <div class="load-grid">
            {stats.data.languages.map((l) => (
              <div key={l.locale} class={`load-tile${l.waiting > Math.max(1, l.agentsOnline) * 3 ? ' load-tile--hot' : ''}`}>
                <div class="load-lang">{labelOf(locale, 'locale', l.locale)}</div>
                <div class="load-number">{l.waiting}</div>
                <div class="muted small">{t('sup.waitingIn', { n: l.waiting, agents: l.agentsOnline })}</div>
              </div>
            ))}
          </div>
        )}
      </section>

      <section class="card card--crisis" data-testid="sup-crisis">
        <h2 class="card-title">{t('sup.crisis')}</h2>
        {noticeList(byKind('staff.crisis_alert'), t('sup.crisisEmpty'), 'crisis-list')}
      </section>

      <section class="card" data-testid="sup-approvals">
        <h2 class="card-title">
          {t('sup.approvals')} <span class="count">{approvals.data?.complaints.length ?? 0}</span>
        </h2>
        <LoadState t={t} error={approvals.error} loading={approvals.loading && !approvals.data} path="/api/complaints?status=resolution_proposed" />
        {approvals.data &&
          (approvals.data.complaints.length ? (
            <ul class="approval-list">
              {approvals.data.complaints.map((c) => (
                <li key={c.reference} class="approval" data-testid="approval-item" data-reference={c.reference}>
                  <div>
                    <a class="record-ref" href={routeHref({ view: 'complaints', reference: c.reference })}>
                      {c.reference}
                    </a>
                    <div class="muted small">
                      {labelOf(locale, 'category', c.category)} · {labelOf(locale, 'severity', c.severity)} · {t('cmp.due')} {formatDate(c.dueAt)}
                      {c.assignedAgent ? ` · ${c.assignedAgent.name}` : ''}
                    </div>
                  </div>
                  <div class="approval-actions">
                    <button type="button" class="btn btn--small btn--primary" disabled={busy === c.reference} onClick={() => void decide(c.reference, 'approved')} data-testid="approve">
                      {t('sup.approve')}
                    </button>
                    <a class="btn btn--small" href={routeHref({ view: 'complaints', reference: c.reference })} data-testid="reject">
                      {t('sup.reject')}
                    </a>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('sup.approvalsEmpty')}</Empty>
          ))}
      </section>

      <section class="card" data-testid="sup-missed">
        <h2 class="card-title">{t('sup.missedClocks')}</h2>
        {noticeList(byKind('staff.clock_breached'), t('sup.missedEmpty'), 'missed-list')}
      </section>

      <section class="card card--wide" data-testid="sup-active">
        <h2 class="card-title">
          {t('sup.active')} <span class="count">{active.data?.handoffs.length ?? 0}</span>
        </h2>
        <LoadState t={t} error={active.error} loading={active.loading && !active.data} path="/api/agent/handoffs?status=active" />
        {active.data &&
          (active.data.handoffs.length ? (
            <table class="table">
              <tbody>
                {active.data.handoffs.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <a href={routeHref({ view: 'queue', conversationId: h.conversationId })}>{h.context.customer?.name || h.context.customer?.externalId || t('ctx.anonymous')}</a>
                    </td>
                    <td>{labelOf(locale, 'reason', h.reason)}</td>
                    <td>{labelOf(locale, 'locale', h.locale)}</td>
                    <td class="muted">{t('sup.heldBy', { id: (h.agentId ?? '').slice(0, 8) })}</td>
                    <td class="num">{formatDuration(secondsSince(h.claimedAt ?? h.createdAt, now), t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('sup.activeEmpty')}</Empty>
          ))}
      </section>
    </div>
  );
}
