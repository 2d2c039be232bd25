// The request id of the work in progress, carried through async calls (AsyncLocalStorage): set per
// HTTP request, written into the jobs a request enqueues, and restored while a worker runs such a job,
// so one turn's log lines share a requestId from the HTTP handler through the queues.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ requestId: string }>();

export const requestContext = {
  run<T>(requestId: string, fn: () => T): T {
    return storage.run({ requestId }, fn);
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};

/** pino mixin: every log line written inside a request or a job carries its requestId. */
export function requestIdMixin(): Record<string, string> {
  const id = storage.getStore()?.requestId;
  return id ? { requestId: id } : {};
}
