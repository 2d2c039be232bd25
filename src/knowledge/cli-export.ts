// `npm run kb:export -- <folder> [--format yaml|csv|markdown]`: writes the active knowledge base out,
// one file per locale and category (or one CSV), in the formats kb:import reads.
import { exportKnowledge, writeKnowledgeFiles, type KnowledgeFormat } from './format/index.js';
import { fail, openKnowledgeStore } from './cli.js';

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--format');
const fi = args.indexOf('--format');
const format = (fi >= 0 ? args[fi + 1] : 'yaml') as KnowledgeFormat;
if (!dir) fail('usage: npm run kb:export -- <folder> [--format yaml|csv|markdown]');
if (!['yaml', 'csv', 'markdown'].includes(format)) fail(`unknown format ${format}: use yaml, csv or markdown`);

const { store, close } = await openKnowledgeStore();
const entries = await store.active();
await close();
const files = exportKnowledge(entries, format);
await writeKnowledgeFiles(dir, files);
console.log(`exported ${entries.length} entries to ${files.length} ${format} file(s) in ${dir}`);
