import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '../../web/widget/sse.js';

function parse(chunks: string[], initialId = ''): { events: SseEvent[]; comments: string[]; retries: number[]; lastEventId: string } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c), onRetry: (ms) => retries.push(ms) }, initialId);
  for (const chunk of chunks) parser.feed(chunk);
  return { events, comments, retries, lastEventId: parser.lastEventId };
}

/** Every way of cutting `text` into two pieces, plus one character at a time. */
function splits(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

const STREAM =
  ': ping\n\n' +
  'id: m1\nevent: message\ndata: {"id":"m1","text":"你好"}\n\n' +
  'event: typing\r\ndata: {"author":"agent",\r\ndata: "typing":true}\r\n\r\n' +
  'retry: 5000\rdata:no-space\r\r' +
  'event: delta\ndata: {"id":"m2","text":"a"}\n\n';

describe('createSseParser', () => {
  it('gives the same events however the stream is chunked (LF, CRLF and CR line ends)', () => {
    const expected = parse([STREAM]);
    expect(expected.events).toEqual([
      { type: 'message', data: '{"id":"m1","text":"你好"}', id: 'm1' },
      { type: 'typing', data: '{"author":"agent",\n"typing":true}', id: 'm1' },
      { type: 'message', data: 'no-space', id: 'm1' },
      { type: 'delta', data: '{"id":"m2","text":"a"}', id: 'm1' },
    ]);
    expect(expected.comments).toEqual(['ping']);
    expect(expected.retries).toEqual([5000]);
    for (const chunks of splits(STREAM)) {
      const got = parse(chunks);
      expect(got.events).toEqual(expected.events);
      expect(got.comments).toEqual(expected.comments);
    }
  });

  it('treats CR then LF split across chunks as one line end, not an empty line', () => {
    const { events } = parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']);
    expect(events).toEqual([{ type: 'message', data: 'a\nb', id: '' }]);
  });

  it('joins multi-line data with newlines and keeps an empty data line', () => {
    const { events } = parse(['data: line 1\ndata:\ndata:  indented\n\n']);
    expect(events[0]?.data).toBe('line 1\n\n indented');
  });

  it('does not dispatch an event that is still incomplete at the end of the input', () => {
    expect(parse(['data: half']).events).toEqual([]);
    expect(parse(['data: half\n']).events).toEqual([]);
  });

  it('keeps the last event id across events, ignores ids containing NUL, and can reset it with an empty id', () => {
    const { events, lastEventId } = parse(['id: 7\ndata: a\n\ndata: b\n\nid: x\u0000y\ndata: c\n\nid\ndata: d\n\n']);
    expect(events.map((e) => e.id)).toEqual(['7', '7', '7', '']);
    expect(lastEventId).toBe('');
  });

  it('records an id even when the event has no data, and starts from a resume id', () => {
    const parser = parse(['id: 42\n\n'], 'old');
    expect(parser.events).toEqual([]);
    expect(parser.lastEventId).toBe('42');
    expect(parse(['data: x\n\n'], 'resume-9').events[0]?.id).toBe('resume-9');
  });

  it('ignores unknown fields and invalid retry values, and strips a leading BOM', () => {
    const { events, retries } = parse(['\uFEFFfoo: bar\nretry: 12s\nevent: state\ndata: {}\n\n']);
    expect(events).toEqual([{ type: 'state', data: '{}', id: '' }]);
    expect(retries).toEqual([]);
  });

  it('decodes UTF-8 split inside a character when fed through a streaming TextDecoder', () => {
    const bytes = new TextEncoder().encode('data: 银行卡挂失\n\n');
    const decoder = new TextDecoder();
    const events: SseEvent[] = [];
    const parser = createSseParser({ onEvent: (e) => events.push(e) });
    for (const byte of bytes) parser.feed(decoder.decode(new Uint8Array([byte]), { stream: true }));
    expect(events[0]?.data).toBe('银行卡挂失');
  });
});
