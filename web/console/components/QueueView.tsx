// The live queue (waiting customers in the server's priority order, the agent's own conversations,
// and for supervisors everyone's) beside the selected conversation. Refreshed by the live feed, with
// a slow poll as a safety net.
import { useEffect } from 'preact/hooks';
import type { Handoff, HandoffListResponse } from '../api-types.js';
import { badgesFor, lastCustomerText } from '../badges.js';
import { formatDuration, secondsSince } from '../format.js';
import { labelOf } from '../i18n.js';
import { routeHref } from '../route.js';
import { hasRole } from '../session.js';
import { useConsole, useNow } from './console-context.js';
import { ConversationView } from './ConversationView.js';
import { Badge, Empty, LoadState } from './ui.js';
import { useDebounced, useResource } from './use-resource.js';

const POLL_MS = 20_000;

export function QueueView(props: { conversationId?: string }) {
  const { api, t, locale, session, feed } = useConsole();
  const supervisor = hasRole(session.role, 'supervisor');
  const waiting = useResource(() => api.get<HandoffListResponse>('/api/agent/handoffs', { status: 'waiting' }), []);
  const active = useResource(() => api.get<HandoffListResponse>('/api/agent/handoffs', { status: 'active' }), []);
  const now = useNow(5000);

  const refresh = useDebounced(() => {
    void waiting.reload(true);
    void active.reload(true);
  }, 250);

  useEffect(() => {
    const off = feed.on((e) => {
      // Queue changes, and new customer words for the previews of the conversations held here.
      if (e.type.startsWith('handoff.') || e.type === 'customer.message') refresh();
    });
    const poll = setInterval(refresh, POLL_MS);
    return () => {
      off();
      clearInterval(poll);
    };
  }, []);

  const mine = (active.data?.handoffs ?? []).filter((h) => h.agentId === session.agent.id);
  const others = (active.data?.handoffs ?? []).filter((h) => h.agentId !== session.agent.id);

  const row = (h: Handoff, index: number | null) => {
    const selected = props.conversationId === h.conversationId;
    const since = h.status === 'waiting' ? h.createdAt : (h.claimedAt ?? h.createdAt);
    const who = h.context.customer?.name || h.context.customer?.externalId || t('ctx.anonymous');
    return (
      <li key={h.id}>
        <a
          href={routeHref({ view: 'queue', conversationId: h.conversationId })}
          class={`queue-item${selected ? ' queue-item--selected' : ''}${h.context.urgent ? ' queue-item--urgent' : ''}`}
          data-testid="queue-item"
          data-handoff-id={h.id}
          data-conversation-id={h.conversationId}
          data-status={h.status}
          aria-current={selected ? 'true' : undefined}
        >
          <div class="queue-item-top">
            {index !== null && <span class="queue-pos">{t('queue.position', { n: h.queuePosition ?? index + 1 })}</span>}
            <span class="queue-who">{who}</span>
            <span class="queue-wait" title={since}>
              {h.status === 'waiting' ? t('queue.waited', { time: formatDuration(secondsSince(since, now), t) }) : formatDuration(secondsSince(since, now), t)}
            </span>
          </div>
          <div class="queue-badges">
            {badgesFor(h).map((b) => (
              <Badge key={b.kind} badge={b} t={t} locale={locale} />
            ))}
            <span class="queue-meta">
              {labelOf(locale, 'locale', h.locale)} · {labelOf(locale, 'channel', h.context.channel)}
            </span>
          </div>
          <div class="queue-reason">{labelOf(locale, 'reason', h.reason)}</div>
          <div class="queue-preview">{lastCustomerText(h)}</div>
        </a>
      </li>
    );
  };

  return (
    <div class={`queue-layout${props.conversationId ? ' queue-layout--has-selection' : ''}`}>
      <aside class="queue-panel" aria-label={t('queue.waiting')}>
        <section class="queue-section" data-testid="queue-waiting">
          <h2 class="section-title">
            {t('queue.waiting')} <span class="count">{waiting.data?.handoffs.length ?? 0}</span>
          </h2>
          <LoadState t={t} error={waiting.error} loading={waiting.loading && !waiting.data} path="/api/agent/handoffs" onRetry={() => void waiting.reload()} />
          {waiting.data &&
            (waiting.data.handoffs.length ? <ul class="queue-list">{waiting.data.handoffs.map((h, i) => row(h, i))}</ul> : <Empty testid="queue-empty">{t('queue.empty')}</Empty>)}
        </section>
        <section class="queue-section" data-testid="queue-mine">
          <h2 class="section-title">
            {t('queue.mine')} <span class="count">{mine.length}</span>
          </h2>
          <LoadState t={t} error={active.error} loading={active.loading && !active.data} path="/api/agent/handoffs" />
          {active.data && (mine.length ? <ul class="queue-list">{mine.map((h) => row(h, null))}</ul> : <Empty>{t('queue.mineEmpty')}</Empty>)}
        </section>
        {supervisor && others.length > 0 && (
          <section class="queue-section" data-testid="queue-others">
            <h2 class="section-title">
              {t('queue.active')} <span class="count">{others.length}</span>
            </h2>
            <ul class="queue-list">{others.map((h) => row(h, null))}</ul>
          </section>
        )}
      </aside>
      <section class="conversation-area">
        {props.conversationId ? (
          <ConversationView key={props.conversationId} conversationId={props.conversationId} onChanged={refresh} />
        ) : (
          <div class="placeholder">
            <p>{t('queue.select')}</p>
          </div>
        )}
      </section>
    </div>
  );
}
