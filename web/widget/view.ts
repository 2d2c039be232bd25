/**
 * The widget's DOM inside its shadow root: launcher, panel, message log, quick replies, composer and
 * rating. It renders a plain ViewState and reports user intent through ViewActions; it owns no
 * conversation logic. All text goes in through text nodes (see dom.ts).
 */
import { button, h, icon, on, replaceChildren, setAttrs } from './dom.js';
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

export interface ChatView {
  render(state: ViewState): void;
  /** Keeps the brand colour configurable without accepting arbitrary CSS. */
  setAccent(hex: string): void;
  readonly inputValue: string;
  /** Puts text back into the composer (a refused message the customer may want to edit). */
  restoreInput(text: string): void;
  focusInput(): void;
  destroy(): void;
}

/** One message row and what it last showed, so a render touches only what changed (the log is a live region). */
interface Row {
  row: HTMLElement;
  bubble: HTMLElement;
  name: HTMLElement;
  extra: HTMLElement;
  meta: HTMLElement;
  text?: string;
  showName?: boolean;
  card?: string;
  metaSig?: string;
}

const MAX_INPUT_HEIGHT = 120;

export function createChatView(shadow: ShadowRoot, s: Strings, locale: Locale, actions: ViewActions): ChatView {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const rows = new Map<string, Row>();
  let state: ViewState | undefined;
  let quickSig = '';
  let score = 0;
  let countdown: ReturnType<typeof setInterval> | undefined;

  const badge = h('span.badge', { 'aria-hidden': 'true', hidden: true });
  const launcher = button(
    'button.launcher',
    { 'data-testid': 'chat-launcher', 'aria-controls': 'tl-panel', 'aria-expanded': 'false', 'aria-label': s.openChat },
    () => actions.setOpen(!state?.open),
    h('span.launcher-open', {}, icon('chat')),
    h('span.launcher-close', {}, icon('minimise')),
    badge,
  );
  const close = (): void => {
    actions.setOpen(false);
    launcher.focus();
  };

  const statusText = h('span');
  const status = h('p.status', { 'data-testid': 'chat-status', 'data-state': 'idle' }, h('span.dot', { 'aria-hidden': 'true' }), statusText);
  const endButton = button('button.end', { hidden: true }, () => actions.endChat(), s.endChat);
  const header = h(
    'header.header',
    {},
    h('span.avatar', { 'aria-hidden': 'true' }, icon('shield')),
    h('div.heading', {}, h('h2.title', { id: 'tl-title' }, s.title), status),
    endButton,
    button('button.close', { 'aria-label': s.closeChat, title: s.closeChat }, close, icon('close')),
  );

  const banner = h('p.banner', { role: 'status', hidden: true });
  const welcome = h('div.welcome', {}, h('p.welcome-name', {}, s.subtitle), h('p', {}, s.welcome));
  const log = h('div.log', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': s.log, tabindex: '0' }, welcome);

  const typingText = h('span.typing-text');
  const typing = h('div.typing', { role: 'status', hidden: true }, h('span.dots', { 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), typingText);
  const quick = h('div.quick', { role: 'group', 'aria-label': s.quickReplies, hidden: true });
  const error = h('p.error', { role: 'alert', 'data-testid': 'chat-error', hidden: true });

  const input = h('textarea.input', {
    'data-testid': 'chat-input',
    rows: 1,
    'aria-label': s.inputLabel,
    placeholder: s.placeholder,
    autocomplete: 'off',
    enterkeyhint: 'send',
  });
  const autosize = (): void => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_INPUT_HEIGHT)}px`;
  };
  const submit = (): void => {
    if (actions.send(input.value)) {
      input.value = '';
      autosize();
    }
    input.focus();
  };
  const composer = h(
    'form.composer',
    {},
    input,
    h('button.send', { type: 'submit', 'data-testid': 'chat-send', 'aria-label': s.send, title: s.send }, icon('send')),
  );
  on(composer, 'submit', (event) => {
    event.preventDefault();
    submit();
  });
  on(input, 'keydown', (event) => {
    // Enter sends, Shift+Enter is a newline; never send while an IME (pinyin) is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  });
  on(input, 'input', autosize);

  // Rating: five star toggles, an optional comment, submit; then thanks and "new chat".
  const stars = [1, 2, 3, 4, 5].map((n) =>
    button(
      'button.star',
      { 'aria-label': s.star(n), 'aria-pressed': 'false', 'data-score': n },
      () => {
        score = n;
        stars.forEach((star, i) => star.setAttribute('aria-pressed', String(i < n)));
        ratingSubmit.disabled = state?.rating === 'sending';
      },
      icon('star'),
    ),
  );
  const ratingComment = h('textarea.comment', { rows: 2, 'aria-label': s.ratingComment, placeholder: s.ratingComment, maxlength: 500 });
  const ratingSubmit = button(
    'button.primary',
    { disabled: true },
    () => {
      if (score) actions.rate(score, ratingComment.value.trim());
    },
    s.ratingSubmit,
  );
  const ratingMessage = h('p.rating-message', { role: 'status' });
  const ratingForm = h(
    'div.rating-form',
    {},
    h('p.rating-heading', { id: 'tl-rating-heading' }, s.ratingHeading),
    h('div.stars', { role: 'group', 'aria-label': s.ratingHeading }, ...stars),
    ratingComment,
    ratingSubmit,
  );
  const ratingBox = h(
    'section.rating',
    { 'data-testid': 'rating', 'aria-labelledby': 'tl-rating-heading', hidden: true },
    h('p.rating-ended', {}, s.ended),
    ratingForm,
    ratingMessage,
    button('button.secondary', {}, () => actions.newChat(), s.newChat),
  );

  const panel = h(
    'section.panel',
    { id: 'tl-panel', role: 'dialog', 'aria-labelledby': 'tl-title', hidden: true },
    header,
    banner,
    log,
    typing,
    quick,
    error,
    ratingBox,
    composer,
    h('p.footnote', {}, s.securityNote),
  );
  on(panel, 'keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });

  const root = h('div.root', { lang: locale, 'data-open': 'false' }, panel, launcher);
  shadow.appendChild(root);

  function renderStatus(connection: ConnectionStatus): void {
    clearInterval(countdown);
    status.setAttribute('data-state', connection.kind);
    if (connection.kind === 'reconnecting') {
      const tick = (): void => {
        statusText.textContent = s.reconnecting(Math.max(1, Math.ceil((connection.retryAt - Date.now()) / 1000)));
      };
      tick();
      countdown = setInterval(tick, 1000);
    } else {
      // idle: nothing is wrong yet
      statusText.textContent = connection.kind === 'offline' ? s.offline : connection.kind === 'connecting' ? s.connecting : s.online;
    }
  }

  function renderMessages(messages: ChatMessage[]): void {
    const seen = new Set<string>();
    let previous: Author | undefined;
    let cursor: ChildNode | null = welcome.nextSibling;
    for (const message of messages) {
      seen.add(message.key);
      const showName = message.author !== previous && message.author !== 'customer' && message.author !== 'system';
      previous = message.author;
      const { row } = updateRow(message, showName);
      if (row !== cursor) log.insertBefore(row, cursor);
      cursor = row.nextSibling;
    }
    rows.forEach((row, key) => {
      if (!seen.has(key)) {
        row.row.remove();
        rows.delete(key);
      }
    });
  }

  /** Creates or patches one message row, touching only the parts that changed. */
  function updateRow(message: ChatMessage, showName: boolean): Row {
    const { author, card, delivery } = message;
    let row = rows.get(message.key);
    if (!row) {
      const label = s[author === 'customer' ? 'you' : author];
      const bubble = h('div.bubble', { 'data-testid': 'chat-message', 'data-author': author });
      const name = h('p.name', { 'aria-hidden': 'true' }, label);
      const extra = h('div');
      const meta = h('p.meta', { 'aria-hidden': 'true' });
      row = { row: h(`div.row.from-${author}`, {}, h('span.sr', {}, `${label}: `), name, bubble, extra, meta), bubble, name, extra, meta };
      rows.set(message.key, row);
    }
    if (row.text !== message.text) {
      replaceChildren(row.bubble, ...richNodes(message.text));
      // An answer card that repeats the text stands for it (the FAQ case); otherwise both show.
      row.bubble.hidden = !!card && (message.text === '' || message.text === card.body);
      row.text = message.text;
    }
    setAttrs(row.bubble, { 'data-delivery': delivery, 'data-message-id': message.id });
    if (row.showName !== showName) row.name.hidden = !(row.showName = showName);
    const cardSig = card ? JSON.stringify(card) : '';
    if (row.card !== cardSig) {
      replaceChildren(row.extra, card && renderCard(card));
      row.card = cardSig;
    }
    const metaText = delivery === 'sent' ? formatTime(message.createdAt) : s[delivery];
    const metaSig = `${delivery}|${metaText}`;
    if (row.metaSig !== metaSig) {
      row.meta.textContent = metaText;
      row.meta.className = `meta meta-${delivery}`;
      row.metaSig = metaSig;
    }
    return row;
  }

  function renderCard(card: NonNullable<ChatMessage['card']>): HTMLElement {
    return h(
      'div.card',
      {},
      card.title && h('p.card-title', {}, card.title),
      card.body && h('p.card-body', {}, ...richNodes(card.body)),
      card.source && h('p.card-source', {}, `${s.source}: `, safeHttpUrl(card.source) ? link(card.source, card.source) : card.source),
    );
  }

  function renderQuickReplies(replies: string[]): void {
    const sig = replies.join('\u0000');
    if (sig === quickSig) return;
    quickSig = sig;
    replaceChildren(
      quick,
      ...replies.map((text) =>
        button('button.chip', { 'data-testid': 'quick-reply' }, () => {
          if (actions.send(text)) input.focus();
        }, text),
      ),
    );
    quick.hidden = replies.length === 0;
  }

  function renderRating(next: ViewState): void {
    ratingBox.hidden = !next.closed;
    if (!next.closed) return;
    const done = next.rating === 'done';
    ratingForm.hidden = done;
    ratingSubmit.disabled = !score || next.rating === 'sending';
    ratingMessage.textContent = done ? s.ratingThanks : next.rating === 'failed' ? s.ratingFailed : '';
  }

  function formatTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : time.format(date);
  }

  return {
    render(next) {
      const wasOpen = state?.open;
      const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
      const lastBefore = state?.messages[state.messages.length - 1]?.key;
      state = next;
      const { open, unread, messages } = next;

      setAttrs(root, { 'data-open': String(open) });
      panel.hidden = !open;
      setAttrs(launcher, {
        'aria-expanded': String(open),
        'aria-label': open ? s.closeChat : unread ? `${s.openChat} (${s.unread(unread)})` : s.openChat,
      });
      badge.hidden = open || !unread;
      badge.textContent = unread > 9 ? '9+' : String(unread);

      renderStatus(next.status);
      endButton.hidden = !next.canEnd;
      banner.hidden = !next.banner;
      banner.textContent = next.banner;

      renderMessages(messages);
      welcome.hidden = messages.length > 0;

      const streaming = messages.some((m) => m.delivery === 'streaming');
      setAttrs(log, { 'aria-busy': streaming && 'true' });
      const who = streaming ? null : next.typing;
      typing.hidden = !who;
      typingText.textContent = who && s.typing(s[who]);

      renderQuickReplies(next.closed ? [] : next.quickReplies);
      error.hidden = !next.error;
      error.textContent = next.error;

      composer.hidden = input.disabled = next.closed;
      input.placeholder = next.closed ? s.placeholderClosed : s.placeholder;
      renderRating(next);
      panel.scrollTop = 0; // only the log scrolls; focus changes must not shift the whole panel

      const last = messages[messages.length - 1];
      if (open && (!wasOpen || nearBottom || (last && last.key !== lastBefore && last.author === 'customer'))) {
        log.scrollTop = log.scrollHeight;
      }
    },
    setAccent(hex) {
      root.style.setProperty('--accent', hex);
    },
    get inputValue() {
      return input.value;
    },
    restoreInput(text) {
      if (!input.value.trim()) {
        input.value = text;
        autosize();
      }
    },
    focusInput() {
      if (!input.disabled) input.focus();
    },
    destroy() {
      clearInterval(countdown);
      root.remove();
    },
  };
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
