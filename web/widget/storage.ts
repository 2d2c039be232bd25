/**
 * Persistence in localStorage, which can throw (Safari private mode, storage blocked for
 * third-party frames); the widget then keeps working for the life of the page.
 */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStorage(): KeyValue {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
  };
}

export function browserStorage(): KeyValue {
  const fallback = memoryStorage();
  const tryLocal = <T>(use: (s: Storage) => T, otherwise: () => T): T => {
    try {
      return use(window.localStorage);
    } catch {
      return otherwise();
    }
  };
  return {
    get: (key) => tryLocal((s) => s.getItem(key), () => fallback.get(key)),
    set: (key, value) => tryLocal((s) => s.setItem(key, value), () => fallback.set(key, value)),
    remove: (key) => tryLocal((s) => s.removeItem(key), () => fallback.remove(key)),
  };
}

export const CONVERSATION_KEY = 'teller.conversation';
export const OUTBOX_KEY = 'teller.outbox';

export interface StoredConversation {
  id: string;
  token: string;
  /** Set once the conversation closed, so a reload shows the rating instead of an input. */
  closed?: boolean;
  rated?: boolean;
}

export function loadConversation(kv: KeyValue): StoredConversation | null {
  const raw = kv.get(CONVERSATION_KEY);
  if (!raw) return null;
  try {
    const x = JSON.parse(raw) as Partial<StoredConversation> | null;
    if (x && typeof x.id === 'string' && typeof x.token === 'string' && x.id && x.token) {
      return { id: x.id, token: x.token, closed: x.closed === true, rated: x.rated === true };
    }
  } catch {
    // corrupt entry: start afresh
  }
  kv.remove(CONVERSATION_KEY);
  return null;
}

export function saveConversation(kv: KeyValue, conversation: StoredConversation): void {
  const record: StoredConversation = { id: conversation.id, token: conversation.token };
  if (conversation.closed) record.closed = true;
  if (conversation.rated) record.rated = true;
  kv.set(CONVERSATION_KEY, JSON.stringify(record));
}

export function clearConversation(kv: KeyValue): void {
  kv.remove(CONVERSATION_KEY);
}
