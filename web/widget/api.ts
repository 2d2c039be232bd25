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

/** The request never got an answer (offline, DNS, CORS, timeout). */
export class NetworkError extends Error {}

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

export class ChatApi {
  constructor(
    readonly base: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
    private readonly timeoutMs = 60_000,
  ) {}

  url(conversation: ConversationRef | null, suffix = ''): string {
    return `${this.base}/api/conversations${conversation ? `/${encodeURIComponent(conversation.id)}` : ''}${suffix}`;
  }

  async createConversation(locale: Locale): Promise<ConversationRef> {
    const body = await this.request(this.url(null), null, { locale, channel: 'web', customer: {} });
    const conversation = parseConversation(body);
    if (!conversation) throw new ApiError(502, 'bad_response', 'Malformed conversation');
    return conversation;
  }

  /** `clientMessageId` makes retries safe: the server never turns the same id into a second turn. */
  async sendMessage(conversation: ConversationRef, text: string, clientMessageId: string): Promise<SendResult> {
    return parseSendResult(await this.request(this.url(conversation, '/messages'), conversation, { text, clientMessageId }));
  }

  async history(conversation: ConversationRef): Promise<ServerMessage[]> {
    return parseHistory(await this.request(this.url(conversation, '/messages'), conversation));
  }

  async rate(conversation: ConversationRef, score: number, comment?: string): Promise<void> {
    await this.request(this.url(conversation, '/rating'), conversation, comment ? { score, comment } : { score });
  }

  async close(conversation: ConversationRef): Promise<void> {
    await this.request(this.url(conversation, '/close'), conversation, {});
  }

  private async request(url: string, conversation: ConversationRef | null, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (conversation) headers.Authorization = `Bearer ${conversation.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : undefined;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : 'network error');
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    const text = await response.text().catch(() => '');
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = parseError(parsed);
      throw new ApiError(response.status, error?.code ?? '', error?.message ?? '', parseRetryAfter(response.headers.get('Retry-After')));
    }
    return parsed;
  }
}
