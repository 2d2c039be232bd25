// Security headers on every kind of response: API answers, errors Fastify raises before a handler,
// and the pages, which replace the API's Content-Security-Policy with their own (inline scripts by hash).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTeller, type Teller } from './harness.js';

let t: Teller;
beforeAll(async () => {
  t = await startTeller();
});
afterAll(async () => t?.close());

/** A Content-Security-Policy header as directive → sources. */
function directives(policy: unknown): Map<string, string> {
  return new Map(String(policy).split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)] as [string, string]));
}

function expectApiPolicy(policy: unknown) {
  const d = directives(policy);
  expect(d.get('default-src')).toBe("'self'");
  expect(d.get('script-src')).toBe("'self'");
  expect(d.get('connect-src')).toBe("'self'");
  expect(d.get('frame-ancestors')).toBe("'self'");
  expect(d.get('object-src')).toBe("'none'");
}

function expectHelmetHeaders(headers: Record<string, unknown>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  it('come with a customer turn, with the API policy', async () => {
    const c = client(t.app);
    const conv = await c.start('en');
    const res = await c.say(conv, 'hello');
    expect(res.statusCode).toBe(200);
    expectHelmetHeaders(res.headers);
    expectApiPolicy(res.headers['content-security-policy']);
  });

  it('come with errors raised before any handler (404, invalid JSON)', async () => {
    const missing = await t.app.inject({ url: '/api/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expectHelmetHeaders(missing.headers);
    const bad = await t.app.inject({ method: 'POST', url: '/api/conversations', headers: { 'content-type': 'application/json' }, payload: '{"locale":' });
    expect(bad.statusCode).toBe(400);
    expectHelmetHeaders(bad.headers);
    expectApiPolicy(bad.headers['content-security-policy']);
  });

  it('come with the demo page, whose own policy allows its inline scripts by hash only', async () => {
    const page = await t.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expectHelmetHeaders(page.headers);
    const d = directives(page.headers['content-security-policy']);
    expect(d.get('script-src')).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
    expect(d.get('object-src')).toBe("'none'");
  });
});
