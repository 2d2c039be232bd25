/**
 * The widget's DOM inside its shadow root: launcher, panel, message log, quick replies, composer and
 * rating. It renders a plain ViewState and reports user intent through ViewActions; it owns no
 * conversation logic. All text goes in through text nodes (see dom.ts).
 */
import { h, icon, replaceChildren, setAttrs } from './dom.js';
import type { ConnectionStatus } from './live.js';
import { safeHttpUrl, splitRichText } from './links.js';
import type { Locale } from './locale.js';
import type { ChatMessage } from './store.js';
import type { Strings } from './strings.js';
import type { Author } from './wire.js';

export type RatingPhase = 'ask' | 'sending' | 'failed' | 'done';

export interface ViewState {
  open: boolean;
  status: ConnectionStatus;
  messages: ChatMessage[];
  quickReplies: string[];
  typing: 'bot' | 'agent' | null;
  /** Handoff / complaint notices shown under the header. */
  banner: string | null;
  error: string | null;
  closed: boolean;
  rating: RatingPhase;
  unread: number;
  /** The end-chat button is offered only while a conversation exists and is open. */
  canEnd: boolean;
}

export interface ViewActions {
  setOpen(open: boolean): void;
  /** Returns true when the text was accepted (the input is then cleared). */
  send(text: string): boolean;
  endChat(): void;
  rate(score: number, comment: string): void;
  newChat(): void;
}

interface Row {
  row: HTMLElement;
  bubble: HTMLElement;
  name: HTMLElement;
  extra: HTMLElement;
  meta: HTMLElement;
  sig: { text: string; name: boolean; extra: string; meta: string };
}

const MAX_INPUT_HEIGHT = 120;

export class ChatView {
  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly statusText: HTMLSpanElement;
  private readonly endButton: HTMLButtonElement;
  private readonly banner: HTMLElement;
  private readonly log: HTMLElement;
  private readonly welcome: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly typingText: HTMLSpanElement;
  private readonly quick: HTMLElement;
  private readonly error: HTMLElement;
  private readonly composer: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly ratingBox: HTMLElement;
  private readonly stars: HTMLButtonElement[] = [];
  private readonly ratingComment: HTMLTextAreaElement;
  private readonly ratingSubmit: HTMLButtonElement;
  private readonly ratingMessage: HTMLElement;
  private readonly ratingForm: HTMLElement;
  private readonly rows = new Map<string, Row>();
  private readonly time: Intl.DateTimeFormat;
  private quickSig = '';
  private score = 0;
  private state?: ViewState;
  private countdown?: ReturnType<typeof setInterval>;

