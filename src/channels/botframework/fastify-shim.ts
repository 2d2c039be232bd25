// botbuilder's CloudAdapter.process(req, res, logic) expects an Express/Restify-like pair: a request
// with a parsed `body`, `headers` and `method`, and a response with status(), header(), send(), end().
// Fastify's reply is not that shape, so this shim adapts it. The adapter calls status → send? → end
// exactly once per request; the reply is sent on end(). Error answers are rewritten into Teller's
// contract shape {"error": {"code", "message"}}, with 5xx details hidden.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../http/errors.js';

export interface BotRequest {
  body?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  method?: string;
}

export interface BotResponse {
  socket: unknown;
  status(code: number): BotResponse;
  header(name: string, value: unknown): BotResponse;
  send(body?: unknown): BotResponse;
  end(): BotResponse;
  /** True once end() has sent the reply. */
  readonly ended: boolean;
}

export function toBotRequest(request: Pick<FastifyRequest, 'body' | 'headers' | 'method'>): BotRequest {
  const body = request.body;
  return {
    body: body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined,
    headers: request.headers,
    method: request.method,
  };
}

const codeOfStatus = (status: number): ErrorCode =>
  status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : status >= 500 ? (status === 503 ? 'unavailable' : 'internal') : 'bad_request';

function errorMessage(status: number, body: unknown): string {
  if (status >= 500) return 'internal error';
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 300);
  if (status === 401) return 'missing or invalid Bot Framework credentials';
  if (status === 405) return 'only POST is accepted';
  return 'the activity was refused';
}

export function toBotResponse(reply: Pick<FastifyReply, 'code' | 'header' | 'send'> & { raw?: { socket?: unknown } }): BotResponse {
  let status = 200;
  let body: unknown;
  let ended = false;
  const res: BotResponse = {
    socket: reply.raw?.socket,
    get ended() {
      return ended;
    },
    status(code) {
      status = code;
      return res;
    },
    header(name, value) {
      reply.header(name, value);
      return res;
    },
    send(payload) {
      body = payload;
      return res;
    },
    end() {
      if (ended) return res;
      ended = true;
      reply.code(status);
      if (status >= 400) void reply.send({ error: { code: codeOfStatus(status), message: errorMessage(status, body) } });
      else if (body === undefined || body === null) void reply.send();
      else void reply.send(body);
      return res;
    },
  };
  return res;
}
