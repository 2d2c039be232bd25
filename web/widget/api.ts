/** The customer chat HTTP API (see the public contract), with its errors made explicit. */
import type { Locale } from './locale.js';
import { parseConversation, parseError, parseHistory, parseSendResult, safeJson, type SendResult, type ServerMessage } from './wire.js';

export interface ConversationRef {
  id: string;
  token: string;
}

/** The server answered with an error status. Its message is for developers; customers see strings.ts. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, when present. */
    readonly retryAfterMs?: number,
  ) {
    super(message || `HTTP ${status}`);
  }
}

/** Statuses after which the stored conversation is unusable and a new one should start. */
export const isConversationGone = (e: unknown): boolean =>
  e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404 || e.status === 410);

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface ChatApi {
  url(conversation: ConversationRef, suffix?: string): string;
  createConversation(locale: Locale): Promise<ConversationRef>;
  /** `clientMessageId` makes retries safe: the server never turns the same id into a second turn. */
  sendMessage(conversation: ConversationRef, text: string, clientMessageId: string): Promise<SendResult>;
  history(conversation: ConversationRef): Promise<ServerMessage[]>;
  rate(conversation: ConversationRef, score: number, comment?: string): Promise<void>;
  close(conversation: ConversationRef): Promise<void>;
}

/**
 * The API under `base`. A request that gets no answer (offline, DNS, CORS, the timeout) rejects
 * with fetch's own error; an answer with an error status rejects with ApiError.
 */
export function createChatApi(base: string, fetchImpl: FetchLike = (input, init) => fetch(input, init), timeoutMs = 60_000): ChatApi {
  const url = (conversation: ConversationRef | null, suffix = ''): string =>
    `${base}/api/conversations${conversation ? `/${encodeURIComponent(conversation.id)}` : ''}${suffix}`;

  /** GET without a body, POST with one; the conversation's token authorises it. */
  async function request(conversation: ConversationRef | null, suffix: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (conversation) headers.Authorization = `Bearer ${conversation.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(url(conversation, suffix), {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text().catch(() => '');
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = parseError(parsed);
      throw new ApiError(response.status, error?.code ?? '', error?.message ?? '', parseRetryAfter(response.headers.get('Retry-After')));
    }
    return parsed;
  }

  return {
    url,
    async createConversation(locale) {
      const conversation = parseConversation(await request(null, '', { locale, channel: 'web', customer: {} }));
      if (!conversation) throw new ApiError(502, 'bad_response', 'Malformed conversation');
      return conversation;
    },
    async sendMessage(conversation, text, clientMessageId) {
      return parseSendResult(await request(conversation, '/messages', { text, clientMessageId }));
    },
    async history(conversation) {
      return parseHistory(await request(conversation, '/messages'));
    },
    async rate(conversation, score, comment) {
      await request(conversation, '/rating', comment ? { score, comment } : { score });
    },
    async close(conversation) {
      await request(conversation, '/close', {});
    },
  };
}
