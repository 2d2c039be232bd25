// The one place that builds ioredis connections. Every key Teller writes goes under REDIS_PREFIX.
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';

export interface RedisFactory {
  /** A new connection; `purpose` names it in CLIENT LIST. Closed by closeAll(). */
  connect(purpose: string, options?: RedisOptions): Redis;
  /** Prefix for application keys (rate limits, relay channels...): `${REDIS_PREFIX}:`. */
  readonly keyPrefix: string;
  readonly bullPrefix: string;
  closeAll(): Promise<void>;
}

export function createRedisFactory(config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX'>): RedisFactory {
  const open = new Set<Redis>();
  return {
    keyPrefix: `${config.REDIS_PREFIX}:`,
    bullPrefix: `${config.REDIS_PREFIX}:bull`,
    connect(purpose, options = {}) {
      const conn = new Redis(config.REDIS_URL, {
        connectionName: `teller:${purpose}`,
        // Keep retrying forever with a capped delay: Redis coming back must heal Teller without a restart.
        retryStrategy: (times) => Math.min(times * 200, 2000),
        ...options,
      });
      // Connection errors are reported by readiness and by the callers' own failures; without a
      // listener ioredis would print every reconnect attempt as an unhandled error event.
      conn.on('error', () => {});
      open.add(conn);
      conn.once('end', () => open.delete(conn));
      return conn;
    },
    async closeAll() {
      await Promise.all(
        [...open].map(async (c) => {
          try {
            await c.quit();
          } catch {
            c.disconnect();
          }
        }),
      );
      open.clear();
    },
  };
}
