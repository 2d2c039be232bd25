// Isolation helpers for the data-protection tests (the shared ones, plus waitFor).

export { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from '../helpers/isolation.js';

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
