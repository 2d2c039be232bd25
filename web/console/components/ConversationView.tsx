// One conversation: header with the customer and the actions (claim, transfer, close), the transcript
// kept current by the live feed, the reply box while the agent holds it, and the context panel.
// At tablet widths the transcript and the context share the space through two tabs.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AgentConversationResponse, FeedEvent, HandoffResponse, LiveEnvelope, TranscriptEntry } from '../api-types.js';
import { ApiError } from '../api.js';
import { badgesFor } from '../badges.js';
import { formatTime } from '../format.js';
import { labelOf } from '../i18n.js';
import { routeHref } from '../route.js';
import { mergeTranscript } from '../transcript.js';
import { hasRole } from '../session.js';
import { CloseDialog, TransferDialog } from './HandoffDialogs.js';
import { ContextPanel } from './ContextPanel.js';
import { useConsole } from './console-context.js';
import { ReplyBox } from './ReplyBox.js';
import { Badge, Banner, LoadState } from './ui.js';
import { useDebounced, useResource } from './use-resource.js';

const CUSTOMER_TYPING_MS = 6000;

export function ConversationView(props: { conversationId: string; onChanged: () => void }) {
  const { api, t, locale, session, feed, live } = useConsole();
  const id = props.conversationId;
  const res = useResource(() => api.get<AgentConversationResponse>(`/api/agent/conversations/${encodeURIComponent(id)}`), [id]);
  const [extra, setExtra] = useState<TranscriptEntry[]>([]);
  const [customerTyping, setCustomerTyping] = useState(false);
  const [banner, setBanner] = useState<{ tone: 'error' | 'info' | 'success' | 'warning'; text: string; testid?: string } | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'close' | null>(null);
  const [busy, setBusy] = useState(false);
  const [pane, setPane] = useState<'transcript' | 'context'>('transcript');
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scroller = useRef<HTMLDivElement>(null);

  const refetch = useDebounced(() => void res.reload(true), 200);

  useEffect(() => {
    const offFeed = feed.on((e: FeedEvent) => {
      if (e.conversationId !== id) return;
      if (e.type === 'customer.typing') return showTyping(true);
      if (e.type === 'customer.message') showTyping(false);
      refetch();
    });
    const offLive = live.on((e: LiveEnvelope) => {
      if (e.conversationId !== id) return;
      const ev = e.event;
      if (ev.type === 'message') {
        if (ev.message.author === 'customer') showTyping(false);
        setExtra((prev) => (prev.some((m) => m.id === ev.message.id) ? prev : [...prev, ev.message]));
        refetch();
      } else if (ev.type === 'typing' && ev.author === 'customer') {
        showTyping(ev.typing);
      } else if (ev.type === 'state') {
        refetch();
      }
    });
    return () => {
      offFeed();
      offLive();
      clearTimeout(typingTimer.current);
    };
  }, [id]);

  function showTyping(on: boolean) {
    clearTimeout(typingTimer.current);
    setCustomerTyping(on);
    if (on) typingTimer.current = setTimeout(() => setCustomerTyping(false), CUSTOMER_TYPING_MS);
  }

  const data = res.data;
  const h = data?.handoff;
  const transcript = useMemo(() => mergeTranscript(h?.context.transcript ?? [], extra), [h, extra]);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [transcript.length, customerTyping]);

  // Another agent took it (or it was transferred away): an agent may no longer read it.
  if (res.error instanceof ApiError && res.error.status === 403) {
    return (
      <div class="conversation conversation--gone">
        <Banner tone="warning" testid="conversation-forbidden">
          {t('conv.noAccess')}
        </Banner>
        <a class="btn" href={routeHref({ view: 'queue' })}>
          {t('common.back')}
        </a>
      </div>
    );
  }
  if (!data || !h) {
    if (res.error instanceof ApiError && res.error.status === 404) return <Banner tone="warning">{t('conv.notFound')}</Banner>;
    return (
      <div class="conversation">
        <LoadState t={t} error={res.error} loading={res.loading} path="/api/agent/conversations/:id" onRetry={() => void res.reload()} />
      </div>
    );
  }

  const supervisor = hasRole(session.role, 'supervisor');
  const mine = h.status === 'active' && h.agentId === session.agent.id;
  const canAct = h.status === 'active' && (mine || supervisor);
  const ended = h.status === 'closed' || h.status === 'abandoned';
  const ctx = h.context;
  const who = ctx.customer?.name || ctx.customer?.externalId || t('ctx.anonymous');

  const afterAction = async (r: HandoffResponse | null, message?: typeof banner) => {
    if (r) res.set((prev) => (prev ? { ...prev, handoff: { ...r.handoff, context: r.handoff.context ?? prev.handoff.context } } : prev));
    if (message !== undefined) setBanner(message);
    props.onChanged();
    await res.reload(true);
  };

  const claim = async () => {
    setBusy(true);
    setBanner(null);
    try {
      const r = await api.post<HandoffResponse>(`/api/agent/handoffs/${encodeURIComponent(h.id)}/claim`);
      await afterAction(r);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) await afterAction(null, { tone: 'warning', text: t('conv.claimedByOther'), testid: 'claim-conflict' });
      else setBanner({ tone: 'error', text: t('common.error', { message: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setBusy(false);
    }
  };

  const authorLabel = (m: TranscriptEntry) =>
    m.author === 'agent' && m.agentId === session.agent.id ? t('author.you') : t(`author.${m.author}` as 'author.customer');

  return (
    <div class="conversation" data-testid="conversation" data-handoff-status={h.status} data-pane={pane}>
      <header class="conv-header">
        <a class="back-link" href={routeHref({ view: 'queue' })}>
          ← {t('common.back')}
        </a>
        <div class="conv-title">
          <h1 class="conv-who">{who}</h1>
          <div class="conv-badges">
            {badgesFor(h).map((b) => (
              <Badge key={b.kind} badge={b} t={t} locale={locale} />
            ))}
            <span class="pill pill--neutral" data-testid="handoff-status">
              {labelOf(locale, 'hstatus', h.status) || h.status}
            </span>
          </div>
        </div>
        <div class="conv-actions">
          {h.status === 'waiting' && (
            <button type="button" class="btn btn--primary" onClick={claim} disabled={busy} data-testid="claim">
              {busy ? t('conv.claiming') : t('conv.claim')}
            </button>
          )}
          {canAct && (
            <>
              <button type="button" class="btn" onClick={() => setDialog('transfer')} data-testid="transfer">
                {t('conv.transfer')}
              </button>
              <button type="button" class="btn btn--danger-outline" onClick={() => setDialog('close')} data-testid="close-handoff">
                {t('conv.close')}
              </button>
            </>
          )}
          {h.status === 'waiting' && supervisor && (
            <button type="button" class="btn btn--danger-outline" onClick={() => setDialog('close')} data-testid="close-handoff">
              {t('conv.close')}
            </button>
          )}
        </div>
      </header>
      <div class="pane-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={pane === 'transcript'} class={`pane-tab${pane === 'transcript' ? ' pane-tab--active' : ''}`} onClick={() => setPane('transcript')}>
          {t('conv.transcript')}
        </button>
        <button type="button" role="tab" aria-selected={pane === 'context'} class={`pane-tab${pane === 'context' ? ' pane-tab--active' : ''}`} onClick={() => setPane('context')} data-testid="context-tab">
          {t('conv.context')}
        </button>
      </div>
      {banner && (
        <Banner tone={banner.tone} testid={banner.testid ?? 'conversation-banner'} onDismiss={() => setBanner(null)}>
          {banner.text}
        </Banner>
      )}
      <div class="conv-body">
        <div class="conv-main">
          <div class="transcript" ref={scroller} data-testid="transcript" aria-live="polite">
            {transcript.map((m) => (
              <div key={m.id} class={`msg msg--${m.author}${m.author === 'agent' && m.agentId === session.agent.id ? ' msg--self' : ''}`} data-testid="console-message" data-author={m.author}>
                <div class="msg-meta">
                  <span class="msg-author">{authorLabel(m)}</span>
                  <time class="msg-time" dateTime={m.createdAt}>
                    {formatTime(m.createdAt)}
                  </time>
                </div>
                <div class="msg-text">{m.text}</div>
              </div>
            ))}
            {customerTyping && (
              <div class="typing" data-testid="customer-typing">
                <span class="typing-dots" aria-hidden="true">
                  <i />
                  <i />
                  <i />
                </span>
                {t('conv.customerTyping')}
              </div>
            )}
          </div>
          {h.status === 'waiting' && <div class="conv-footnote">{t('conv.waitingNote')}</div>}
          {h.status === 'active' && !canAct && <div class="conv-footnote">{t('conv.heldBy')}</div>}
          {ended && (
            <div class="conv-footnote conv-footnote--closed" data-testid="handoff-closed">
              {t('conv.closed', { disposition: labelOf(locale, 'disposition', h.disposition) || t('common.none') })}
            </div>
          )}
          {canAct && (
            <ReplyBox
              conversationId={id}
              conversationLocale={ctx.language}
              suggestions={ctx.suggestedReplies ?? []}
              onSent={(m) => setExtra((prev) => [...prev, m])}
            />
          )}
        </div>
        <ContextPanel handoff={h} />
      </div>
      {dialog === 'close' && (
        <CloseDialog
          handoffId={h.id}
          onCancel={() => setDialog(null)}
          onDone={async (r) => {
            setDialog(null);
            await afterAction(r, null);
          }}
        />
      )}
      {dialog === 'transfer' && (
        <TransferDialog
          handoffId={h.id}
          onCancel={() => setDialog(null)}
          onDone={async (r) => {
            setDialog(null);
            await afterAction(r, null);
          }}
        />
      )}
    </div>
  );
}
