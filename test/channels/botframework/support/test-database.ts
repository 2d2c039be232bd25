// Isolation for the channel tests: the shared helpers (no application code imported).
export { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from '../../../helpers/isolation.js';
