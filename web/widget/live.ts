/**
 * The live event stream, read with fetch so the token travels in the Authorization header and
 * Last-Event-ID can be sent on resume. Reconnects with jittered exponential backoff, treats a
 * silent connection (no ping for idleTimeoutMs) as dead, and reports its state honestly.
 */
import type { FetchLike } from './api.js';
import { backoffDelay } from './backoff.js';
import { createSseParser, type SseEvent } from './sse.js';

export type ConnectionStatus =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'online' }
  | { kind: 'reconnecting'; retryAt: number }
  | { kind: 'offline' };

export interface StreamTarget {
  url: string;
  token: string;
}

export interface LiveOptions {
  /** Where to connect; may first create the conversation. Throwing counts as a failed attempt. */
  target(): Promise<StreamTarget>;
  lastEventId(): string | undefined;
  onEvent(event: SseEvent): void;
  onStatus(status: ConnectionStatus): void;
  /** The stream is open; `resumed` is true after a drop, when missed messages should be fetched. */
  onOpen(resumed: boolean): void;
  /** 400/401/403/404/410: this conversation is gone; the next attempt asks target() again. */
  onGone(): void;
  fetchImpl?: FetchLike;
  /** The server pings every 15 s, so this much silence means the connection is dead. */
  idleTimeoutMs?: number;
}

export interface LiveConnection {
  start(): void;
  stop(): void;
}

// 400 too: the only thing the stream route validates is the conversation id in the path.
const GONE = [400, 401, 403, 404, 410];

export function createLiveConnection(opts: LiveOptions): LiveConnection {
  let running = false;
  let controller: AbortController | undefined;
  let wake: (() => void) | undefined;
  let attempt = 0;
  let retryHintMs = 0;

  /** Skip the remaining wait (the network came back, or the page became visible again). */
  const reconnectNow = (): void => {
    attempt = 0;
    wake?.();
  };
  const dropNow = (): void => {
    controller?.abort();
    wake?.();
  };
  const onVisibility = (): void => {
    if (document.visibilityState === 'visible' && !controller) reconnectNow();
  };
  const listen = (add: boolean): void => {
    const method = add ? 'addEventListener' : 'removeEventListener';
    window[method]('online', reconnectNow);
    window[method]('offline', dropNow);
    document[method]('visibilitychange', onVisibility);
  };

  /** Waits `ms` (Infinity: until woken); wake() ends the wait early. */
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      wake = done;
    });

  async function loop(): Promise<void> {
    let everOpened = false;
    while (running) {
      if (!navigator.onLine) {
        opts.onStatus({ kind: 'offline' });
        await sleep(Infinity);
        continue;
      }
      opts.onStatus({ kind: 'connecting' });
      let openedAt = 0;
      try {
        const target = await opts.target();
        if (!running) return;
        const current = (controller = new AbortController());
        const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${target.token}` };
        const lastId = opts.lastEventId();
        if (lastId) headers['Last-Event-ID'] = lastId;
        const fetchImpl = opts.fetchImpl ?? fetch;
        const response = await fetchImpl(target.url, { headers, signal: current.signal, cache: 'no-store', credentials: 'omit' });
        if (GONE.includes(response.status)) {
          opts.onGone();
          throw new Error(`conversation gone (${response.status})`);
        }
        if (!response.ok || !response.body) throw new Error(`stream HTTP ${response.status}`);
        openedAt = Date.now();
        opts.onStatus({ kind: 'online' });
        opts.onOpen(everOpened);
        everOpened = true;
        await read(response.body, current);
      } catch {
        // every failure ends in the same backoff below
      } finally {
        controller = undefined;
      }
      if (!running) return;
      // A connection that lived a while and then dropped is retried quickly; a flapping one backs off.
      if (openedAt && Date.now() - openedAt > 10_000) attempt = 0;
      if (!navigator.onLine) continue;
      const delay = backoffDelay(attempt++, Math.random, undefined, retryHintMs);
      opts.onStatus({ kind: 'reconnecting', retryAt: Date.now() + delay });
      await sleep(delay);
    }
  }

  async function read(body: ReadableStream<Uint8Array>, current: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = createSseParser(
      {
        onEvent: (event) => {
          try {
            opts.onEvent(event);
          } catch {
            // one bad event must not kill the stream
          }
        },
        onRetry: (ms) => {
          retryHintMs = ms;
        },
      },
      opts.lastEventId() ?? '',
    );
    const idleMs = opts.idleTimeoutMs ?? 45_000;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => current.abort(), idleMs);
    };
    arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      clearTimeout(idle);
      reader.cancel().catch(() => undefined);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      listen(true);
      void loop();
    },
    stop() {
      running = false;
      listen(false);
      controller?.abort();
      wake?.();
      opts.onStatus({ kind: 'idle' });
    },
  };
}
