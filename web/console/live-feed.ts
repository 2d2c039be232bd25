// The console's live feed: one EventSource on /api/agent/events (the token goes in the query because
// EventSource cannot send headers). The browser reconnects by itself after network blips; when the
// server refuses the stream outright (readyState CLOSED, e.g. an expired token) we ask the app to
// check the session and reopen with a growing delay.
import type { FeedEvent, HeldEnvelope, LiveEnvelope } from './api-types.js';

export type FeedStatus = 'connecting' | 'open' | 'offline';

export interface FeedHandlers {
  onFeed(e: FeedEvent): void;
  onLive(e: LiveEnvelope): void;
  onHeld(e: HeldEnvelope): void;
  onStatus(s: FeedStatus): void;
  /** The server closed the stream for good; resolve false to stop (the session is gone). */
  onRefused(): Promise<boolean>;
}

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

export function openLiveFeed(token: string, h: FeedHandlers, path = '/api/agent/events'): () => void {
  let source: EventSource | null = null;
  let stopped = false;
  let retryMs = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (stopped) return;
    h.onStatus('connecting');
    const es = new EventSource(`${path}?token=${encodeURIComponent(token)}`);
    source = es;
    es.onopen = () => {
      retryMs = 1000;
      h.onStatus('open');
    };
    es.addEventListener('feed', (ev) => {
      const e = parse<FeedEvent>((ev as MessageEvent<string>).data);
      if (e) h.onFeed(e);
    });
    es.addEventListener('live', (ev) => {
      const e = parse<LiveEnvelope>((ev as MessageEvent<string>).data);
      if (e) h.onLive(e);
    });
    es.addEventListener('held', (ev) => {
      const e = parse<HeldEnvelope>((ev as MessageEvent<string>).data);
      if (e) h.onHeld(e);
    });
    es.onerror = () => {
      if (stopped) return;
      h.onStatus('offline');
      if (es.readyState !== EventSource.CLOSED) return; // the browser is already retrying
      es.close();
      void h.onRefused().then((again) => {
        if (!again || stopped) return;
        timer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 30_000);
      });
    };
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}

/** Tiny pub/sub so views subscribe to the one feed the app holds. */
export function createEmitter<T>() {
  const listeners = new Set<(v: T) => void>();
  return {
    emit(v: T) {
      for (const l of [...listeners]) l(v);
    },
    on(l: (v: T) => void): () => void {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}
