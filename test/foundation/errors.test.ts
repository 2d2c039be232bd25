import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

let t: TellerUnderTest;
beforeAll(async () => {
  t = await startTeller();
});
afterAll(async () => t?.close());

describe('HTTP error shapes', () => {
  it('serves /healthz and /readyz', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toMatchObject({ postgres: { ok: true }, redis: { ok: true } });
  });

  it('answers an unknown route with 404 in the contract shape', async () => {
    const res = await t.app.inject({ url: '/no/such/route' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('/no/such/route') } });
  });
});
