/**
 * The widget's conversation logic: creates or resumes the conversation, keeps the live stream
 * open, sends the outbox in order (retrying what the network dropped), merges every source of
 * messages into one store, and hands a plain state to the view.
 */
import { ApiError, ChatApi, isConversationGone, type FetchLike } from './api.js';
import { backoffDelay } from './backoff.js';
import type { EmbedConfig } from './config.js';
import { LiveConnection, type ConnectionStatus } from './live.js';
import type { Locale } from './locale.js';
import { Outbox, newLocalId } from './outbox.js';
import type { SseEvent } from './sse.js';
import { clearConversation, loadConversation, saveConversation, type KeyValue, type StoredConversation } from './storage.js';
import { MessageStore } from './store.js';
import { stringsFor, type Strings } from './strings.js';
import { ChatView, type RatingPhase } from './view.js';
import { parseDelta, parseMessage, parseState, parseTyping, safeJson, type ConversationState, type SendResult } from './wire.js';
import css from './styles.css';

export interface ChatOptions {
  config: EmbedConfig;
  storage: KeyValue;
  fetchImpl?: FetchLike;
}

/** A typing indicator that nobody switches off disappears after this long. */
const TYPING_TIMEOUT_MS = 20_000;

export class TellerChat {
  private readonly api: ChatApi;
  private readonly store = new MessageStore();
  private readonly outbox: Outbox;
  private locale: Locale;
  private conversation: StoredConversation | null;
  private creating?: Promise<StoredConversation>;
  private live?: LiveConnection;
  private shadow?: ShadowRoot;
  private view?: ChatView;
  private lastEventId?: string;

  private open = false;
  private status: ConnectionStatus = { kind: 'idle' };
  private typing: 'bot' | 'agent' | null = null;
  private typingTimer?: ReturnType<typeof setTimeout>;
  private conversationState: ConversationState = 'bot';
  private queuePosition?: number;
  private complaintReference?: string;
  private info: string | null = null;
  private error: string | null = null;
  private rating: RatingPhase = 'ask';
  private unread = 0;

  private flushing = false;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private sendAttempt = 0;

  constructor(private readonly options: ChatOptions) {
    this.api = new ChatApi(options.config.base, options.fetchImpl);
    this.outbox = new Outbox(options.storage);
    this.locale = options.config.locale;
    this.conversation = loadConversation(options.storage);
  }

  private get s(): Strings {
    return stringsFor(this.locale);
  }

  mount(parent: HTMLElement = document.body): void {
    const host = document.createElement('div');
    host.setAttribute('data-teller-widget', '');
    parent.appendChild(host);
    this.shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.shadow.appendChild(style);
    this.buildView();

    for (const item of this.outbox.all()) this.store.addLocal(item.localId, item.text, item.createdAt);
    if (this.conversation) {
      void this.loadHistory();
      this.startLive();
    }
    if (this.outbox.peek()) void this.flush();

    window.addEventListener('online', () => {
      this.sendAttempt = 0;
      void this.flush();
      this.render();
    });
    window.addEventListener('offline', () => this.render());
    if (this.options.config.autoOpen) this.setOpen(true, false);
    else this.render();
  }

  setOpen(open: boolean, focus = true): void {
    this.open = open;
    if (open) {
      this.unread = 0;
      this.startLive();
    }
    this.render();
    if (open && focus) this.view?.focusInput();
  }

