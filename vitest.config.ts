import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel; each gets its own database and Redis prefix (test/helpers/context.ts).
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
