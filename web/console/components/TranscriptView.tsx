// A conversation's read-only record (#/t/<id>), for supervisors and the agent who handled it: the
// transcript with how each customer message was routed, then its facts, handoffs, complaints and
// ratings. Any conversation opens here, bot-only ones included; the dashboard's drill-down links
// here, and a conversation with a handoff links on to the agent view. Text is rendered as text.
import type { TranscriptRecordResponse } from '../api-types.js';
import { ApiError } from '../api.js';
import { formatPercent, formatTime } from '../format.js';
import { labelOf } from '../i18n.js';
import { routeHref } from '../route.js';
import { hasRole } from '../session.js';
import { useConsole } from './console-context.js';
import { Banner, Empty, LoadState } from './ui.js';
import { useResource } from './use-resource.js';

export function TranscriptView(props: { conversationId: string }) {
  const { api, t, locale, session } = useConsole();
  const id = props.conversationId;
  const path = `/api/agent/conversations/${encodeURIComponent(id)}/transcript`;
  const res = useResource(() => api.get<TranscriptRecordResponse>(path), [id]);
  const supervisor = hasRole(session.role, 'supervisor');
  const back = supervisor ? { href: routeHref({ view: 'dashboard' }), label: t('rec.backToDashboard') } : { href: routeHref({ view: 'queue' }), label: t('common.back') };
  const backLink = (
    <a class="conv-record-back" href={back.href} data-testid="record-back">
      ← {back.label}
    </a>
  );

  const r = res.data;
  if (!r) {
    const status = res.error instanceof ApiError ? res.error.status : 0;
    return (
      <div class="conv-record" data-testid="transcript-view" data-state="unavailable">
        {backLink}
        {status === 403 ? (
          <Banner tone="warning" testid="record-forbidden">
            {t('rec.noAccess')}
          </Banner>
        ) : status === 404 ? (
          <Banner tone="warning" testid="record-not-found">
            {t('conv.notFound')}
          </Banner>
        ) : (
          <LoadState t={t} error={res.error} loading={res.loading} path="/api/agent/conversations/:id/transcript" onRetry={() => void res.reload()} />
        )}
      </div>
    );
  }

  const c = r.conversation;
  return (
    <div class="conv-record" data-testid="transcript-view" data-conversation-id={c.id} data-state={c.state}>
      <header class="conv-record-header">
        {backLink}
        <div class="conv-record-title">
          <h1 class="page-title">{t('rec.heading')}</h1>
          <span class="conv-record-id muted small" title={c.id}>
            {c.id.slice(0, 8)}
          </span>
        </div>
        <div class="chips">
          <span class="pill pill--neutral">{labelOf(locale, 'channel', c.channel)}</span>
          <span class="pill pill--neutral">{labelOf(locale, 'locale', c.locale)}</span>
          <span class="pill pill--neutral" data-testid="record-state">
            {labelOf(locale, 'cstate', c.state)}
          </span>
          {c.urgent && <span class="badge badge--danger">{t('badge.urgent')}</span>}
        </div>
        <p class="muted small conv-record-note">{t('rec.readOnly')}</p>
      </header>

      <div class="conv-record-body">
        <section class="card conv-record-transcript">
          <h2 class="card-title">{t('conv.transcript')}</h2>
          {r.truncated && <Banner tone="info">{t('rec.truncated', { n: r.messages.length })}</Banner>}
          <div class="conv-record-messages" data-testid="record-transcript">
            {r.messages.map((m) => (
              <div key={m.id} class={`msg msg--${m.author}`} data-testid="record-message" data-author={m.author}>
                <div class="msg-meta">
                  <span class="msg-author">{t(`author.${m.author}` as 'author.customer')}</span>
                  <time class="msg-time" dateTime={m.createdAt}>
                    {formatTime(m.createdAt)}
                  </time>
                </div>
                <div class="msg-text">{m.text}</div>
                {m.author === 'customer' && m.route && (
                  <div class="msg-route" data-testid="record-route" data-route={m.route} data-intent={m.intent ?? ''}>
                    <span class="tag tag--primary">{labelOf(locale, 'route', m.route)}</span>
                    {m.intent && <span class="tag">{m.intent}</span>}
                    {m.confidence !== null && <span class="muted">{t('rec.confidence', { n: formatPercent(m.confidence, 0) })}</span>}
                  </div>
                )}
              </div>
            ))}
          </div>
        </section>

        <aside class="conv-record-side">
          <section class="card">
            <dl class="facts">
              <dt>{t('rec.started')}</dt>
              <dd>{formatTime(c.createdAt)}</dd>
              <dt>{t('rec.lastMessage')}</dt>
              <dd>{formatTime(c.lastMessageAt)}</dd>
              {c.closedAt && (
                <>
                  <dt>{t('rec.ended')}</dt>
                  <dd>{formatTime(c.closedAt)}</dd>
                </>
              )}
              <dt>{t('rec.resolvedBy')}</dt>
              <dd data-testid="record-resolved-by">{labelOf(locale, 'resolved', c.resolvedBy) || t('common.none')}</dd>
              <dt>{t('rec.customer')}</dt>
              <dd>
                {c.customer ? labelOf(locale, 'segment', c.customer.segment) : t('common.none')}
                {c.customer?.vulnerable && <span class="badge badge--warning">{t('rec.vulnerable')}</span>}
              </dd>
            </dl>
          </section>

          <section class="card" data-testid="record-handoffs">
            <h2 class="card-title">{t('rec.handoffs')}</h2>
            {r.handoffs.length ? (
              <>
                <ul class="conv-record-list">
                  {r.handoffs.map((h) => (
                    <li key={h.id} class="conv-record-item" data-testid="record-handoff" data-status={h.status}>
                      <div class="conv-record-item-top">
                        <span class="pill pill--neutral">{labelOf(locale, 'hstatus', h.status)}</span>
                        <span>{labelOf(locale, 'reason', h.reason)}</span>
                      </div>
                      <div class="muted small">
                        {t('rec.requested', { time: formatTime(h.createdAt) })}
                        {h.agent && ` · ${t('rec.agent', { name: h.agent.name })}`}
                        {h.disposition && ` · ${labelOf(locale, 'disposition', h.disposition)}`}
                      </div>
                    </li>
                  ))}
                </ul>
                <a class="btn btn--small" href={routeHref({ view: 'queue', conversationId: c.id })} data-testid="record-open-agent-view">
                  {t('rec.openAgentView')}
                </a>
              </>
            ) : (
              <Empty>{t('rec.noHandoffs')}</Empty>
            )}
          </section>

          <section class="card" data-testid="record-complaints">
            <h2 class="card-title">{t('rec.complaints')}</h2>
            {r.complaints.length ? (
              <ul class="conv-record-list">
                {r.complaints.map((k) => (
                  <li key={k.reference} class="conv-record-item">
                    <a class="ref-link" href={routeHref({ view: 'complaints', reference: k.reference })} data-testid="record-complaint">
                      {k.reference}
                    </a>
                    <div class="chips">
                      <span class={`pill pill--sev-${k.severity}`}>{labelOf(locale, 'severity', k.severity)}</span>
                      <span class="pill pill--neutral">{labelOf(locale, 'status', k.status)}</span>
                      <span class="pill pill--neutral">{labelOf(locale, 'category', k.category)}</span>
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('rec.noComplaints')}</Empty>
            )}
          </section>

          <section class="card" data-testid="record-ratings">
            <h2 class="card-title">{t('rec.ratings')}</h2>
            {r.ratings.length ? (
              <ul class="conv-record-list">
                {r.ratings.map((x, i) => (
                  <li key={`${x.createdAt}-${i}`} class="conv-record-item" data-testid="record-rating" data-kind={x.kind} data-score={x.score}>
                    <div class="conv-record-item-top">
                      <strong>
                        {labelOf(locale, 'rating', x.kind)} {x.score}
                        {x.kind === 'csat' ? ' / 5' : ' / 10'}
                      </strong>
                      <time class="muted small">{formatTime(x.createdAt)}</time>
                    </div>
                    {x.comment && <p class="prewrap conv-record-comment">{x.comment}</p>}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('rec.noRatings')}</Empty>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