  constructor(
    private readonly shadow: ShadowRoot,
    private readonly s: Strings,
    readonly locale: Locale,
    private readonly actions: ViewActions,
  ) {
    this.time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });

    this.badge = h('span', { class: 'tl-badge', 'aria-hidden': 'true', hidden: true });
    this.launcher = h(
      'button',
      { type: 'button', class: 'tl-launcher', 'data-testid': 'chat-launcher', 'aria-controls': 'tl-panel', 'aria-expanded': 'false', 'aria-label': s.openChat },
      h('span', { class: 'tl-launcher-open' }, icon('chat')),
      h('span', { class: 'tl-launcher-close' }, icon('minimise')),
      this.badge,
    );
    this.launcher.addEventListener('click', () => this.actions.setOpen(!this.state?.open));

    this.statusText = h('span', { class: 'tl-status-text' });
    this.status = h('p', { class: 'tl-status', 'data-testid': 'chat-status', 'data-state': 'idle' }, h('span', { class: 'tl-dot', 'aria-hidden': 'true' }), this.statusText);
    this.endButton = h('button', { type: 'button', class: 'tl-end', hidden: true }, s.endChat);
    this.endButton.addEventListener('click', () => this.actions.endChat());
    const closeButton = h('button', { type: 'button', class: 'tl-icon-button', 'aria-label': s.closeChat, title: s.closeChat }, icon('close'));
    closeButton.addEventListener('click', () => this.close());

    const header = h(
      'header',
      { class: 'tl-header' },
      h('span', { class: 'tl-avatar', 'aria-hidden': 'true' }, icon('shield')),
      h('div', { class: 'tl-heading' }, h('h2', { class: 'tl-title', id: 'tl-title' }, s.title), this.status),
      this.endButton,
      closeButton,
    );

    this.banner = h('p', { class: 'tl-banner', role: 'status', hidden: true });
    this.welcome = h(
      'div',
      { class: 'tl-welcome' },
      h('p', { class: 'tl-welcome-name' }, s.subtitle),
      h('p', { class: 'tl-welcome-text' }, s.welcome),
    );
    this.log = h('div', { class: 'tl-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': s.log, tabindex: '0' }, this.welcome);

    this.typingText = h('span', { class: 'tl-typing-text' });
    this.typing = h(
      'div',
      { class: 'tl-typing', role: 'status', hidden: true },
      h('span', { class: 'tl-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
      this.typingText,
    );
    this.quick = h('div', { class: 'tl-quick', role: 'group', 'aria-label': s.quickReplies, hidden: true });
    this.error = h('p', { class: 'tl-error', role: 'alert', 'data-testid': 'chat-error', hidden: true });

    this.input = h('textarea', {
      class: 'tl-input',
      'data-testid': 'chat-input',
      rows: 1,
      'aria-label': s.inputLabel,
      placeholder: s.placeholder,
      autocomplete: 'off',
      enterkeyhint: 'send',
    });
    const sendButton = h('button', { type: 'submit', class: 'tl-send', 'data-testid': 'chat-send', 'aria-label': s.send, title: s.send }, icon('send'));
    this.composer = h('form', { class: 'tl-composer' }, this.input, sendButton);
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a newline; never send while an IME (pinyin) is composing.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.autosize());

    // Rating: five star toggles, an optional comment, submit; then thanks and "new chat".
    const starRow = h('div', { class: 'tl-stars', role: 'group', 'aria-label': s.rating.heading });
    for (let n = 1; n <= 5; n++) {
      const star = h('button', { type: 'button', class: 'tl-star', 'aria-label': s.rating.star(n), 'aria-pressed': 'false', 'data-score': n }, icon('star'));
      star.addEventListener('click', () => this.pickScore(n));
      this.stars.push(star);
      starRow.appendChild(star);
    }
    this.ratingComment = h('textarea', { class: 'tl-rating-comment', rows: 2, 'aria-label': s.rating.comment, placeholder: s.rating.comment, maxlength: 500 });
    this.ratingSubmit = h('button', { type: 'button', class: 'tl-primary', disabled: true }, s.rating.submit);
    this.ratingSubmit.addEventListener('click', () => {
      if (this.score) this.actions.rate(this.score, this.ratingComment.value.trim());
    });
    this.ratingMessage = h('p', { class: 'tl-rating-message', role: 'status' });
    this.ratingForm = h('div', { class: 'tl-rating-form' }, h('p', { class: 'tl-rating-heading', id: 'tl-rating-heading' }, s.rating.heading), starRow, this.ratingComment, this.ratingSubmit);
    const newChat = h('button', { type: 'button', class: 'tl-secondary' }, s.rating.newChat);
    newChat.addEventListener('click', () => this.actions.newChat());
    this.ratingBox = h(
      'section',
      { class: 'tl-rating', 'data-testid': 'rating', 'aria-labelledby': 'tl-rating-heading', hidden: true },
      h('p', { class: 'tl-rating-ended' }, s.rating.ended),
      this.ratingForm,
      this.ratingMessage,
      newChat,
    );

    this.panel = h(
      'section',
      { class: 'tl-panel', id: 'tl-panel', role: 'dialog', 'aria-labelledby': 'tl-title', hidden: true },
      header,
      this.banner,
      this.log,
      this.typing,
      this.quick,
      this.error,
      this.ratingBox,
      this.composer,
      h('p', { class: 'tl-footnote' }, s.securityNote),
    );
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });

    this.root = h('div', { class: 'tl-root', lang: locale, 'data-open': 'false' }, this.panel, this.launcher);
    shadow.appendChild(this.root);
  }

  /** Keeps the brand colour configurable without accepting arbitrary CSS. */
  setAccent(hex: string): void {
    this.root.style.setProperty('--tl-accent', hex);
  }

  get inputValue(): string {
    return this.input.value;
  }

  /** Puts text back into the composer (a refused message the customer may want to edit). */
  restoreInput(text: string): void {
    if (!this.input.value.trim()) {
      this.input.value = text;
      this.autosize();
    }
  }

  focusInput(): void {
    if (!this.input.disabled) this.input.focus();
  }

  destroy(): void {
    if (this.countdown) clearInterval(this.countdown);
    this.root.remove();
  }

  render(state: ViewState): void {
    const wasOpen = this.state?.open ?? false;
    const nearBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 48;
    const lastBefore = this.state?.messages[this.state.messages.length - 1]?.key;
    this.state = state;
    const s = this.s;

    setAttrs(this.root, { 'data-open': String(state.open) });
    this.panel.hidden = !state.open;
    setAttrs(this.launcher, { 'aria-expanded': String(state.open), 'aria-label': state.open ? s.closeChat : s.openChat });
    this.badge.hidden = state.open || state.unread === 0;
    this.badge.textContent = state.unread > 9 ? '9+' : String(state.unread);
    if (!state.open && state.unread) this.launcher.setAttribute('aria-label', `${s.openChat} (${s.unread(state.unread)})`);

    this.renderStatus(state.status);
    this.endButton.hidden = !state.canEnd;
    this.banner.hidden = !state.banner;
    this.banner.textContent = state.banner ?? '';

    this.renderMessages(state.messages);
    this.welcome.hidden = state.messages.length > 0;

    const streaming = state.messages.some((m) => m.delivery === 'streaming');
    setAttrs(this.log, { 'aria-busy': streaming ? 'true' : null });
    const typing = streaming ? null : state.typing;
    this.typing.hidden = !typing;
    this.typingText.textContent = typing ? s.typing[typing] : '';

    this.renderQuickReplies(state.closed ? [] : state.quickReplies);
    this.error.hidden = !state.error;
    this.error.textContent = state.error ?? '';

    this.composer.hidden = state.closed;
    this.input.disabled = state.closed;
    this.input.placeholder = state.closed ? s.placeholderClosed : s.placeholder;
    this.renderRating(state);
    this.panel.scrollTop = 0; // only the log scrolls; focus changes must not shift the whole panel

    const lastAfter = state.messages[state.messages.length - 1];
    if (state.open && (!wasOpen || nearBottom || (lastAfter && lastAfter.key !== lastBefore && lastAfter.author === 'customer'))) {
      this.log.scrollTop = this.log.scrollHeight;
    }
  }

  private close(): void {
    this.actions.setOpen(false);
    this.launcher.focus();
  }

  private submit(): void {
    if (this.actions.send(this.input.value)) {
      this.input.value = '';
      this.autosize();
    }
    this.input.focus();
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, MAX_INPUT_HEIGHT)}px`;
  }

  private pickScore(score: number): void {
    this.score = score;
    this.stars.forEach((star, i) => {
      star.setAttribute('aria-pressed', String(i < score));
      star.classList.toggle('tl-star-on', i < score);
    });
    this.ratingSubmit.disabled = this.state?.rating === 'sending';
  }

  private renderStatus(status: ConnectionStatus): void {
    if (this.countdown) {
      clearInterval(this.countdown);
      this.countdown = undefined;
    }
    const s = this.s.status;
    this.status.setAttribute('data-state', status.kind);
    if (status.kind === 'reconnecting') {
      const tick = (): void => {
        this.statusText.textContent = s.reconnecting(Math.max(1, Math.ceil((status.retryAt - Date.now()) / 1000)));
      };
      tick();
      this.countdown = setInterval(tick, 1000);
      return;
    }
    this.statusText.textContent =
      status.kind === 'offline' ? s.offline : status.kind === 'connecting' ? s.connecting : s.online; // idle: nothing is wrong yet
  }

  private renderMessages(messages: ChatMessage[]): void {
    const seen = new Set<string>();
    let previous: Author | undefined;
    let cursor: ChildNode | null = this.welcome.nextSibling;
    for (const message of messages) {
      seen.add(message.key);
      const showName = message.author !== previous && message.author !== 'customer' && message.author !== 'system';
      previous = message.author;
      const row = this.updateRow(message, showName);
      if (row.row !== cursor) this.log.insertBefore(row.row, cursor);
      cursor = row.row.nextSibling;
    }
    this.rows.forEach((row, key) => {
      if (!seen.has(key)) {
        row.row.remove();
        this.rows.delete(key);
      }
    });
  }

  /** Creates or patches one message row, touching only the parts that changed (the log is a live region). */
  private updateRow(message: ChatMessage, showName: boolean): Row {
    const s = this.s;
    let row = this.rows.get(message.key);
    if (!row) {
      const label = message.author === 'customer' ? s.you : message.author === 'agent' ? s.agent : message.author === 'bot' ? s.bot : s.system;
      const bubble = h('div', { class: 'tl-bubble', 'data-testid': 'chat-message', 'data-author': message.author });
      const name = h('p', { class: 'tl-name', 'aria-hidden': 'true' }, label);
      const extra = h('div', { class: 'tl-extra' });
      const meta = h('p', { class: 'tl-meta', 'aria-hidden': 'true' });
      const element = h('div', { class: `tl-row tl-from-${message.author}` }, h('span', { class: 'tl-sr' }, `${label}: `), name, bubble, extra, meta);
      row = { row: element, bubble, name, extra, meta, sig: { text: '\u0000', name: true, extra: '\u0000', meta: '\u0000' } };
      this.rows.set(message.key, row);
    }
    const sig = row.sig;
    if (sig.text !== message.text) {
      replaceChildren(row.bubble, ...richNodes(message.text));
      // An answer card that repeats the text stands for it (the FAQ case); otherwise both show.
      row.bubble.hidden = !!message.card && (message.text === '' || message.text === message.card.body);
      sig.text = message.text;
    }
    setAttrs(row.bubble, { 'data-delivery': message.delivery, 'data-message-id': message.id });
    if (sig.name !== showName) {
      row.name.hidden = !showName;
      sig.name = showName;
    }
    const extraSig = message.card ? JSON.stringify(message.card) : '';
    if (sig.extra !== extraSig) {
      replaceChildren(row.extra, message.card ? this.card(message.card) : null);
      sig.extra = extraSig;
    }
    const metaText =
      message.delivery === 'sending'
        ? s.sending
        : message.delivery === 'queued'
          ? s.queued
          : message.delivery === 'streaming'
            ? s.streaming
            : this.formatTime(message.createdAt);
    const metaSig = `${message.delivery}|${metaText}`;
    if (sig.meta !== metaSig) {
      row.meta.textContent = metaText;
      row.meta.className = `tl-meta tl-meta-${message.delivery}`;
      sig.meta = metaSig;
    }
    return row;
  }

  private card(card: NonNullable<ChatMessage['card']>): HTMLElement {
    const source = card.source
      ? h('p', { class: 'tl-card-source' }, `${this.s.source}: `, safeHttpUrl(card.source) ? link(card.source, card.source) : card.source)
      : null;
    return h(
      'div',
      { class: 'tl-card' },
      card.title ? h('p', { class: 'tl-card-title' }, card.title) : null,
      card.body ? h('p', { class: 'tl-card-body' }, ...richNodes(card.body)) : null,
      source,
    );
  }

  private renderQuickReplies(actions: string[]): void {
    const sig = actions.join('\u0000');
    if (sig === this.quickSig) return;
    this.quickSig = sig;
    replaceChildren(
      this.quick,
      ...actions.map((text) => {
        const button = h('button', { type: 'button', class: 'tl-chip', 'data-testid': 'quick-reply' }, text);
        button.addEventListener('click', () => {
          if (this.actions.send(text)) this.input.focus();
        });
        return button;
      }),
    );
    this.quick.hidden = actions.length === 0;
  }

  private renderRating(state: ViewState): void {
    this.ratingBox.hidden = !state.closed;
    if (!state.closed) return;
    const done = state.rating === 'done';
    this.ratingForm.hidden = done;
    this.ratingSubmit.disabled = !this.score || state.rating === 'sending';
    this.ratingMessage.textContent = done ? this.s.rating.thanks : state.rating === 'failed' ? this.s.rating.failed : '';
  }

  private formatTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : this.time.format(date);
  }
}

function link(href: string, text: string): HTMLAnchorElement {
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, text);
}

/** Text runs as DOM nodes: links and <strong>, every text as a text node (never parsed as HTML). */
function richNodes(text: string): Array<Node | string> {
  return splitRichText(text).map((run) => {
    const node = run.href ? link(run.href, run.text) : run.text;
    return run.bold ? h('strong', {}, node) : node;
  });
}
