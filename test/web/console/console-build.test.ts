// The console bundle: built by scripts/build-web.ts next to the widget, loadable under the pages'
// CSP (no inline script), and its sources never turn text into markup.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWeb, inlineScriptHashes } from '../../../scripts/build-web.js';

const SOURCES = path.resolve(import.meta.dirname, '../../../web/console');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat();
}

describe('agent console build', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('emits console.js, console.css and console.html that loads them from /assets/', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'teller-console-'));
    const result = await buildWeb({ outdir: dir });
    const names = result.files.map((f) => f.file);
    expect(names).toEqual(expect.arrayContaining(['console.js', 'console.css', 'console.html']));
    const html = await readFile(path.join(dir, 'console.html'), 'utf8');
    expect(html).toContain('<script src="/assets/console.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/console.css">');
    expect(inlineScriptHashes(html)).toEqual([]); // runs under script-src 'self'
    const js = await readFile(path.join(dir, 'console.js'), 'utf8');
    expect(js).not.toMatch(/^\s*(import|export)\s/m);
    expect(js).toContain('login-email'); // the contract's hooks made it into the bundle
    const css = await readFile(path.join(dir, 'console.css'), 'utf8');
    expect(css).toContain('.queue-item');
    expect(css).toMatch(/@media\s?\(max-width:\s?900px\)/);
    const gz = Object.fromEntries(result.files.map((f) => [f.file, f.gzipBytes]));
    expect(gz['console.js']).toBeLessThan(120 * 1024);
  });

  it('keeps every text a text: no HTML sinks in the console sources', async () => {
    const files = (await sourceFiles(SOURCES)).filter((f) => /\.(tsx?|html)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, path.relative(SOURCES, file)).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    }
  });

  it('has the login hooks of the public contract, exactly', async () => {
    const login = await readFile(path.join(SOURCES, 'components/Login.tsx'), 'utf8');
    for (const hook of ['login-email', 'login-password', 'login-submit']) expect(login).toContain(`data-testid="${hook}"`);
  });
});
