// `npm run kb:import -- <folder> [--dry-run]`: loads a bank's own entries (Markdown, YAML or CSV
// files) into the knowledge base. Reports progress and every bad entry; never stops at the first one.
// Running Teller instances pick the change up on their next start (or POST /api/admin/knowledge/reload).
import { existsSync, statSync } from 'node:fs';
import { readKnowledgeFolder } from './format/index.js';
import { fail, openKnowledgeStore } from './cli.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const dryRun = args.includes('--dry-run');
if (!dir) fail('usage: npm run kb:import -- <folder> [--dry-run]');
if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`${dir} is not a folder`);

const { entries, errors } = await readKnowledgeFolder(dir, (p) => {
  process.stderr.write(`read ${p.filesDone}/${p.filesTotal} files (${p.file}): ${p.entries} entries, ${p.errors} errors\n`);
});
for (const e of errors) console.error(`  skipped ${e.file}${e.index !== undefined ? ` entry ${e.index + 1}` : ''}: ${e.message}`);
if (dryRun) {
  console.log(`dry run: ${entries.length} valid entries, ${errors.length} errors; nothing written`);
  process.exit(errors.length && !entries.length ? 1 : 0);
}

const { store, close } = await openKnowledgeStore();
let lastShown = 0;
const result = await store.upsertMany(entries, 'import', (done, total) => {
  if (done === total || done - lastShown >= 25) {
    lastShown = done;
    process.stderr.write(`imported ${done}/${total}\n`);
  }
});
await close();
for (const e of result.errors) console.error(`  failed ${e.locale}/${e.id}: ${e.message}`);
console.log(`imported ${entries.length - result.errors.length} entries (${result.created} new, ${result.updated} updated); ${errors.length + result.errors.length} errors`);
process.exit(result.errors.length + errors.length > 0 && result.created + result.updated === 0 ? 1 : 0);
