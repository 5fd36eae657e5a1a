/**
 * Builds one package (run from its directory by its `build` script): `tsc` writes the declarations, esbuild
 * bundles each entry point into one ES module in `dist`. One file per entry point instead of one per source
 * file is what makes the packages quick to import: Node resolves, reads and compiles every module of an
 * import graph separately, and with tsc's one-file-per-source output that per-module cost was most of the
 * import time (issue #7). Dependencies (`@tender/*`, valibot, eventemitter3, node built-ins) stay external imports.
 *
 * @example
 * ```sh
 * node ../../scripts/build-package.ts src/index.ts src/cli/main.ts
 * ```
 * @module
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

/** Entry points relative to the package directory; `src/index.ts` when none are given. */
const entryPoints = process.argv.length > 2 ? process.argv.slice(2) : ['src/index.ts'];

// A clean dist: neither declarations nor modules of deleted source files may be published.
rmSync('dist', { recursive: true, force: true });

const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});

await build({
  entryPoints,
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  // No keepNames: it wraps every function expression in a `defineProperty` call that runs each time the
  // closure is created, which put one on the webhook path per delivery. Error classes set `name` themselves,
  // classes are never renamed here, and nothing reads a function's name.
  keepNames: false,
  sourcemap: true,
  // The published package ships src/, which the map points at; no second copy of the sources in the map.
  sourcesContent: false,
  logLevel: 'warning',
});
