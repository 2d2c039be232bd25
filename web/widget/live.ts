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

// 400 too: the only thing the stream route validates is the conversation id in the path.
const GONE = [400, 401, 403, 404, 410];

export class LiveConnection {
  private running = false;
  private controller?: AbortController;
  private wake?: () => void;
  private attempt = 0;
  private retryHintMs = 0;

  constructor(private readonly opts: LiveOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.reconnectNow);
    window.addEventListener('offline', this.dropNow);
    document.addEventListener('visibilitychange', this.onVisibility);
    void this.loop();
  }

  stop(): void {
    this.running = false;
    window.removeEventListener('online', this.reconnectNow);
    window.removeEventListener('offline', this.dropNow);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.controller?.abort();
    this.wake?.();
    this.opts.onStatus({ kind: 'idle' });
  }

  /** Skip the remaining wait (the network came back, or the page became visible again). */
  readonly reconnectNow = (): void => {
    this.attempt = 0;
    this.wake?.();
  };

  private readonly dropNow = (): void => {
    this.controller?.abort();
    this.wake?.();
  };

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'visible' && !this.controller) this.reconnectNow();
  };

  private async loop(): Promise<void> {
    let everOpened = false;
    while (this.running) {
      if (!navigator.onLine) {
        this.opts.onStatus({ kind: 'offline' });
        await this.sleep(Infinity);
        continue;
      }
      this.opts.onStatus({ kind: 'connecting' });
      let openedAt = 0;
      try {
        const target = await this.opts.target();
        if (!this.running) return;
        const controller = new AbortController();
        this.controller = controller;
        const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${target.token}` };
        const lastId = this.opts.lastEventId();
        if (lastId) headers['Last-Event-ID'] = lastId;
        const fetchImpl = this.opts.fetchImpl ?? ((input, init) => fetch(input, init));
        const response = await fetchImpl(target.url, { headers, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
        if (GONE.includes(response.status)) {
          this.opts.onGone();
          throw new Error(`conversation gone (${response.status})`);
        }
        if (!response.ok || !response.body) throw new Error(`stream HTTP ${response.status}`);
        openedAt = Date.now();
        this.opts.onStatus({ kind: 'online' });
        this.opts.onOpen(everOpened);
        everOpened = true;
        await this.read(response.body, controller);
      } catch {
        // every failure ends in the same backoff below
      } finally {
        this.controller = undefined;
      }
      if (!this.running) return;
      // A connection that lived a while and then dropped is retried quickly; a flapping one backs off.
      if (openedAt && Date.now() - openedAt > 10_000) this.attempt = 0;
      if (!navigator.onLine) continue;
      const delay = backoffDelay(this.attempt++, Math.random, undefined, this.retryHintMs);
      this.opts.onStatus({ kind: 'reconnecting', retryAt: Date.now() + delay });
      await this.sleep(delay);
    }
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = createSseParser(
      {
        onEvent: (event) => {
          try {
            this.opts.onEvent(event);
          } catch {
            // one bad event must not kill the stream
          }
        },
        onRetry: (ms) => {
          this.retryHintMs = ms;
        },
      },
      this.opts.lastEventId() ?? '',
    );
    const idleMs = this.opts.idleTimeoutMs ?? 45_000;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      if (idle !== undefined) clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), idleMs);
    };
    arm();
    try {
      for (;;) {
        // (no destructuring: esbuild cannot lower it for Safari 13)
        const chunk = await reader.read();
        if (chunk.done) break;
        arm();
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
    } finally {
      if (idle !== undefined) clearTimeout(idle);
      reader.cancel().catch(() => undefined);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      if (Number.isFinite(ms)) timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
