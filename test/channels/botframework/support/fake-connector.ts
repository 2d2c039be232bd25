// A local HTTP server playing the Bot Connector service: it receives what the bot sends to the
// activity's serviceUrl (replies, typing, proactive messages) and records each request.
import http from 'node:http';

export interface ConnectorCall {
  method: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Resolves with the first call matching, waiting up to timeoutMs. */
  waitFor(match: (c: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  messages(): ConnectorCall[];
  clear(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        /* not JSON */
      }
      calls.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body, at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `srv-${calls.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    calls,
    async waitFor(match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = calls.find(match);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching connector call within ${timeoutMs} ms; got ${JSON.stringify(calls.map((c) => [c.path, c.body.type]))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    messages: () => calls.filter((c) => c.body.type === 'message'),
    clear: () => void calls.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
