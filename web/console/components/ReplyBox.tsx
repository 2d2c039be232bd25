// The agent's reply box: suggested (canned) replies in either language, Enter to send (not while an
// input method is composing Chinese), and "agent is typing" signals to the customer, throttled.
import type { TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentMessageResponse, Locale, SuggestedReply, TranscriptEntry } from '../api-types.js';
import { labelOf } from '../i18n.js';
import { useConsole } from './console-context.js';
import { Banner } from './ui.js';

const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 4000;

/** The text of a suggestion in the chosen language (the server's own text when it has only one). */
export function suggestionText(s: SuggestedReply, lang: Locale): string {
  return s.texts?.[lang] ?? s.text;
}

function clientMessageId(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function ReplyBox(props: { conversationId: string; conversationLocale: Locale; suggestions: SuggestedReply[]; onSent: (m: TranscriptEntry) => void }) {
  const { api, t, locale } = useConsole();
  const [text, setText] = useState('');
  const [lang, setLang] = useState<Locale>(props.conversationLocale);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLTextAreaElement>(null);
  const path = `/api/agent/conversations/${encodeURIComponent(props.conversationId)}`;

  const signalTyping = (typing: boolean) => void api.post(`${path}/typing`, { typing }).catch(() => {});

  useEffect(
    () => () => {
      clearTimeout(idle.current);
      if (lastTyping.current) signalTyping(false);
    },
    [props.conversationId],
  );

  const onInput = (e: TargetedEvent<HTMLTextAreaElement>) => {
    setText(e.currentTarget.value);
    const now = Date.now();
    if (now - lastTyping.current > TYPING_REPEAT_MS) {
      lastTyping.current = now;
      signalTyping(true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(() => {
      lastTyping.current = 0;
      signalTyping(false);
    }, TYPING_IDLE_MS);
  };

  const send = async () => {
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError(null);
    clearTimeout(idle.current);
    lastTyping.current = 0;
    try {
      const r = await api.post<AgentMessageResponse>(`${path}/messages`, { text: body, clientMessageId: clientMessageId() });
      props.onSent(r.message);
      setText('');
      input.current?.focus();
    } catch (err) {
      setError(t('reply.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void send();
    }
  };

  const pick = (s: SuggestedReply) => {
    setText(suggestionText(s, lang));
    input.current?.focus();
  };

  return (
    <div class="reply" data-testid="reply-box">
      {props.suggestions.length > 0 && (
        <div class="canned">
          <div class="canned-head">
            <span class="canned-title">{t('reply.canned')}</span>
            <div class="segmented" role="group" aria-label={t('reply.cannedLang')}>
              {(['zh-CN', 'en'] as const).map((l) => (
                <button type="button" key={l} class={`segmented-btn${lang === l ? ' segmented-btn--on' : ''}`} aria-pressed={lang === l} onClick={() => setLang(l)} data-testid={`canned-lang-${l}`}>
                  {labelOf(locale, 'locale', l)}
                </button>
              ))}
            </div>
          </div>
          <div class="canned-list">
            {props.suggestions.map((s) => (
              <button type="button" key={s.key} class="chip" title={suggestionText(s, lang)} onClick={() => pick(s)} data-testid="canned-reply" data-key={s.key}>
                {s.title}
              </button>
            ))}
          </div>
        </div>
      )}
      {error && (
        <Banner tone="error" onDismiss={() => setError(null)}>
          {error}
        </Banner>
      )}
      <div class="reply-row">
        <textarea
          ref={input}
          class="reply-input"
          rows={3}
          value={text}
          placeholder={t('reply.placeholder')}
          onInput={onInput}
          onKeyDown={onKeyDown}
          data-testid="reply-input"
          aria-label={t('reply.placeholder')}
        />
        <button type="button" class="btn btn--primary reply-send" onClick={() => void send()} disabled={sending || !text.trim()} data-testid="reply-send">
          {sending ? t('reply.sending') : t('reply.send')}
        </button>
      </div>
    </div>
  );
}
