/**
 * The widget's conversation logic: creates or resumes the conversation, keeps the live stream
 * open, sends the outbox in order (retrying what the network dropped), merges every source of
 * messages into one store, and hands a plain state to the view.
 */
import { ApiError, createChatApi, isConversationGone, type FetchLike } from './api.js';
import { backoffDelay } from './backoff.js';
import type { EmbedConfig } from './config.js';
import { on } from './dom.js';
import { createLiveConnection, type ConnectionStatus, type LiveConnection } from './live.js';
import type { Locale } from './locale.js';
import { Outbox, newLocalId } from './outbox.js';
import type { SseEvent } from './sse.js';
import { clearConversation, loadConversation, saveConversation, type KeyValue, type StoredConversation } from './storage.js';
import { MessageStore } from './store.js';
import { stringsFor } from './strings.js';
import { createChatView, type ChatView, type RatingPhase } from './view.js';
import { parseDelta, parseMessage, parseState, parseTyping, safeJson, type ConversationState, type SendResult } from './wire.js';
import css from './styles.css';

export interface ChatOptions {
  config: EmbedConfig;
  storage: KeyValue;
  fetchImpl?: FetchLike;
}

export interface TellerChat {
  mount(parent?: HTMLElement): void;
  setOpen(open: boolean, focus?: boolean): void;
  /** Switches the UI language (the page's `<html lang>` changed); the conversation itself continues. */
  setLocale(locale: Locale): void;
}

/** A typing indicator that nobody switches off disappears after this long. */
const TYPING_TIMEOUT_MS = 20_000;

