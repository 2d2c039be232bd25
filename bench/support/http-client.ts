// A lean keep-alive HTTP/1.1 JSON client for the benchmarks (node:http; fetch costs more CPU per request,
// and on a 2-core machine the load generator competes with the server for the same cores).
import http from 'node:http';

export function jsonClient(base: string, maxSockets = 128) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T }> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method, path, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = text;
            }
            resolve({ status: res.statusCode ?? 0, json: json as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload) req.end(payload);
      else req.end();
    });
  }
  return { request, close: () => agent.destroy() };
}

/** Follows an SSE stream and counts events by type until stopped. */
export function followEvents(base: string, path: string, token: string, onEvent: (type: string, data: string) => void) {
  const url = new URL(base);
  const req = http.request({ host: url.hostname, port: url.port, path, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let idx;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const type = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (type && data) onEvent(type, data);
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return () => req.destroy();
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
