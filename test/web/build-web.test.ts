import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWeb, inlineScriptHashes } from '../../scripts/build-web.js';

describe('buildWeb', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('bundles the widget as one classic script with its styles and copies the demo page', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'teller-web-'));
    const result = await buildWeb({ outdir: dir });
    expect(result.skipped).toBe(false);
    const widget = await readFile(path.join(dir, 'widget.js'), 'utf8');
    // An IIFE (no import/export), with the stylesheet inlined and a separate source map.
    expect(widget).toMatch(/^("use strict";)?\(\(\)=>\{/);
    expect(widget).not.toMatch(/^\s*(import|export)\s/m);
    expect(widget).toContain('.panel{');
    await expect(readFile(path.join(dir, 'widget.js.map'), 'utf8')).resolves.toContain('"sources"');
    // Text only ever enters the DOM as text nodes.
    expect(widget).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(widget).toMatch(/^[\x00-\x7f]*$/); // ASCII-safe on pages that are not UTF-8
    const demo = await readFile(path.join(dir, 'demo.html'), 'utf8');
    expect(demo).toContain('<script src="/widget.js"');
    const sizes = Object.fromEntries(result.files.map((f) => [f.file, f]));
    expect(sizes['widget.js']?.gzipBytes).toBeLessThan(20 * 1024);

    const again = await buildWeb({ outdir: dir });
    expect(again.skipped).toBe(true);
  });

  it('computes CSP hashes for inline scripts only', () => {
    const hashes = inlineScriptHashes('<script src="/widget.js" defer></script><script>alert(1)</script>');
    expect(hashes).toEqual(["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]);
  });
});
