import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { utterancesToCsv } from '../../../src/nlu/eval/dataset.js';
import { heldOutUtterances, trainingUtterances } from './fixtures.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const run = promisify(execFile);

async function evalIntents(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/nlu/eval/eval-intents.ts', ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('eval:intents command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'teller-eval-'));
    await writeFile(join(dir, 'train.csv'), utterancesToCsv(trainingUtterances));
    await writeFile(join(dir, 'test.csv'), utterancesToCsv(heldOutUtterances.map(([text, label]) => ({ text, label }))));
    await writeFile(join(dir, 'bad.csv'), 'text,category\n"never closed,card_lost\n');
  });

  it('trains, classifies and ends stdout with the summary line', async () => {
    const { code, stdout, stderr } = await evalIntents(['--train', join(dir, 'train.csv'), '--test', join(dir, 'test.csv')]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^accuracy=\d\.\d{3} macroF1=\d\.\d{3} p50_ms=\d+\.\d{3} p99_ms=\d+\.\d{3} train_s=\d+\.\d$/);
    expect(Number(/accuracy=(\S+)/.exec(lines.at(-1)!)![1])).toBeGreaterThanOrEqual(0.9);
    expect(stderr).toMatch(/train: 48 utterances, 4 intents/);
  }, 60_000);

  it.each([
    ['a missing file', (d: string) => ['--train', join(d, 'nope.csv'), '--test', join(d, 'test.csv')], /nope\.csv: no such file/],
    ['a malformed file', (d: string) => ['--train', join(d, 'train.csv'), '--test', join(d, 'bad.csv')], /malformed CSV: unterminated quoted field/],
    ['a missing argument', (d: string) => ['--train', join(d, 'train.csv')], /--train and --test are required/],
  ])('exits with code 2 and a clear message for %s', async (_name, args, message) => {
    const { code, stdout, stderr } = await evalIntents(args(dir));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).not.toMatch(/accuracy=/);
  }, 60_000);
});
