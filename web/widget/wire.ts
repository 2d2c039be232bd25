/**
 * Shapes the server sends, checked by hand at the boundary (zod would triple the bundle).
 * Anything malformed is dropped rather than rendered.
 */
export type Author = 'customer' | 'bot' | 'agent' | 'system';
export type ConversationState = 'bot' | 'waiting' | 'human' | 'closed';

export interface AnswerCard {
  title: string;
  body: string;
  source?: string;
}

export interface ServerMessage {
  id: string;
  author: Author;
  text: string;
  createdAt: string;
  suggestedActions?: string[];
  card?: AnswerCard;
}

/** The answer to a customer's message (fields the widget does not use, like route and intent, are not read). */
export interface SendResult {
  replies: ServerMessage[];
  handoff?: { id: string; status: string; queuePosition?: number };
  complaint?: { reference: string; status: string };
  customerMessage?: ServerMessage;
}

export interface StateUpdate {
  state: ConversationState;
  queuePosition?: number;
}

export interface TypingUpdate {
  author: 'bot' | 'agent';
  typing: boolean;
}

export interface Delta {
  id: string;
  text: string;
}

type Json = Record<string, unknown>;

const AUTHORS: readonly string[] = ['customer', 'bot', 'agent', 'system'];
const STATES: readonly string[] = ['bot', 'waiting', 'human', 'closed'];

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

function parseCard(x: unknown): AnswerCard | undefined {
  if (!isObject(x)) return undefined;
  const title = str(x.title) ?? '';
  const body = str(x.body) ?? '';
  if (!title && !body) return undefined;
  const source = str(x.source);
  return source ? { title, body, source } : { title, body };
}

function parseActions(x: unknown): string[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const actions = x.filter((a): a is string => typeof a === 'string' && a.trim() !== '');
  return actions.length ? actions : undefined;
}

/**
 * One message. `defaults` fills what a POST reply may omit (its author is implicitly the bot);
 * a message without id is given `fallbackId` so it can still be shown.
 */
export function parseMessage(x: unknown, defaults: { author?: Author; fallbackId?: string; now?: string } = {}): ServerMessage | null {
  if (!isObject(x)) return null;
  const id = str(x.id) ?? (typeof x.id === 'number' ? String(x.id) : undefined) ?? defaults.fallbackId;
  const authorRaw = str(x.author) ?? defaults.author;
  const text = str(x.text);
  if (!id || !authorRaw || !AUTHORS.includes(authorRaw) || text === undefined) return null;
  const message: ServerMessage = {
    id,
    author: authorRaw as Author,
    text,
    createdAt: str(x.createdAt) ?? defaults.now ?? new Date().toISOString(),
  };
  const actions = parseActions(x.suggestedActions);
  if (actions) message.suggestedActions = actions;
  const card = parseCard(x.card);
  if (card) message.card = card;
  return message;
}

export function parseHistory(x: unknown): ServerMessage[] {
  if (!isObject(x) || !Array.isArray(x.messages)) return [];
  const out: ServerMessage[] = [];
  for (const item of x.messages) {
    const message = parseMessage(item);
    if (message) out.push(message);
  }
  return out;
}

export function parseSendResult(x: unknown, now = new Date().toISOString()): SendResult {
  if (!isObject(x)) return { replies: [] };
  const replies: ServerMessage[] = [];
  if (Array.isArray(x.replies)) {
    x.replies.forEach((item, index) => {
      const reply = parseMessage(item, { author: 'bot', fallbackId: `reply-${now}-${index}`, now });
      if (reply) replies.push(reply);
    });
  }
  const result: SendResult = { replies };
  if (isObject(x.handoff) && str(x.handoff.status)) {
    result.handoff = {
      id: str(x.handoff.id) ?? '',
      status: str(x.handoff.status) ?? '',
      queuePosition: num(x.handoff.queuePosition),
    };
  }
  if (isObject(x.complaint) && str(x.complaint.reference)) {
    result.complaint = { reference: str(x.complaint.reference) ?? '', status: str(x.complaint.status) ?? '' };
  }
  const customer = parseMessage(x.customerMessage, { author: 'customer', now });
  if (customer) result.customerMessage = { ...customer, author: 'customer' };
  return result;
}

export function parseState(x: unknown): StateUpdate | null {
  if (!isObject(x) || !STATES.includes(str(x.state) ?? '')) return null;
  const update: StateUpdate = { state: x.state as ConversationState };
  const position = num(x.queuePosition);
  if (position !== undefined) update.queuePosition = position;
  return update;
}

export function parseTyping(x: unknown): TypingUpdate | null {
  if (!isObject(x) || (x.author !== 'bot' && x.author !== 'agent') || typeof x.typing !== 'boolean') return null;
  return { author: x.author, typing: x.typing };
}

export function parseDelta(x: unknown): Delta | null {
  if (!isObject(x)) return null;
  const id = str(x.id);
  const text = str(x.text);
  return id && text !== undefined ? { id, text } : null;
}

export function parseConversation(x: unknown): { id: string; token: string } | null {
  if (!isObject(x)) return null;
  const id = str(x.id);
  const token = str(x.token);
  return id && token ? { id, token } : null;
}

export function parseError(x: unknown): { code: string; message: string } | null {
  if (!isObject(x) || !isObject(x.error)) return null;
  return { code: str(x.error.code) ?? '', message: str(x.error.message) ?? '' };
}

/** JSON.parse that returns undefined instead of throwing. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
