// Process entry: load config, prepare the database, build infrastructure, serve HTTP, run workers,
// and shut down in order on SIGTERM/SIGINT.
import pino from 'pino';
import { privacyLoggerOptions } from './privacy/redaction.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { prepareDatabase } from './bootstrap.js';
import { createInfrastructure } from './infra/infrastructure.js';

let config: Config;
try {
  loadDotEnv();
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Teller cannot start. ${err.message}`);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}

const bootLog = pino({ level: config.LOG_LEVEL, ...privacyLoggerOptions() });
try {
  // Before anything reads the database: create it if needed and apply pending migrations.
  if (!config.TELLER_SKIP_MIGRATE) await prepareDatabase({ config, log: bootLog });
} catch (err) {
  bootLog.fatal({ err }, 'could not prepare the database');
  process.exit(1);
}

const infra = createInfrastructure(config);
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp({ config, ...infra });
  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.RUN_WORKERS) await app.startWorkers();
} catch (err) {
  if (err instanceof ConfigError) console.error(`Teller cannot start. ${err.message}`);
  else bootLog.fatal({ err }, 'start-up failed');
  await infra.close().catch(() => {});
  process.exit(err instanceof ConfigError ? 78 : 1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    app.log.error('shutdown took too long; exiting');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  try {
    await app.close(); // stops accepting connections, runs plugins' onClose hooks
    await infra.close(); // workers, queues, PostgreSQL, Redis
    clearTimeout(timer);
    process.exit(0);
  } catch (err) {
    app.log.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
