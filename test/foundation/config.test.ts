import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { ROOT_DIR } from '../../src/infra/paths.js';

const run = promisify(execFile);

describe('configuration', () => {
  it('has the contract defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/teller');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.BODY_LIMIT_BYTES).toBe(64 * 1024);
    expect(c.LLM_TIMEOUT_MS).toBe(8000);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ RUN_WORKERS: 'maybe' }, 'RUN_WORKERS'],
    [{ TELLER_ADMIN_EMAIL: 'admin@bank.test' }, 'TELLER_ADMIN_PASSWORD'],
    [{ TELLER_ADMIN_EMAIL: 'not-an-email', TELLER_ADMIN_PASSWORD: 'long enough pass' }, 'TELLER_ADMIN_EMAIL'],
  ])('refuses %j naming %s', (env, variable) => {
    try {
      loadConfig(env);
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.map((i) => i.variable)).toEqual([variable]);
      expect((err as Error).message).toContain(variable);
    }
  });

  it('stops start-up with one clear message naming the variable', async () => {
    const result = await run(`${ROOT_DIR}/node_modules/.bin/tsx`, ['src/main.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, PORT: 'eighty', TELLER_SKIP_MIGRATE: 'true' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Teller cannot start\. Invalid configuration: PORT: /);
  });
});
