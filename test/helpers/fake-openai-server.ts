// A real local HTTP server (127.0.0.1, random port) that speaks the OpenAI Chat Completions protocol,
// scriptable per test: answers (JSON or `stream: true` server-sent events), pieces with delays, HTTP
// errors with headers, a hang past any deadline, malformed bodies. It records every request, so tests
// can assert what reached "the model" (masked, delimited) exactly as it went over the wire.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (null when it did not parse). */
  body: ChatRequestBody | null;
  at: number;
}

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string };
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type ScriptedReply =
  /** The assistant says `content`: one JSON body, or for a streaming request one chunk per `pieces` entry. */
  | { type: 'content'; content: string; pieces?: string[]; delayMs?: number; pieceDelayMs?: number; usage?: Usage | null; model?: string; finishReason?: 'stop' | 'length' | 'content_filter' }
  /** An OpenAI-style error body with this status (and e.g. `retry-after-ms` headers). */
  | { type: 'error'; status: number; message?: string; headers?: Record<string, string> }
  /** Accepts the request and never answers (until the client gives up or the server closes). */
  | { type: 'hang' }
  /** 200 with a body that is not the protocol: broken JSON, or a broken SSE data line when streaming. */
  | { type: 'malformed'; body?: string }
  /** Streams `pieces`, then drops the connection without finishing. */
  | { type: 'broken_stream'; pieces: string[]; pieceDelayMs?: number };

export const reply = {
  content: (content: string, extra: Omit<Extract<ScriptedReply, { type: 'content' }>, 'type' | 'content'> = {}): ScriptedReply => ({ type: 'content', content, ...extra }),
  stream: (pieces: string[], pieceDelayMs = 0, extra: { usage?: Usage | null; model?: string; finishReason?: 'stop' | 'length' | 'content_filter' } = {}): ScriptedReply => ({ type: 'content', content: pieces.join(''), pieces, pieceDelayMs, ...extra }),
  error: (status: number, headers: Record<string, string> = {}, message?: string): ScriptedReply => ({ type: 'error', status, headers, message }),
  hang: (): ScriptedReply => ({ type: 'hang' }),
  malformed: (body?: string): ScriptedReply => ({ type: 'malformed', body }),
  brokenStream: (pieces: string[], pieceDelayMs = 0): ScriptedReply => ({ type: 'broken_stream', pieces, pieceDelayMs }),
};

export interface FakeOpenAiServer {
  /** Base URL for OPENAI_BASE_URL, ending in /v1. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Chat completion requests only, in arrival order. */
  chatRequests(): ChatRequestBody[];
  /** Replies used in order, one per chat completion request. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Used when the queue is empty (default: a 500 saying that nothing was scripted). */
  setDefault(reply: ScriptedReply | ((req: RecordedRequest) => ScriptedReply)): void;
  reset(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function splitForStream(content: string): string[] {
  // Several small pieces, as real servers send tokens.
  const pieces: string[] = [];
  for (let i = 0; i < content.length; i += 4) pieces.push(content.slice(i, i + 4));
  return pieces.length ? pieces : [''];
}

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  let queue: ScriptedReply[] = [];
  const noScript: ScriptedReply = { type: 'error', status: 500, message: 'fake-openai-server: no scripted reply' };
  let fallback: ScriptedReply | ((req: RecordedRequest) => ScriptedReply) = noScript;
  let ids = 0;

  async function answerChat(res: ServerResponse, req: RecordedRequest, script: ScriptedReply, closed: () => boolean) {
    const body = req.body!;
    const id = `chatcmpl-fake-${++ids}`;
    const created = Math.floor(Date.now() / 1000);
    switch (script.type) {
      case 'hang':
        return; // the response stays open; close() or the client ends it
      case 'error':
        res.writeHead(script.status, { 'content-type': 'application/json', ...script.headers });
        res.end(JSON.stringify({ error: { message: script.message ?? `fake error ${script.status}`, type: script.status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } }));
        return;
      case 'malformed':
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.end(`data: ${script.body ?? '{"id": "x", "choices": [{"delta": {"content": "un'}\n\n`);
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(script.body ?? '{"id": "x", "choices": [ {"message": ');
        }
        return;
      case 'broken_stream':
      case 'content': {
        const model = (script.type === 'content' && script.model) || body.model;
        const usage = script.type === 'content' && script.usage !== undefined ? script.usage : { prompt_tokens: 42, completion_tokens: 7 };
        const finishReason = (script.type === 'content' && script.finishReason) || 'stop';
        if (script.type === 'content' && script.delayMs) await sleep(script.delayMs);
        if (closed()) return;
        if (!body.stream && script.type === 'content') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              id,
              object: 'chat.completion',
              created,
              model,
              choices: [{ index: 0, message: { role: 'assistant', content: script.content, refusal: null }, logprobs: null, finish_reason: finishReason }],
              ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
        res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
        const pieces = script.type === 'broken_stream' ? script.pieces : (script.pieces ?? splitForStream(script.content));
        for (const piece of pieces) {
          if (script.pieceDelayMs) await sleep(script.pieceDelayMs);
          if (closed()) return;
          res.write(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
        }
        if (script.type === 'broken_stream') {
          res.socket?.destroy();
          return;
        }
        res.write(chunk([{ index: 0, delta: {}, finish_reason: finishReason }]));
        if (usage && body.stream_options?.include_usage) res.write(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
        res.end('data: [DONE]\n\n');
        return;
      }
    }
  }

  const server = createServer((incoming, res) => {
    const parts: Buffer[] = [];
    incoming.on('data', (c: Buffer) => parts.push(c));
    incoming.on('end', () => {
      let body: ChatRequestBody | null = null;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatRequestBody;
      } catch {
        body = null;
      }
      const recorded: RecordedRequest = { method: incoming.method ?? '', path: (incoming.url ?? '').split('?')[0], headers: incoming.headers, body, at: Date.now() };
      requests.push(recorded);
      if (recorded.method === 'GET' && recorded.path === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'test' }] }));
        return;
      }
      if (recorded.method !== 'POST' || recorded.path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${recorded.method} ${recorded.path}` } }));
        return;
      }
      if (!body || !Array.isArray(body.messages)) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'messages must be an array' } }));
        return;
      }
      const script = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback);
      let isClosed = false;
      res.on('close', () => (isClosed = true));
      answerChat(res, recorded, script, () => isClosed).catch(() => res.destroy());
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions' && r.body).map((r) => r.body!),
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (r) => void (fallback = r),
    reset: () => {
      queue = [];
      requests.length = 0;
      fallback = noScript;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