  /** Switches the UI language (the page's `<html lang>` changed); the conversation itself continues. */
  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    this.buildView();
  }

  // ---- view actions ------------------------------------------------------------------------

  private send(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || this.conversation?.closed) return false;
    const item = { localId: newLocalId(), text: trimmed, createdAt: new Date().toISOString() };
    this.outbox.push(item);
    this.store.addLocal(item.localId, item.text, item.createdAt);
    this.error = null;
    this.info = null;
    this.startLive();
    void this.flush();
    this.render();
    return true;
  }

  private async endChat(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || conversation.closed) return;
    try {
      await this.api.close(conversation);
      this.markClosed();
    } catch (e) {
      if (isConversationGone(e)) this.markClosed();
      else this.error = this.errorText(e);
      this.render();
    }
  }

  private async rate(score: number, comment: string): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    this.rating = 'sending';
    this.render();
    try {
      await this.api.rate(conversation, score, comment || undefined);
      this.rating = 'done';
      conversation.rated = true;
      saveConversation(this.options.storage, conversation);
    } catch {
      this.rating = 'failed';
    }
    this.render();
  }

  /** The customer ended the chat and starts afresh: nothing of the old one, unsent text included, carries over. */
  private newChat(): void {
    this.live?.stop();
    this.live = undefined;
    this.outbox.clear();
    this.forgetConversation(false);
    this.buildView();
    this.setOpen(true);
  }

  // ---- conversation and stream -------------------------------------------------------------

  /** One conversation at a time: concurrent callers share the same creation request. */
  private ensureConversation(): Promise<StoredConversation> {
    if (this.conversation) return Promise.resolve(this.conversation);
    if (!this.creating) {
      this.creating = this.api
        .createConversation(this.locale)
        .then((ref) => {
          const conversation: StoredConversation = { id: ref.id, token: ref.token };
          this.conversation = conversation;
          saveConversation(this.options.storage, conversation);
          void this.loadHistory(); // a greeting the server may have posted
          this.render();
          return conversation;
        })
        .finally(() => {
          this.creating = undefined;
        });
    }
    return this.creating;
  }

  private startLive(): void {
    if (this.live) return;
    this.live = new LiveConnection({
      target: async () => {
        const conversation = await this.ensureConversation();
        return { url: this.api.url(conversation, '/events'), token: conversation.token };
      },
      lastEventId: () => this.lastEventId,
      onEvent: (event) => this.onEvent(event),
      onStatus: (status) => {
        this.status = status;
        this.render();
      },
      onOpen: (resumed) => {
        if (resumed) void this.loadHistory(); // fill whatever the drop made us miss
        this.sendAttempt = 0;
        void this.flush();
      },
      onGone: () => this.conversationGone(),
      fetchImpl: this.options.fetchImpl,
    });
    this.live.start();
  }

  private async loadHistory(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    try {
      const messages = await this.api.history(conversation);
      if (conversation !== this.conversation) return;
      for (const message of messages) this.store.upsert(message);
      this.render();
    } catch (e) {
      const gone = isConversationGone(e) || (e instanceof ApiError && e.status === 400); // 400: malformed stored id
      if (gone && conversation === this.conversation) this.conversationGone();
      // otherwise the next stream (re)connection fetches it again
    }
  }

  private onEvent(event: SseEvent): void {
    if (event.id) this.lastEventId = event.id;
    const data = safeJson(event.data);
    switch (event.type) {
      case 'message': {
        const message = parseMessage(data);
        if (!message) return;
        const isNew = this.store.upsert(message);
        if (message.author === 'bot' || message.author === 'agent') this.setTyping(message.author, false);
        if (isNew && !this.open && message.author !== 'customer') this.unread++;
        break;
      }
      case 'delta': {
        const delta = parseDelta(data);
        if (delta) this.store.applyDelta(delta, new Date().toISOString());
        break;
      }
      case 'typing': {
        const typing = parseTyping(data);
        if (typing) this.setTyping(typing.author, typing.typing);
        break;
      }
      case 'state': {
        const update = parseState(data);
        if (!update) return;
        this.conversationState = update.state;
        this.queuePosition = update.queuePosition;
        if (update.state === 'closed') this.markClosed();
        break;
      }
      default:
        return;
    }
    this.render();
  }

  /** The server no longer knows this conversation (expired, wiped): start a new one, keep unsent text. */
  private conversationGone(): void {
    const hadConversation = this.store.size > this.outbox.all().length;
    this.forgetConversation();
    if (hadConversation) this.info = this.s.expired;
    this.render();
  }

  private forgetConversation(keepUnsent = true): void {
    this.conversation = null;
    clearConversation(this.options.storage);
    this.store.reset(keepUnsent);
    this.lastEventId = undefined;
    this.conversationState = 'bot';
    this.queuePosition = undefined;
    this.complaintReference = undefined;
    this.rating = 'ask';
    this.info = null;
    this.error = null;
    this.setTyping(null, false);
  }

  private markClosed(): void {
    const conversation = this.conversation;
    if (!conversation) return;
    this.conversationState = 'closed';
    this.error = null;
    this.setTyping(null, false);
    if (!conversation.closed) {
      conversation.closed = true;
      saveConversation(this.options.storage, conversation);
    }
    this.render();
  }

  private setTyping(author: 'bot' | 'agent' | null, on: boolean): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    if (on && author) {
      this.typing = author;
      this.typingTimer = setTimeout(() => {
        this.typing = null;
        this.render();
      }, TYPING_TIMEOUT_MS);
    } else if (!author || this.typing === author) {
      this.typing = null;
    }
  }

  // ---- outbox ------------------------------------------------------------------------------

  /** Sends queued messages in order. Network failures keep them queued and retry with backoff. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    let resets = 0;
    try {
      for (let item = this.outbox.peek(); item; item = this.outbox.peek()) {
        if (!navigator.onLine) return; // the 'online' listener resumes
        let conversation: StoredConversation;
        try {
          conversation = await this.ensureConversation();
        } catch (e) {
          this.retryLater(e);
          return;
        }
        if (conversation.closed) return; // kept for the next conversation
        this.store.setDelivery(item.localId, 'sending');
        this.setTyping('bot', true);
        this.render();
        try {
          const result = await this.api.sendMessage(conversation, item.text, item.localId);
          this.outbox.remove(item.localId);
          this.sendAttempt = 0;
          this.error = null;
          this.store.confirmLocal(item.localId, result.customerMessage);
          for (const reply of result.replies) this.store.upsert(reply);
          this.setTyping('bot', false);
          this.applyResult(result);
        } catch (e) {
          this.setTyping('bot', false);
          if (this.store.isDelivered(item.localId)) {
            // The stream already showed the server has it: re-sending would duplicate it.
            this.outbox.remove(item.localId);
          } else if (e instanceof ApiError && (e.status === 400 || e.status === 413 || e.status === 422)) {
            // Refused for good: give the text back for editing instead of retrying forever.
            this.outbox.remove(item.localId);
            this.store.removeLocal(item.localId);
            this.view?.restoreInput(item.text);
            this.error = this.errorText(e);
          } else if (isConversationGone(e) && resets++ === 0) {
            this.conversationGone(); // the next turn of the loop re-sends into a new conversation
          } else {
            this.store.setDelivery(item.localId, 'queued');
            this.retryLater(e);
            return;
          }
        }
        this.render();
      }
    } finally {
      this.flushing = false;
      this.render();
    }
  }

  private retryLater(e: unknown): void {
    this.error = e instanceof ApiError ? this.errorText(e) : null; // network trouble shows in the status instead
    const delay = backoffDelay(this.sendAttempt++, Math.random, undefined, e instanceof ApiError ? e.retryAfterMs : 0);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), delay);
  }

  /** Customers get our own words: the server's error messages are written for developers, in English. */
  private errorText(e: unknown): string {
    const errors = this.s.errors;
    if (!(e instanceof ApiError)) return errors.generic;
    if (e.status === 413 || /too long/i.test(e.message)) return errors.tooLong;
    if (e.status === 429) return errors.tooMany;
    if (e.status === 400 || e.status === 422) return errors.invalid;
    return errors.generic;
  }

  private applyResult(result: SendResult): void {
    if (result.handoff) {
      const status = result.handoff.status.toLowerCase();
      this.conversationState = status === 'claimed' || status === 'active' || status === 'human' ? 'human' : 'waiting';
      this.queuePosition = result.handoff.queuePosition;
    }
    if (result.complaint) this.complaintReference = result.complaint.reference;
  }

  // ---- rendering ---------------------------------------------------------------------------

  private buildView(): void {
    if (!this.shadow) return;
    const text = this.view?.inputValue ?? '';
    this.view?.destroy();
    this.view = new ChatView(this.shadow, this.s, this.locale, {
      setOpen: (open) => this.setOpen(open),
      send: (value) => this.send(value),
      endChat: () => void this.endChat(),
      rate: (score, comment) => void this.rate(score, comment),
      newChat: () => this.newChat(),
    });
    if (this.options.config.accent) this.view.setAccent(this.options.config.accent);
    if (text) this.view.restoreInput(text);
    this.render();
  }

  private banner(): string | null {
    const lines: string[] = [];
    if (this.info) lines.push(this.info);
    if (this.conversationState === 'waiting') lines.push(this.s.waiting(this.queuePosition));
    if (this.conversationState === 'human') lines.push(this.s.human);
    if (this.complaintReference) lines.push(this.s.complaint(this.complaintReference));
    return lines.length ? lines.join('\n') : null;
  }

  private render(): void {
    if (!this.view) return;
    const conversation = this.conversation;
    const status: ConnectionStatus = !navigator.onLine ? { kind: 'offline' } : this.status;
    this.view.render({
      open: this.open,
      status,
      messages: this.store.list(),
      quickReplies: this.store.quickReplies(),
      typing: this.typing,
      banner: this.banner(),
      error: this.error,
      closed: !!conversation?.closed,
      rating: conversation?.rated ? 'done' : this.rating,
      unread: this.unread,
      canEnd: !!conversation && !conversation.closed,
    });
  }
}