export function createTellerChat({ config, storage, fetchImpl }: ChatOptions): TellerChat {
  const api = createChatApi(config.base, fetchImpl);
  const store = new MessageStore();
  const outbox = new Outbox(storage);
  let locale = config.locale;
  let s = stringsFor(locale);
  let conversation = loadConversation(storage);
  let creating: Promise<StoredConversation> | undefined;
  let live: LiveConnection | undefined;
  let shadow: ShadowRoot | undefined;
  let view: ChatView | undefined;
  let lastEventId: string | undefined;
  /** The conversation the live stream was last pointed at. */
  let streamConversation: StoredConversation | undefined;

  let open = false;
  let status: ConnectionStatus = { kind: 'idle' };
  let typing: 'bot' | 'agent' | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let conversationState: ConversationState = 'bot';
  let queuePosition: number | undefined;
  let complaintReference: string | undefined;
  let info: string | null = null;
  let error: string | null = null;
  let rating: RatingPhase = 'ask';
  let unread = 0;

  let flushing = false;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let sendAttempt = 0;

  function setOpen(next: boolean, focus = true): void {
    open = next;
    if (open) {
      unread = 0;
      startLive();
    }
    render();
    if (open && focus) view?.focusInput();
  }

  // ---- view actions ------------------------------------------------------------------------

  function send(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || conversation?.closed) return false;
    const item = { localId: newLocalId(), text: trimmed, createdAt: new Date().toISOString() };
    outbox.push(item);
    store.addLocal(item.localId, item.text, item.createdAt);
    error = info = null;
    startLive();
    void flush();
    render();
    return true;
  }

  async function endChat(): Promise<void> {
    const current = conversation;
    if (!current || current.closed) return;
    try {
      await api.close(current);
      markClosed();
    } catch (e) {
      if (isConversationGone(e)) markClosed();
      else error = errorText(e);
      render();
    }
  }

  async function rate(score: number, comment: string): Promise<void> {
    const current = conversation;
    if (!current) return;
    rating = 'sending';
    render();
    try {
      await api.rate(current, score, comment || undefined);
      rating = 'done';
      current.rated = true;
      saveConversation(storage, current);
    } catch {
      rating = 'failed';
    }
    render();
  }

  /** The customer ended the chat and starts afresh: nothing of the old one, unsent text included, carries over. */
  function newChat(): void {
    live?.stop();
    live = undefined;
    outbox.clear();
    forgetConversation(false);
    buildView();
    setOpen(true);
  }

  // ---- conversation and stream -------------------------------------------------------------

  /** One conversation at a time: concurrent callers share the same creation request. */
  function ensureConversation(): Promise<StoredConversation> {
    if (conversation) return Promise.resolve(conversation);
    creating ??= api
      .createConversation(locale)
      .then((ref) => {
        const created: StoredConversation = { id: ref.id, token: ref.token };
        conversation = created;
        saveConversation(storage, created);
        void loadHistory(); // a greeting the server may have posted
        render();
        return created;
      })
      .finally(() => {
        creating = undefined;
      });
    return creating;
  }

  function startLive(): void {
    if (live) return;
    live = createLiveConnection({
      target: async () => {
        const current = (streamConversation = await ensureConversation());
        return { url: api.url(current, '/events'), token: current.token };
      },
      lastEventId: () => lastEventId,
      onEvent,
      onStatus: (next) => {
        status = next;
        render();
      },
      onOpen: (resumed) => {
        if (resumed) void loadHistory(); // fill whatever the drop made us miss
        sendAttempt = 0;
        void flush();
      },
      // A refusal for a conversation that was meanwhile replaced (the outbox found it gone first and
      // started a new one) says nothing about the current one; the next attempt connects to that.
      onGone: () => {
        if (streamConversation === conversation) conversationGone();
      },
      fetchImpl,
    });
    live.start();
  }

  async function loadHistory(): Promise<void> {
    const current = conversation;
    if (!current) return;
    try {
      const messages = await api.history(current);
      if (current !== conversation) return;
      for (const message of messages) store.upsert(message);
      render();
    } catch (e) {
      const gone = isConversationGone(e) || (e instanceof ApiError && e.status === 400); // 400: malformed stored id
      if (gone && current === conversation) conversationGone();
      // otherwise the next stream (re)connection fetches it again
    }
  }

  function onEvent(event: SseEvent): void {
    if (event.id) lastEventId = event.id;
    const data = safeJson(event.data);
    switch (event.type) {
      case 'message': {
        const message = parseMessage(data);
        if (!message) return;
        const isNew = store.upsert(message);
        if (message.author === 'bot' || message.author === 'agent') setTyping(message.author, false);
        if (isNew && !open && message.author !== 'customer') unread++;
        break;
      }
      case 'delta': {
        const delta = parseDelta(data);
        if (delta) store.applyDelta(delta, new Date().toISOString());
        break;
      }
      case 'typing': {
        const update = parseTyping(data);
        if (update) setTyping(update.author, update.typing);
        break;
      }
      case 'state': {
        const update = parseState(data);
        if (!update) return;
        conversationState = update.state;
        queuePosition = update.queuePosition;
        if (update.state === 'closed') markClosed();
        break;
      }
      default:
        return;
    }
    render();
  }

  /** The server no longer knows this conversation (expired, wiped): start a new one, keep unsent text. */
  function conversationGone(): void {
    const hadConversation = store.size > outbox.all().length;
    forgetConversation();
    if (hadConversation) info = s.expired;
    render();
  }

  function forgetConversation(keepUnsent = true): void {
    conversation = null;
    clearConversation(storage);
    store.reset(keepUnsent);
    lastEventId = queuePosition = complaintReference = undefined;
    conversationState = 'bot';
    rating = 'ask';
    info = error = null;
    setTyping(null, false);
  }

  function markClosed(): void {
    const current = conversation;
    if (!current) return;
    conversationState = 'closed';
    error = null;
    setTyping(null, false);
    if (!current.closed) {
      current.closed = true;
      saveConversation(storage, current);
    }
    render();
  }

  function setTyping(author: 'bot' | 'agent' | null, isTyping: boolean): void {
    clearTimeout(typingTimer);
    if (isTyping && author) {
      typing = author;
      typingTimer = setTimeout(() => {
        typing = null;
        render();
      }, TYPING_TIMEOUT_MS);
    } else if (!author || typing === author) {
      typing = null;
    }
  }

  // ---- outbox ------------------------------------------------------------------------------

  /** Sends queued messages in order. Network failures keep them queued and retry with backoff. */
  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    clearTimeout(flushTimer);
    let resets = 0;
    try {
      for (let item = outbox.peek(); item; item = outbox.peek()) {
        if (!navigator.onLine) return; // the 'online' listener resumes
        let current: StoredConversation;
        try {
          current = await ensureConversation();
        } catch (e) {
          retryLater(e);
          return;
        }
        if (current.closed) return; // kept for the next conversation
        store.setDelivery(item.localId, 'sending');
        setTyping('bot', true);
        render();
        try {
          const result = await api.sendMessage(current, item.text, item.localId);
          outbox.remove(item.localId);
          sendAttempt = 0;
          error = null;
          store.confirmLocal(item.localId, result.customerMessage);
          for (const reply of result.replies) store.upsert(reply);
          setTyping('bot', false);
          applyResult(result);
        } catch (e) {
          setTyping('bot', false);
          if (store.isDelivered(item.localId)) {
            // The stream already showed the server has it: re-sending would duplicate it.
            outbox.remove(item.localId);
          } else if (e instanceof ApiError && (e.status === 400 || e.status === 413 || e.status === 422)) {
            // Refused for good: give the text back for editing instead of retrying forever.
            outbox.remove(item.localId);
            store.removeLocal(item.localId);
            view?.restoreInput(item.text);
            error = errorText(e);
          } else if (isConversationGone(e) && resets++ === 0) {
            conversationGone(); // the next turn of the loop re-sends into a new conversation
          } else {
            store.setDelivery(item.localId, 'queued');
            retryLater(e);
            return;
          }
        }
        render();
      }
    } finally {
      flushing = false;
      render();
    }
  }

  function retryLater(e: unknown): void {
    const apiError = e instanceof ApiError ? e : undefined;
    error = apiError ? errorText(apiError) : null; // network trouble shows in the status instead
    const delay = backoffDelay(sendAttempt++, Math.random, undefined, apiError?.retryAfterMs);
    clearTimeout(flushTimer);
    flushTimer = setTimeout(flush, delay);
  }

  /** Customers get our own words: the server's error messages are written for developers, in English. */
  function errorText(e: unknown): string {
    if (!(e instanceof ApiError)) return s.unavailable;
    if (e.status === 413 || /too long/i.test(e.message)) return s.tooLong;
    if (e.status === 429) return s.tooMany;
    if (e.status === 400 || e.status === 422) return s.invalid;
    return s.unavailable;
  }

  function applyResult(result: SendResult): void {
    if (result.handoff) {
      const handoff = result.handoff.status.toLowerCase();
      conversationState = handoff === 'claimed' || handoff === 'active' || handoff === 'human' ? 'human' : 'waiting';
      queuePosition = result.handoff.queuePosition;
    }
    if (result.complaint) complaintReference = result.complaint.reference;
  }

  // ---- rendering ---------------------------------------------------------------------------

  function buildView(): void {
    if (!shadow) return;
    const text = view?.inputValue;
    view?.destroy();
    view = createChatView(shadow, s, locale, {
      setOpen,
      send,
      endChat: () => void endChat(),
      rate: (score, comment) => void rate(score, comment),
      newChat,
    });
    if (config.accent) view.setAccent(config.accent);
    if (text) view.restoreInput(text);
    render();
  }

  function banner(): string | null {
    const lines: string[] = [];
    if (info) lines.push(info);
    if (conversationState === 'waiting') lines.push(s.waiting(queuePosition));
    if (conversationState === 'human') lines.push(s.human);
    if (complaintReference) lines.push(s.complaint(complaintReference));
    return lines.join('\n') || null;
  }

  function render(): void {
    view?.render({
      open,
      status: navigator.onLine ? status : { kind: 'offline' },
      messages: store.list(),
      quickReplies: store.quickReplies(),
      typing,
      banner: banner(),
      error,
      closed: !!conversation?.closed,
      rating: conversation?.rated ? 'done' : rating,
      unread,
      canEnd: !!conversation && !conversation.closed,
    });
  }

  return {
    mount(parent = document.body) {
      const host = document.createElement('div');
      host.setAttribute('data-teller-widget', '');
      parent.appendChild(host);
      shadow = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = css;
      shadow.appendChild(style);
      buildView();

      for (const item of outbox.all()) store.addLocal(item.localId, item.text, item.createdAt);
      if (conversation) {
        void loadHistory();
        startLive();
      }
      if (outbox.peek()) void flush();

      on(window, 'online', () => {
        sendAttempt = 0;
        void flush();
        render();
      });
      on(window, 'offline', render);
      if (config.autoOpen) setOpen(true, false);
      else render();
    },
    setOpen,
    setLocale(next) {
      if (next === locale) return;
      locale = next;
      s = stringsFor(locale);
      buildView();
    },
  };
}
