// Process entry: load config, prepare the database, build infrastructure, serve HTTP, run workers,
// and shut down in order on SIGTERM/SIGINT.
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { prepareDatabase } from './bootstrap.js';
import { createInfrastructure } from './infra/infrastructure.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Teller cannot start. ${err.message}`);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}

const infra = createInfrastructure(config);
const app = await buildApp({ config, ...infra });
try {
  if (!config.TELLER_SKIP_MIGRATE) await prepareDatabase({ config, db: infra.db, log: app.log });
  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.RUN_WORKERS) await app.startWorkers();
} catch (err) {
  app.log.fatal({ err }, 'start-up failed');
  await app.close().catch(() => {});
  await infra.close().catch(() => {});
  process.exit(1);
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
    await infra.close();
    clearTimeout(timer);
    process.exit(0);
  } catch (err) {
    app.log.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
