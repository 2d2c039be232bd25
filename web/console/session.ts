// The agent's session lives in sessionStorage: it ends with the tab, is not shared with other tabs'
// customers of the demo page, and never touches localStorage.
import type { AgentIdentity, LoginResponse, Role } from './api-types.js';

export interface Session {
  token: string;
  role: Role;
  expiresAt: string;
  agent: AgentIdentity;
}

const KEY = 'teller.console.session';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function sessionFromLogin(r: LoginResponse): Session {
  return { token: r.token, role: r.role, expiresAt: r.expiresAt, agent: r.agent };
}

/** True when the session is past its expiry (or the expiry is unreadable). */
export function isExpired(s: Pick<Session, 'expiresAt'>, now = Date.now()): boolean {
  const t = Date.parse(s.expiresAt);
  return !Number.isFinite(t) || t <= now;
}

export function loadSession(store: KeyValueStore, now = Date.now()): Session | null {
  let raw: string | null = null;
  try {
    raw = store.getItem(KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.token !== 'string' || !s.agent || typeof s.expiresAt !== 'string' || typeof s.role !== 'string') return null;
    const session = s as Session;
    if (isExpired(session, now)) {
      store.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(store: KeyValueStore, s: Session): void {
  try {
    store.setItem(KEY, JSON.stringify(s));
  } catch {
    // Private mode or a full store: the session still works for this page's lifetime.
  }
}

export function clearSession(store: KeyValueStore): void {
  try {
    store.removeItem(KEY);
  } catch {
    /* nothing stored */
  }
}

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** Role hierarchy as on the server: admin ⊇ supervisor ⊇ agent. */
export function hasRole(role: Role | string, atLeast: Role): boolean {
  return (RANK[role as Role] ?? 0) >= RANK[atLeast];
}
