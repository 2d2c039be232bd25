/**
 * Incremental Server-Sent Events parser following the WHATWG "event stream interpretation" rules,
 * so the widget can read the stream with fetch (and send an Authorization header) instead of
 * EventSource. Chunks may split anywhere: inside a line, between "\r" and "\n", or mid-field.
 * It works on decoded text; the caller decodes bytes with TextDecoder({ stream: true }).
 */
export interface SseEvent {
  /** `event:` field, "message" when absent. */
  type: string;
  /** `data:` lines joined with "\n". */
  data: string;
  /** The stream's last event ID when this event was dispatched ("" if none yet). */
  id: string;
}

export interface SseHandlers {
  onEvent(event: SseEvent): void;
  /** Comment lines (": ping"), useful as a liveness signal. */
  onComment?(text: string): void;
  /** A valid `retry:` field, in milliseconds. */
  onRetry?(ms: number): void;
}

export interface SseParser {
  feed(chunk: string): void;
  /** The last event ID seen so far (survives across events, as the spec's "last event ID buffer"). */
  readonly lastEventId: string;
}

const LINE_END = /\r\n|\r|\n/g;

export function createSseParser(handlers: SseHandlers, initialLastEventId = ''): SseParser {
  let pending = '';
  let skipLeadingLf = false; // previous chunk ended with "\r"; a "\n" starting this chunk ends the same line
  let bomChecked = false;
  let data = '';
  let eventType = '';
  let idBuffer = initialLastEventId;
  let lastEventId = initialLastEventId;

  const dispatch = (): void => {
    lastEventId = idBuffer;
    if (data === '') {
      eventType = '';
      return;
    }
    const event: SseEvent = {
      type: eventType || 'message',
      data: data.endsWith('\n') ? data.slice(0, -1) : data,
      id: lastEventId,
    };
    data = '';
    eventType = '';
    handlers.onEvent(event);
  };

  const processLine = (line: string): void => {
    if (line === '') return dispatch();
    if (line.charCodeAt(0) === 58 /* ":" */) {
      handlers.onComment?.(line.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* " " */) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data += value + '\n';
        break;
      case 'id':
        if (!value.includes('\u0000')) idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break; // unknown fields are ignored by the spec
    }
  };

  return {
    get lastEventId() {
      return lastEventId;
    },
    feed(chunk: string): void {
      if (chunk === '') return;
      if (!bomChecked) {
        bomChecked = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      if (skipLeadingLf) {
        skipLeadingLf = false;
        if (chunk.charCodeAt(0) === 10) chunk = chunk.slice(1);
      }
      const text = pending + chunk;
      let start = 0;
      LINE_END.lastIndex = 0;
      for (let match = LINE_END.exec(text); match; match = LINE_END.exec(text)) {
        const end = match.index;
        const line = text.slice(start, end);
        start = end + match[0].length;
        if (match[0] === '\r' && start === text.length) skipLeadingLf = true;
        processLine(line);
      }
      pending = text.slice(start);
    },
  };
}
