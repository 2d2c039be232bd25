import { describe, expect, it } from 'vitest';
import type { Handoff, HandoffContext } from '../../../web/console/api-types.js';
import { badgesFor, lastCustomerText } from '../../../web/console/badges.js';

function handoff(ctx: Partial<HandoffContext>, reason = 'customer_request'): Pick<Handoff, 'reason' | 'context'> {
  return {
    reason,
    context: { summary: '', transcript: [], intent: null, customer: null, complaint: null, channel: 'web', language: 'zh-CN', ...ctx },
  };
}
const customer = (segment: 'ordinary' | 'key' | 'vip', vulnerable = false) => ({ id: 'c', externalId: null, name: null, segment, vulnerable, customerSince: '2020-01-01', conversations: 1, openComplaints: 0 });

describe('queue badges', () => {
  it('shows nothing for an ordinary request', () => {
    expect(badgesFor(handoff({ customer: customer('ordinary') }))).toEqual([]);
  });

  it('orders urgent, segment, vulnerability and complaint severity', () => {
    const b = badgesFor(handoff({ urgent: true, customer: customer('vip', true), complaint: { reference: 'CMP-2026-000001', status: 'received', severity: 'crisis', category: 'cards' } }));
    expect(b.map((x) => x.kind)).toEqual(['urgent', 'vip', 'vulnerable', 'complaint']);
    expect(b[3]).toMatchObject({ tone: 'danger', severity: 'crisis' });
  });

  it('treats the urgent route as urgent and a key customer as key, and tones complaints by severity', () => {
    expect(badgesFor(handoff({ customer: customer('key') }, 'urgent')).map((x) => x.kind)).toEqual(['urgent', 'key']);
    const low = badgesFor(handoff({ complaint: { reference: 'CMP-2026-000002', status: 'received', severity: 'low', category: 'fees_charges' } }));
    expect(low).toEqual([{ kind: 'complaint', tone: 'neutral', severity: 'low' }]);
    const medium = badgesFor(handoff({ complaint: { reference: 'CMP-2026-000003', status: 'received', severity: 'medium', category: 'cards' } }));
    expect(medium[0].tone).toBe('warning');
  });

  it('previews the last customer message', () => {
    const h = handoff({
      transcript: [
        { id: '1', author: 'customer', text: '卡丢了', createdAt: '2026-11-23T10:00:00Z' },
        { id: '2', author: 'bot', text: '请稍候', createdAt: '2026-11-23T10:00:01Z' },
        { id: '3', author: 'customer', text: '转人工', createdAt: '2026-11-23T10:00:05Z' },
        { id: '4', author: 'system', text: '正在为您转接', createdAt: '2026-11-23T10:00:06Z' },
      ],
    });
    expect(lastCustomerText(h)).toBe('转人工');
    expect(lastCustomerText(handoff({}))).toBe('');
  });
});
