/**
 * The browser entry is a plain ES module a page can load: bundled for a neutral platform it imports
 * nothing (no Node module, no dependency), holds nothing secret, and stays small.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

const entry = join(import.meta.dirname, '../../packages/ktwidget/src/browser/index.ts');

describe('@tender/ktwidget/browser', () => {
  it('bundles for the browser with no imports, no secret, and in a few kilobytes', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      minify: true,
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const text = result.outputFiles[0]?.text ?? '';
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(
      inputs.map((input) => input.replace(/^.*packages\/ktwidget\//, '')),
      ['src/browser/dom.ts', 'src/browser/index.ts'],
      'only the browser sources: nothing from Node, core, libsodium or the server part',
    );
    assert.doesNotMatch(text, /\bimport\b[^(]/);
    assert.doesNotMatch(text, /require\(/);
    for (const secretish of ['callbackSecret', 'appKey', 'Auth-Identifier', 'createHmac']) {
      assert.ok(!text.includes(secretish), secretish);
    }
    assert.match(text, /export\s*\{/);
    assert.ok(Buffer.byteLength(text) < 6 * 1024, `${Buffer.byteLength(text)} bytes`);
  });
});
