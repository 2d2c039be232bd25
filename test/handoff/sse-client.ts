// A minimal Server-Sent Events reader over fetch streaming, for tests and the bench: collects events
// and lets a caller wait for the first one matching a predicate.
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
  at: number;
}

export interface SseStream {
  events: SseEvent[];
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`SSE ${url} gave ${res.status}`);
  const events: SseEvent[] = [];
  const waiters = new Set<{ match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }>();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: '', at: performance.now() };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const i = line.indexOf(':');
            const field = i < 0 ? line : line.slice(0, i);
            const v = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            if (field === 'event') e.event = v;
            else if (field === 'data') data.push(v);
            else if (field === 'id') e.id = v;
          }
          if (!data.length) continue;
          e.data = data.join('\n');
          events.push(e);
          for (const w of waiters) if (w.match(e)) (waiters.delete(w), w.resolve(e));
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    waitFor(match, timeoutMs = 5000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { match, resolve: (e: SseEvent) => (clearTimeout(timer), resolve(e)) };
        const timer = setTimeout(() => (waiters.delete(w), reject(new Error(`no matching SSE event within ${timeoutMs} ms; got ${events.map((x) => x.event).join(',')}`))), timeoutMs);
        waiters.add(w);
      });
    },
    close() {
      controller.abort();
    },
  };
}
