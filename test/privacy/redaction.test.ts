import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { maskLogValue, privacyLoggerOptions, REDACT_CENSOR, REDACT_PATHS } from '../../src/privacy/redaction.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ level: 'info', ...privacyLoggerOptions() }, stream);
  return { log, lines };
}

describe('pino redaction and masking', () => {
  it('redacts secrets in headers, bodies and nested objects', () => {
    const { log, lines } = capture();
    log.info(
      {
        req: { headers: { authorization: 'Bearer secret-token', cookie: 'sid=abc', host: 'bank.example' } },
        body: { email: 'agent@bank.example', password: 'hunter22' },
        deep: { user: { apiKey: 'sk-123' } },
        token: 'conv-token',
      },
      'login',
    );
    const line = lines[0] as any;
    expect(line.req.headers.authorization).toBe(REDACT_CENSOR);
    expect(line.req.headers.cookie).toBe(REDACT_CENSOR);
    expect(line.req.headers.host).toBe('bank.example');
    expect(line.body.password).toBe(REDACT_CENSOR);
    expect(line.deep.user.apiKey).toBe(REDACT_CENSOR);
    expect(line.token).toBe(REDACT_CENSOR);
    expect(JSON.stringify(line)).not.toMatch(/hunter22|secret-token|sk-123|conv-token/);
  });

  it('masks personal data in messages, interpolation arguments, string fields and errors', () => {
    const { log, lines } = capture();
    log.info({ text: '我的卡号是4111 1111 1111 1111' }, 'customer wrote %s', '手机13812345678');
    log.info('plain message with zhang.san@example.com');
    log.error(new Error('lookup failed for 11010519491231002X'));
    const all = JSON.stringify(lines);
    expect(all).not.toContain('4111 1111 1111 1111');
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain('zhang.san@');
    expect(all).not.toContain('11010519491231002X');
    expect((lines[0] as any).msg).toBe('customer wrote 手机138****5678');
    expect((lines[1] as any).msg).toBe('plain message with z***@example.com');
    expect((lines[2] as any).err.type).toBe('Error');
    expect((lines[2] as any).err.message).toBe('lookup failed for 110***********002X');
  });

  it('leaves amounts, references and non-plain objects alone', () => {
    const date = new Date('2026-10-05T00:00:00Z');
    const masked = maskLogValue({ msg: 'refund 300元 for CMP-2026-000123', at: date, list: ['a', 13812345678] }) as any;
    expect(masked.msg).toBe('refund 300元 for CMP-2026-000123');
    expect(masked.at).toBe(date);
    expect(masked.list).toEqual(['a', 13812345678]);
  });

  it('lists header and secret paths', () => {
    expect(REDACT_PATHS).toContain('req.headers.authorization');
    expect(REDACT_PATHS).toContain('*.password');
    expect(REDACT_PATHS).toContain('*.*.token');
  });
});
