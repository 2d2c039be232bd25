// Conversation tokens: random bearer secrets; only their SHA-256 is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer token of a request: the Authorization header, or ?token= for EventSource clients. */
export function bearerToken(headers: Record<string, string | string[] | undefined>, query?: unknown): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (m) return m[1];
  }
  const q = query as { token?: unknown } | undefined;
  return typeof q?.token === 'string' && q.token ? q.token : undefined;
}
