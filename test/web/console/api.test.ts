import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, withQuery } from '../../../web/console/api.js';

function fakeFetch(status: number, body: unknown) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

describe('console API client', () => {
  it('sends the bearer token and JSON body', async () => {
    const fetch = fakeFetch(201, { message: { id: 'm1' } });
    const api = createApi({ getToken: () => 'tok', onUnauthorized: () => {}, fetch });
    await expect(api.post('/api/agent/conversations/x/messages', { text: 'hi' })).resolves.toEqual({ message: { id: 'm1' } });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/agent/conversations/x/messages');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(init?.body).toBe('{"text":"hi"}');
  });

  it('keeps status, code and message of failures, and reports 401 so the app can return to login', async () => {
    const onUnauthorized = vi.fn();
    const api = createApi({ getToken: () => 'old', onUnauthorized, fetch: fakeFetch(401, { error: { code: 'unauthorized', message: 'expired' } }) });
    const err = await api.get('/api/agent/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', message: 'expired' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat a wrong password at login as an expired session', async () => {
    const onUnauthorized = vi.fn();
    const api = createApi({ getToken: () => null, onUnauthorized, fetch: fakeFetch(401, { error: { code: 'unauthorized', message: 'wrong e-mail or password' } }) });
    await expect(api.postAnonymous('/api/agent/login', { email: 'a', password: 'b' })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('tells a route this server does not serve from a record that is not found', async () => {
    const missing = await createApi({ getToken: () => 't', onUnauthorized: () => {}, fetch: fakeFetch(404, { error: { code: 'not_found', message: 'no route GET /api/analytics/kpis' } }) })
      .get('/api/analytics/kpis')
      .then(() => expect.unreachable(), (e: unknown) => e as ApiError);
    expect(missing.missing).toBe(true);
    const record = await createApi({ getToken: () => 't', onUnauthorized: () => {}, fetch: fakeFetch(404, { error: { code: 'not_found', message: 'complaint not found' } }) })
      .get('/api/complaints/CMP-2026-000001')
      .then(() => expect.unreachable(), (e: unknown) => e as ApiError);
    expect(record.missing).toBe(false);
    const conflict = await createApi({ getToken: () => 't', onUnauthorized: () => {}, fetch: fakeFetch(409, { error: { code: 'conflict', message: 'already claimed' } }) })
      .post('/api/agent/handoffs/h/claim')
      .then(() => expect.unreachable(), (e: unknown) => e as ApiError);
    expect(conflict).toMatchObject({ status: 409, code: 'conflict', message: 'already claimed' });
  });

  it('turns network failures into an ApiError with status 0', async () => {
    const api = createApi({ getToken: () => 't', onUnauthorized: () => {}, fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    await expect(api.get('/api/agent/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/complaints', { status: '', severity: 'high', limit: 50, x: undefined, y: null })).toBe('/api/complaints?severity=high&limit=50');
    expect(withQuery('/a?b=1', { c: 'd e' })).toBe('/a?b=1&c=d+e');
    expect(withQuery('/a', {})).toBe('/a');
  });
});
