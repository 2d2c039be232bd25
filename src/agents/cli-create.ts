// `npm run agent:create -- --email a@bank.example --name "An Agent" --role agent|supervisor|admin
//   [--languages zh-CN,en] [--skills cards,loans] [--password ...]`
// Without --password it is read from the terminal (not echoed) or from TELLER_NEW_AGENT_PASSWORD.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { loadConfig, loadDotEnv } from '../config.js';
import { createDatabase } from '../infra/database.js';
import { applyMigrations, ensureDatabase } from '../infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from '../infra/paths.js';
import { createAgentAccounts } from './accounts.js';

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'agent' }, languages: { type: 'string', default: 'zh-CN,en' }, skills: { type: 'string', default: '' }, password: { type: 'string' }, 'max-concurrent': { type: 'string', default: '3' } },
});
const input = z
  .object({
    email: z.email({ message: '--email must be an e-mail address' }),
    name: z.string({ message: '--name is required' }).min(1),
    role: z.enum(['agent', 'supervisor', 'admin'], { message: '--role is agent, supervisor or admin' }),
    languages: z.array(z.enum(['zh-CN', 'en'], { message: '--languages takes zh-CN and/or en' })).min(1),
    skills: z.array(z.string()),
    maxConcurrent: z.coerce.number().int().min(1).max(50),
  })
  .safeParse({ ...values, languages: values.languages!.split(',').map((s) => s.trim()).filter(Boolean), skills: values.skills!.split(',').map((s) => s.trim()).filter(Boolean), maxConcurrent: values['max-concurrent'] });
if (!input.success) {
  console.error(`agent:create: ${input.error.issues.map((i) => i.message).join('; ')}`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (values.password) return values.password;
  if (process.env.TELLER_NEW_AGENT_PASSWORD) return process.env.TELLER_NEW_AGENT_PASSWORD;
  if (!process.stdin.isTTY) {
    console.error('agent:create: give --password, TELLER_NEW_AGENT_PASSWORD, or run in a terminal');
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {}; // no echo
  process.stdout.write('password: ');
  const pw = await rl.question('');
  rl.close();
  process.stdout.write('\n');
  return pw;
}

const password = await readPassword();
if (password.length < 10) {
  console.error('agent:create: the password needs at least 10 characters');
  process.exit(2);
}
loadDotEnv();
const config = loadConfig(process.env);
await ensureDatabase(config.DATABASE_URL);
await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR });
const db = createDatabase(config);
try {
  const agent = await createAgentAccounts(db, { sessionTtlHours: config.AGENT_SESSION_TTL_HOURS }).create({ ...input.data, password });
  await db.auditLog.create({ data: { actor: 'operator', action: 'agent.create', subjectType: 'agent', subjectId: agent.id, detail: { email: agent.email, role: agent.role } } });
  console.log(`created ${agent.role} ${agent.email} (${agent.id})`);
} catch (err) {
  if ((err as { code?: string }).code === 'P2002') {
    console.error(`agent:create: an agent with e-mail ${input.data.email} already exists`);
    process.exit(1);
  }
  throw err;
} finally {
  await db.$disconnect();
}
