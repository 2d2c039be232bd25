// What every view of the console shares: the API client, the session, the UI language and the live
// feed. Provided once by <App>; read with useConsole().
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { FeedEvent, HeldEnvelope, LiveEnvelope, Locale } from '../api-types.js';
import type { Api } from '../api.js';
import type { Translate } from '../i18n.js';
import type { createEmitter, FeedStatus } from '../live-feed.js';
import type { Session } from '../session.js';

export interface ConsoleContextValue {
  api: Api;
  session: Session;
  locale: Locale;
  t: Translate;
  feed: ReturnType<typeof createEmitter<FeedEvent>>;
  live: ReturnType<typeof createEmitter<LiveEnvelope>>;
  held: ReturnType<typeof createEmitter<HeldEnvelope>>;
  feedStatus: FeedStatus;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside <ConsoleContext.Provider>');
  return value;
}

/** The current time, refreshed every `ms` (waiting times tick without refetching). */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
