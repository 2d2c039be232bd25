import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../../web/console/route.js';

describe('console hash routes', () => {
  it('parses every view and falls back to the queue', () => {
    expect(parseRoute('')).toEqual({ view: 'queue' });
    expect(parseRoute('#/queue')).toEqual({ view: 'queue' });
    expect(parseRoute('#/c/0b9c6f0e-1d2a-4c3b-9e8f-0123456789ab')).toEqual({ view: 'queue', conversationId: '0b9c6f0e-1d2a-4c3b-9e8f-0123456789ab' });
    expect(parseRoute('#/c/../../etc')).toEqual({ view: 'queue' });
    expect(parseRoute('#/t/0b9c6f0e-1d2a-4c3b-9e8f-0123456789ab')).toEqual({ view: 'transcript', conversationId: '0b9c6f0e-1d2a-4c3b-9e8f-0123456789ab' });
    expect(parseRoute('#/t/<script>')).toEqual({ view: 'queue' });
    expect(parseRoute('#/complaints/cmp-2026-000123')).toEqual({ view: 'complaints', reference: 'CMP-2026-000123' });
    expect(parseRoute('#/complaints/<script>')).toEqual({ view: 'complaints' });
    expect(parseRoute('#/supervisor')).toEqual({ view: 'supervisor' });
    expect(parseRoute('#/dashboard')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'queue' });
  });

  it('round-trips through routeHref', () => {
    const routes: Route[] = [
      { view: 'queue' },
      { view: 'queue', conversationId: '0b9c6f0e-1d2a-4c3b-9e8f-0123456789ab' },
      { view: 'transcript', conversationId: '0b9c6f0e-1d2a-4c3b-9e8f-0123456789ab' },
      { view: 'complaints' },
      { view: 'complaints', reference: 'CMP-2026-000123' },
      { view: 'supervisor' },
      { view: 'dashboard' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
  });
});
