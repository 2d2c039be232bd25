// A turn's request id follows it into the complaint jobs it causes, and into their log lines.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

let t: TellerUnderTest;
beforeAll(async () => {
  t = await startTeller();
});
afterAll(async () => t?.close());

describe('request id through the queues', () => {
  it('stores the filing request id on the outbox jobs of a complaint', async () => {
    const conv = (await t.app.inject({ method: 'POST', url: '/api/conversations', payload: { locale: 'en' } })).json();
    const auth = { authorization: `Bearer ${conv.token}` };
    let last: { complaint?: { reference: string }; replies: Array<{ suggestedActions?: string[] }> } = (
      await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: 'I want to complain: you charged me a 300 dollar annual fee twice on my credit card last week, refund it, call me' }, headers: auth })
    ).json();
    let requestId = '';
    for (let i = 0; i < 8 && !last.complaint; i++) {
      const pick = last.replies.flatMap((r) => r.suggestedActions ?? []).find((s) => /submit|confirm|yes/i.test(s)) ?? 'Submit';
      requestId = `turn-test-${i}`;
      last = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: pick }, headers: { ...auth, 'x-request-id': requestId } })).json();
    }
    expect(last.complaint?.reference).toMatch(/^CMP-\d{4}-\d{6}$/);
    const jobs = await t.infra.db.outboxJob.findMany({ where: { jobId: { contains: last.complaint!.reference } } });
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect((job.payload as { data: { requestId?: string } }).data.requestId).toBe(requestId);
  });

  it('adds the request id to every log line written while handling a request', async () => {
    const { requestContext, requestIdMixin } = await import('../../src/infra/request-context.js');
    const pino = (await import('pino')).default;
    const lines: string[] = [];
    const log = pino({ mixin: requestIdMixin }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    await requestContext.run('req-42', async () => {
      await new Promise((r) => setTimeout(r, 1));
      log.info('inside');
    });
    log.info('outside');
    expect(JSON.parse(lines[0]).requestId).toBe('req-42');
    expect(JSON.parse(lines[1]).requestId).toBeUndefined();
  });
});
