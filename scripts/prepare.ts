// Runs before `npm start` and `npm test`: everything generated from the sources (Prisma client,
// front-end bundles), skipped when already up to date. Installs nothing.
import { generatePrismaClient } from './prisma-generate.js';

generatePrismaClient();
try {
  const { buildWeb, widgetSizeLine } = await import('./build-web.js');
  const result = await buildWeb({ quiet: true });
  if (!result.skipped) console.log(`web front-ends rebuilt: ${widgetSizeLine(result)}`);
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
}
