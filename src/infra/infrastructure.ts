// Builds the process's infrastructure once (database, Redis, queues) and closes it in order.
import type { Config } from '../config.js';
import { createDatabase, type Database } from './database.js';
import { createQueueFactory, type QueueFactory } from './queues.js';
import { createRedisFactory, type RedisFactory } from './redis.js';

export interface Infrastructure {
  db: Database;
  redis: RedisFactory;
  queues: QueueFactory;
  /** Workers first (in-flight jobs finish), then queues, then PostgreSQL, then Redis. */
  close(): Promise<void>;
}

export function createInfrastructure(config: Config): Infrastructure {
  const db = createDatabase(config);
  const redis = createRedisFactory(config);
  const queues = createQueueFactory(redis);
  return {
    db,
    redis,
    queues,
    async close() {
      await queues.closeWorkers();
      await queues.closeQueues();
      await db.$disconnect();
      await redis.closeAll();
    },
  };
}
