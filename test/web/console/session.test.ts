import { describe, expect, it } from 'vitest';
import { clearSession, hasRole, isExpired, loadSession, saveSession, type KeyValueStore, type Session } from '../../../web/console/session.js';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const session = (expiresAt: string): Session => ({
  token: 'tok',
  role: 'agent',
  expiresAt,
  agent: { id: 'a1', email: 'a@bank.test', name: 'Li', role: 'agent', languages: ['zh-CN'], skills: [] },
});

describe('console session', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('restores a live session and drops an expired or malformed one', () => {
    const store = memoryStore();
    saveSession(store, session('2026-11-23T18:00:00Z'));
    expect(loadSession(store, now)?.token).toBe('tok');
    saveSession(store, session('2026-11-23T09:00:00Z'));
    expect(loadSession(store, now)).toBeNull();
    expect(store.data.size).toBe(0); // the expired token is not left behind
    store.setItem('teller.console.session', '{"token":1}');
    expect(loadSession(store, now)).toBeNull();
    store.setItem('teller.console.session', 'not json');
    expect(loadSession(store, now)).toBeNull();
    clearSession(store);
    expect(loadSession(store, now)).toBeNull();
  });

  it('treats an unreadable expiry as expired', () => {
    expect(isExpired({ expiresAt: 'soon' }, now)).toBe(true);
    expect(isExpired({ expiresAt: '2026-11-23T10:00:01Z' }, now)).toBe(false);
  });

  it('orders roles like the server', () => {
    expect(hasRole('admin', 'supervisor')).toBe(true);
    expect(hasRole('supervisor', 'supervisor')).toBe(true);
    expect(hasRole('agent', 'supervisor')).toBe(false);
    expect(hasRole('intruder', 'agent')).toBe(false);
  });
});
