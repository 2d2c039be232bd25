// Worker-only process (`npm run worker`): the same plugins as the HTTP process, no listening socket,
// so BullMQ workers can scale apart from HTTP. Run HTTP instances with RUN_WORKERS=false then.
import { buildApp } from './app.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { createInfrastructure } from './infra/infrastructure.js';

let config;
try {
  loadDotEnv();
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Teller worker cannot start. ${err.message}`);
    process.exit(78);
  }
  throw err;
}
const infra = createInfrastructure(config);
const app = await buildApp({ config: { ...config, RUN_WORKERS: true }, ...infra });
await app.ready();
await app.startWorkers();
app.log.info('workers started');
const stop = async () => {
  await app.close();
  await infra.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
