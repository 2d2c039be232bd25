// Chat Completions against any OpenAI-compatible server (OpenAI, vLLM, Ollama, LiteLLM…) through the
// `openai` SDK. The deadline covers the whole call, retries and waits included: the SDK's own retries
// are off (its back-off sleep cannot be interrupted) and ours never start an attempt or a wait that
// would end after the deadline. Errors leave as LlmCallError with the outcome to log.
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatMessage } from './prompt-library.js';

export type LlmOutcome = 'ok' | 'timeout' | 'http_error' | 'invalid_output' | 'guard_rejected' | 'prompt_error';

export class LlmCallError extends Error {
  override name = 'LlmCallError';
  constructor(
    readonly outcome: LlmOutcome,
    message: string,
    readonly status?: number,
    /** For guard_rejected: which check (output-guard's GuardReason). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** Ask for `response_format: json_object` (dropped for servers that reject it). */
  json?: boolean;
}

export interface ChatResponse {
  content: string;
  model: string;
  tokens?: { prompt: number; completion: number };
  attempts: number;
  /** stop, length (cut at max_tokens), content_filter… */
  finishReason?: string;
}

export interface ChatClient {
  readonly model: string;
  complete(req: ChatRequest, opts: { deadlineMs: number }): Promise<ChatResponse>;
  /** Streams; `onContent` gets each content piece. Only a failure before the first piece is retried. */
  stream(req: ChatRequest, opts: { deadlineMs: number; onContent: (piece: string) => void }): Promise<ChatResponse>;
}

export interface ChatClientOptions {
  baseURL?: string;
  apiKey?: string;
  model: string;
  maxRetries: number;
  /** For tests: the SDK's fetch. */
  fetch?: typeof fetch;
}

/** Shortest time worth starting another attempt with. */
const MIN_ATTEMPT_MS = 100;
const BACKOFF_BASE_MS = 200;
const BACKOFF_MAX_MS = 2000;

function retryable(err: unknown): boolean {
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) return false;
  if (err instanceof APIConnectionError) return true;
  if (err instanceof APIError) return err.status === 408 || err.status === 409 || err.status === 429 || (err.status ?? 0) >= 500;
  return false;
}

/** The server's wish (retry-after-ms, retry-after seconds or date), else exponential back-off with jitter. */
export function retryDelayMs(err: unknown, retryIndex: number): number {
  const headers = err instanceof APIError ? err.headers : undefined;
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && headers?.get('retry-after-ms')) return ms;
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** retryIndex) * (0.75 + Math.random() * 0.25);
}

function toCallError(err: unknown, deadline: AbortSignal): LlmCallError {
  if (err instanceof LlmCallError) return err;
  if (deadline.aborted || err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) return new LlmCallError('timeout', 'deadline reached');
  if (err instanceof APIError && err.status !== undefined) return new LlmCallError('http_error', `HTTP ${err.status}: ${err.message}`, err.status);
  if (err instanceof APIConnectionError) return new LlmCallError('http_error', `connection failed: ${err.cause instanceof Error ? err.cause.message : err.message}`);
  // A 200 whose body is not the protocol (malformed JSON or SSE) is the server's fault, too.
  return new LlmCallError('http_error', `malformed response: ${err instanceof Error ? err.message : String(err)}`);
}

/** A 400/422 naming an optional parameter: servers that lack it say so, and the call goes on without it. */
const rejects = (err: unknown, param: RegExp) => err instanceof APIError && (err.status === 400 || err.status === 422) && param.test(err.message);
const JSON_MODE_PARAM = /response_format|json_object|json mode/i;
const STREAM_USAGE_PARAM = /stream_options|include_usage/i;

