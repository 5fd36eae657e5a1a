/**
 * Cold start: how long a fresh `node` process takes to load each library. tender's packages are imported
 * from their build (`dist`, plain `node`, no tsx, no source condition) with `import()`; k2-connect-node
 * (CommonJS) with `require()`, as its users load it. The processes are spawned one after another, rotating
 * the order each round, and the median is kept. See bench/README.md.
 *
 * @example
 * ```ts
 * const result = measureColdStart({ warmUpRounds: 3, rounds: 30 });
 * result.ratios.tenderK2; // below 1 means @tender/k2 loads faster than k2-connect-node
 * ```
 * @module
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ratio, type Summary, summarize } from './support/statistics.ts';

/**
 * How many processes one cold-start measurement spawns per entry.
 *
 * @example
 * ```ts
 * const options: ColdStartOptions = { warmUpRounds: 3, rounds: 30 };
 * ```
 */
export interface ColdStartOptions {
  /** Rounds thrown away first: they fill the operating system's file cache. */
  readonly warmUpRounds: number;
  readonly rounds: number;
}

/**
 * Milliseconds for one entry, three ways.
 *
 * @example
 * ```ts
 * figures.importMs.median; // time spent inside import()/require()
 * ```
 */
export interface ColdStartFigures {
  /** Time inside `import()`/`require()` alone, measured in the child with `performance.now()`. */
  readonly importMs: Summary;
  /** From the child's time origin (process start) to the library being loaded: Node's boot plus the import. */
  readonly readyMs: Summary;
  /** Spawn to exit as the parent sees it, process creation and teardown included. */
  readonly processMs: Summary;
}

/**
 * One process the cold-start measurement spawns: what it loads, as the library's users load it.
 *
 * @example
 * ```ts
 * const entry: ColdStartEntry = { name: 'tenderK2', label: '@tender/k2', type: 'module', load: "await import('@tender/k2');" };
 * ```
 */
export interface ColdStartEntry {
  /** Key in results.json; entries whose name starts with `tender` get a ratio to k2-connect-node. */
  readonly name: string;
  readonly label: string;
  /** How the child's code is run: an ES module (`import()`) or CommonJS (`require()`). */
  readonly type: 'module' | 'commonjs';
  /** The statements that load the library; timed in the child. */
  readonly load: string;
}

const tenderImport = (name: string, label: string, ...packages: string[]): ColdStartEntry => ({
  name,
  label,
  type: 'module',
  load: packages.map((specifier) => `await import('${specifier}');`).join(' '),
});

/**
 * Everything the cold-start measurement loads, one fresh process each. Every tender package is listed on
 * its own (from its build, as an application imports it); to add a package, add a line here and make it a
 * dev dependency of the bench package.
 *
 * @example
 * ```ts
 * COLD_START_ENTRIES.map((entry) => entry.name); // ['tenderCore', 'tenderK2', ...]
 * ```
 */
export const COLD_START_ENTRIES: readonly ColdStartEntry[] = [
  tenderImport('tenderCore', '@tender/core', '@tender/core'),
  tenderImport('tenderK2', '@tender/k2', '@tender/k2'),
  tenderImport('tenderK2Legacy', '@tender/k2-legacy', '@tender/k2-legacy'),
  tenderImport('tenderWebhooks', '@tender/webhooks', '@tender/webhooks'),
  tenderImport('tenderK2AndWebhooks', '@tender/k2 + @tender/webhooks', '@tender/k2', '@tender/webhooks'),
  tenderImport('tenderSandbox', '@tender/sandbox', '@tender/sandbox'),
  tenderImport('tenderPaykassma', '@tender/paykassma', '@tender/paykassma'),
  tenderImport('tenderKtwidget', '@tender/ktwidget', '@tender/ktwidget'),
  tenderImport('tenderStorePostgres', '@tender/store-postgres', '@tender/store-postgres'),
  tenderImport('tenderStoreRedis', '@tender/store-redis', '@tender/store-redis'),
  {
    name: 'k2ConnectNode',
    label: 'k2-connect-node 1.3.0',
    type: 'commonjs',
    load: "require('k2-connect-node');",
  },
  { name: 'emptyProcess', label: 'empty process', type: 'module', load: '' },
];

/** The entry every tender package's import time is compared with. */
const REFERENCE = 'k2ConnectNode';

/**
 * Cold-start figures per entry, and each tender entry's import time over k2-connect-node's (lower is better
 * for tender).
 *
 * @example
 * ```ts
 * result.contenders.k2ConnectNode.importMs.median;
 * result.ratios.tenderK2; // @tender/k2 import / k2-connect-node require
 * ```
 */
export interface ColdStartResult extends ColdStartOptions {
  readonly unit: 'ms';
  readonly contenders: Readonly<Record<string, ColdStartFigures & { readonly label: string }>>;
  /** `importMs` median of each tender entry over k2-connect-node's, by entry name. */
  readonly ratios: Readonly<Record<string, number>>;
}

/** The child's last line: `{"importMs":…,"readyMs":…}`. */
const REPORT = 'process.stdout.write(JSON.stringify({ importMs: t1 - t0, readyMs: t1 }));';

/** Bare specifiers in `-e` code resolve from the working directory: the bench package sees all contenders. */
const BENCH_DIRECTORY = fileURLToPath(new URL('.', import.meta.url));

interface ChildSample {
  readonly importMs: number;
  readonly readyMs: number;
  readonly processMs: number;
}

function spawnOnce(entry: ColdStartEntry): ChildSample {
  const code = `const t0 = performance.now(); ${entry.load} const t1 = performance.now(); ${REPORT}`;
  const started = performance.now();
  const child = spawnSync(process.execPath, [`--input-type=${entry.type}`, '-e', code], {
    cwd: BENCH_DIRECTORY,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`cold start of ${entry.label} failed: ${child.stderr}`);
  const reported = JSON.parse(child.stdout) as { importMs: number; readyMs: number };
  return { ...reported, processMs };
}

function figuresOf(samples: readonly ChildSample[]): ColdStartFigures {
  return {
    importMs: summarize(samples.map((sample) => sample.importMs)),
    readyMs: summarize(samples.map((sample) => sample.readyMs)),
    processMs: summarize(samples.map((sample) => sample.processMs)),
  };
}

/**
 * Runs the cold-start measurement; the packages must have been built (`pnpm build`).
 *
 * @example
 * ```ts
 * const { contenders } = measureColdStart({ warmUpRounds: 3, rounds: 30 });
 * ```
 */
export function measureColdStart(
  options: ColdStartOptions,
  entries: readonly ColdStartEntry[] = COLD_START_ENTRIES,
): ColdStartResult {
  const samples = entries.map(() => [] as ChildSample[]);
  const total = options.warmUpRounds + options.rounds;
  for (let round = 0; round < total; round += 1) {
    for (let turn = 0; turn < entries.length; turn += 1) {
      const index = (round + turn) % entries.length;
      const sample = spawnOnce(entries[index]!);
      if (round >= options.warmUpRounds) samples[index]!.push(sample);
    }
  }
  const contenders: Record<string, ColdStartFigures & { label: string }> = {};
  entries.forEach((entry, index) => {
    contenders[entry.name] = { label: entry.label, ...figuresOf(samples[index]!) };
  });
  const reference = contenders[REFERENCE]!.importMs.median;
  const ratios: Record<string, number> = {};
  for (const entry of entries) {
    if (!entry.name.startsWith('tender')) continue;
    ratios[entry.name] = ratio(contenders[entry.name]!.importMs.median, reference);
  }
  return { ...options, unit: 'ms', contenders, ratios };
}
