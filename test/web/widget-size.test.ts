// widget.js loads on every page of the bank's site, so its size is held to a budget: the production
// bundle is built in memory (the same esbuild settings as public/build) and measured. A dependency
// pulled into the widget (importing zod adds over 400 KB), a second copy of the stylesheet or the
// string tables, or lowering to an old target would each break it. Raise a budget only on purpose.
import { describe, expect, it } from 'vitest';
import { bundleWidget, compressedSizes } from '../../scripts/build-web.js';

const KB = 1024;
const BUDGET = { minified: 38 * KB, gzip: 15 * KB, brotli: 13.5 * KB };

describe('widget.js size budget', () => {
  it('stays small, minified and compressed', async () => {
    const { code } = await bundleWidget();
    const sizes = compressedSizes(code);
    console.log(`widget.js: ${sizes.bytes} bytes minified, gzip ${sizes.gzipBytes}, brotli ${sizes.brotliBytes}`);
    expect(sizes.bytes).toBeLessThanOrEqual(BUDGET.minified);
    expect(sizes.gzipBytes).toBeLessThanOrEqual(BUDGET.gzip);
    expect(sizes.brotliBytes).toBeLessThanOrEqual(BUDGET.brotli);
  });

  it('is made of the widget sources only: no package is bundled into it', async () => {
    const { metafile } = await bundleWidget();
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((file) => !file.startsWith('web/widget/'))).toEqual([]);
    // Each source contributes once; the stylesheet is inlined as a single string.
    const output = Object.values(metafile.outputs)[0]!;
    const css = output.inputs['web/widget/styles.css']?.bytesInOutput ?? 0;
    expect(css).toBeGreaterThan(0);
    expect(css).toBeLessThanOrEqual(7.5 * KB);
  });
});