/** Settles no later than the deadline, whatever `work` does with the signal. */
function withinDeadline<T>(work: Promise<T>, deadline: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new LlmCallError('timeout', 'deadline reached'));
    if (deadline.aborted) return onAbort();
    deadline.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        deadline.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        deadline.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function createChatClient(opts: ChatClientOptions): ChatClient {
  const client = new OpenAI({
    // Local servers (vLLM, Ollama) need no key, but the SDK insists on one.
    apiKey: opts.apiKey || 'not-needed',
    baseURL: opts.baseURL,
    maxRetries: 0,
    fetch: opts.fetch,
  });
  let jsonMode = true;
  let streamUsage = true;

  function body(req: ChatRequest) {
    return {
      model: opts.model,
      messages: req.messages,
      temperature: req.temperature,
      max_tokens: req.maxTokens,
      ...(req.json && jsonMode ? { response_format: { type: 'json_object' as const } } : {}),
    };
  }

  async function run<T>(deadlineMs: number, attempt: (signal: AbortSignal, timeoutMs: number) => Promise<T>): Promise<{ value: T; attempts: number }> {
    const deadline = AbortSignal.timeout(deadlineMs);
    const deadlineAt = Date.now() + deadlineMs;
    const loop = async () => {
      let retries = 0;
      let attempts = 0;
      for (;;) {
        attempts++;
        try {
          return { value: await attempt(deadline, Math.max(1, deadlineAt - Date.now())), attempts };
        } catch (err) {
          if (jsonMode && rejects(err, JSON_MODE_PARAM)) {
            jsonMode = false; // this server has no JSON mode; the prompt still asks for JSON
            continue;
          }
          if (streamUsage && rejects(err, STREAM_USAGE_PARAM)) {
            streamUsage = false; // no token counts from this server's streams, but the answer still comes
            continue;
          }
          if (!retryable(err) || retries >= opts.maxRetries || deadline.aborted) throw toCallError(err, deadline);
          const wait = retryDelayMs(err, retries);
          if (Date.now() + wait + MIN_ATTEMPT_MS > deadlineAt) throw toCallError(err, deadline);
          retries++;
          await sleep(wait, undefined, { signal: deadline });
        }
      }
    };
    try {
      return await withinDeadline(loop(), deadline);
    } catch (err) {
      throw toCallError(err, deadline);
    }
  }

  const usageOf = (u: { prompt_tokens?: number; completion_tokens?: number } | null | undefined) => (u ? { prompt: u.prompt_tokens ?? 0, completion: u.completion_tokens ?? 0 } : undefined);

  return {
    model: opts.model,
    async complete(req, { deadlineMs }) {
      const { value, attempts } = await run(deadlineMs, (signal, timeout) => client.chat.completions.create({ ...body(req), stream: false }, { signal, timeout, maxRetries: 0 }));
      const content = value.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new LlmCallError('invalid_output', 'the response has no message content');
      return { content, model: value.model || opts.model, tokens: usageOf(value.usage), attempts, finishReason: value.choices[0].finish_reason ?? undefined };
    },
    async stream(req, { deadlineMs, onContent }) {
      let model = opts.model;
      let tokens: ChatResponse['tokens'];
      let content = '';
      let finish: string | null = null;
      const { attempts } = await run(deadlineMs, async (signal, timeout) => {
        const stream = await client.chat.completions.create({ ...body(req), stream: true, ...(streamUsage ? { stream_options: { include_usage: true } } : {}) }, { signal, timeout, maxRetries: 0 });
        try {
          for await (const chunk of stream) {
            if (chunk.model) model = chunk.model;
            if (chunk.usage) tokens = usageOf(chunk.usage);
            const choice = chunk.choices?.[0];
            if (choice?.finish_reason) finish = choice.finish_reason;
            const piece = choice?.delta?.content;
            if (piece) {
              content += piece;
              onContent(piece);
            }
          }
        } catch (err) {
          // Pieces already went out: a retry would repeat them, so a broken stream fails the call.
          throw content ? new LlmCallError(signal.aborted ? 'timeout' : 'http_error', `stream broken: ${(err as Error).message}`) : err;
        }
        // The SDK may end the iteration quietly on abort; a stream without a finish reason is cut off.
        if (signal.aborted) throw new LlmCallError('timeout', 'deadline reached');
        if (!finish) throw new LlmCallError('http_error', 'stream ended without a finish reason');
      });
      return { content, model, tokens, attempts, finishReason: finish ?? undefined };
    },
  };
}
