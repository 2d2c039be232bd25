// Builds the customer chat widget (web/widget → widget.js, styles inlined), copies the demo bank
// page (web/demo/index.html → demo.html) and builds the agent console (web/console → console.js,
// console.css, console.html; the page loads them from /assets/). `tsx scripts/build-web.ts` builds and prints the sizes
// (minified, gzip, brotli; `--analyze` adds where the widget's bytes come from); scripts/prepare.ts calls buildWeb()
// before start/test, which skips the work when nothing changed.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WIDGET_DIR = path.join(ROOT, 'web/widget');
const DEMO_DIR = path.join(ROOT, 'web/demo');
const CONSOLE_DIR = path.join(ROOT, 'web/console');
// The widget runs on every page of a bank's site, in any browser from mid-2021 on: ES2020 syntax
// (optional chaining, ??, destructuring) and CSS those browsers all understand, so almost nothing
// needs lowering. (esbuild lowers optional chaining for Chrome/Edge before 91 and refuses
// destructuring for Safari before 14.1, both for engine bugs.)
const WIDGET_TARGET = ['es2020', 'chrome91', 'edge91', 'firefox90', 'safari14.1'];

export interface BuildWebOptions {
  /** Output folder, relative to the repository root unless absolute. */
  outdir?: string;
  minify?: boolean;
  /** Rebuild even when the sources are unchanged since the last build. */
  force?: boolean;
  /** Accepted for callers that want silence; buildWeb itself never prints. */
  quiet?: boolean;
}

export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface BuildWebResult {
  outdir: string;
  /** True when the stamp showed the outputs were already up to date. */
  skipped: boolean;
  files: BuiltFile[];
  /** CSP hashes ('sha256-…') of demo.html's inline scripts, for a script-src allowing exactly them. */
  demoScriptHashes: string[];
}

/** Lets `import css from './styles.css'` yield the stylesheet minified as a string. */
const inlineCss = (minify: boolean): esbuild.Plugin => ({
  name: 'inline-css',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const { code } = await esbuild.transform(source, { loader: 'css', minify, target: WIDGET_TARGET });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))),
  );
  return nested.flat().sort();
}

async function sourceDigest(minify: boolean): Promise<string> {
  const hash = createHash('sha256').update(`minify=${minify};esbuild=${esbuild.version}\n`);
  const files = [...(await listFiles(WIDGET_DIR)), ...(await listFiles(DEMO_DIR)), ...(await listFiles(CONSOLE_DIR)), fileURLToPath(import.meta.url)];
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** sha256 CSP sources of every inline <script> (one without src) in an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1] ?? '', 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** Sizes as served: raw, gzip -9 and brotli (quality 11, text mode). */
export function compressedSizes(content: Uint8Array): { bytes: number; gzipBytes: number; brotliBytes: number } {
  return {
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
    brotliBytes: brotliCompressSync(content, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT },
    }).length,
  };
}

async function describe(outdir: string, names: string[]): Promise<BuiltFile[]> {
  return Promise.all(names.map(async (file) => ({ file, ...compressedSizes(await readFile(path.join(outdir, file))) })));
}

export interface WidgetBundle {
  code: Uint8Array;
  /** esbuild's metafile: which inputs the bundle holds and how many bytes each contributes. */
  metafile: esbuild.Metafile;
}

/**
 * Bundles web/widget into one classic script (IIFE) with its stylesheet inlined. With `outfile` it
 * writes the script and its source map; without, it only returns the code (the size test uses that).
 */
export async function bundleWidget({ minify = true, outfile }: { minify?: boolean; outfile?: string } = {}): Promise<WidgetBundle> {
  const result = await esbuild.build({
    entryPoints: [path.join(WIDGET_DIR, 'index.ts')],
    absWorkingDir: ROOT, // metafile paths relative to the repository: web/widget/…
    outfile: outfile ?? path.join(ROOT, 'widget.js'),
    write: outfile !== undefined,
    metafile: true,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: WIDGET_TARGET,
    minify,
    sourcemap: outfile ? 'external' : false,
    legalComments: 'none',
    // ASCII output: the bank page may not be UTF-8, and the Chinese strings must survive any charset.
    charset: 'ascii',
    logLevel: 'silent',
    // Class fields (ES2022) become plain assignments in the constructor instead of defineProperty helpers.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    plugins: [inlineCss(minify)],
  });
  const code = outfile ? await readFile(outfile) : result.outputFiles![0]!.contents;
  return { code, metafile: result.metafile };
}

/** One line for logs: the widget's minified, gzip and brotli size in bytes. */
export function widgetSizeLine(result: BuildWebResult): string {
  const w = result.files.find((f) => f.file === 'widget.js');
  return w ? `widget.js ${w.bytes} bytes, gzip ${w.gzipBytes}, brotli ${w.brotliBytes}` : 'widget.js not built';
}

export async function buildWeb({ outdir = 'public/build', minify = true, force = false }: BuildWebOptions = {}): Promise<BuildWebResult> {
  const out = path.resolve(ROOT, outdir);
  const outputs = ['widget.js', 'demo.html', 'console.js', 'console.css', 'console.html'];
  const stampFile = path.join(out, '.web-build-sha256');
  const digest = await sourceDigest(minify);
  const demoHtml = await readFile(path.join(DEMO_DIR, 'index.html'), 'utf8');
  const demoScriptHashes = inlineScriptHashes(demoHtml);

  const upToDate =
    !force && existsSync(stampFile) && outputs.every((f) => existsSync(path.join(out, f))) && (await readFile(stampFile, 'utf8')) === digest;
  if (upToDate) return { outdir: out, skipped: true, files: await describe(out, outputs), demoScriptHashes };

  await mkdir(out, { recursive: true });
  await bundleWidget({ minify, outfile: path.join(out, 'widget.js') });
  await copyFile(path.join(DEMO_DIR, 'index.html'), path.join(out, 'demo.html'));
  // The agent console: preact + chart.js for current browsers; its stylesheet (imported by main.tsx)
  // comes out as console.css next to console.js. No inline script, so the page runs under script-src 'self'.
  await esbuild.build({
    entryPoints: [path.join(CONSOLE_DIR, 'main.tsx')],
    outfile: path.join(out, 'console.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'safari16'],
    minify,
    sourcemap: 'external',
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  await copyFile(path.join(CONSOLE_DIR, 'index.html'), path.join(out, 'console.html'));
  await writeFile(stampFile, digest);
  return { outdir: out, skipped: false, files: await describe(out, outputs), demoScriptHashes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = performance.now();
  const minify = !process.argv.includes('--no-minify');
  const result = await buildWeb({ force: true, minify });
  const ms = performance.now() - started;
  const kb = (n: number): string => `${(n / 1024).toFixed(1).padStart(6)} KB`;
  for (const f of result.files) {
    console.log(`${path.relative(ROOT, path.join(result.outdir, f.file)).padEnd(28)} ${kb(f.bytes)}  gzip ${kb(f.gzipBytes)}  brotli ${kb(f.brotliBytes)}`);
  }
  if (result.demoScriptHashes.length) console.log(`demo.html inline script CSP: script-src 'self' ${result.demoScriptHashes.join(' ')}`);
  console.log(`built in ${ms.toFixed(0)} ms; ${widgetSizeLine(result)}`);
  if (process.argv.includes('--analyze')) {
    const { metafile } = await bundleWidget({ minify });
    console.log(await esbuild.analyzeMetafile(metafile, { verbose: process.argv.includes('--verbose') }));
  }
}
