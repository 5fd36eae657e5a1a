/**
 * Cold start: how long a fresh `node` process takes to load each library. tender's packages are imported
 * from their build (`dist`, plain `node`, no tsx, no source condition) with `import()`; k2-connect-node
 * (CommonJS) with `require()`, as its users load it. The processes are spawned one after another, rotating
 * the order each round, and the median is kept. See bench/README.md.
 *
 * @example
 * ```ts
 * const result = measureColdStart({ warmUpRounds: 3, rounds: 30 });
 * result.ratios.tenderK2ToK2ConnectNode; // below 1 means tender loads faster
 * ```
 * @module
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ratio, type Summary, summarize } from './support/statistics.ts';

/**
 * How many processes one cold-start measurement spawns per contender.
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
 * Milliseconds for one contender, three ways.
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
 * Cold-start figures per contender and the ratios of import times (lower is better for tender).
 *
 * @example
 * ```ts
 * result.contenders.k2ConnectNode.importMs.median;
 * ```
 */
export interface ColdStartResult extends ColdStartOptions {
  readonly unit: 'ms';
  readonly contenders: {
    readonly tenderK2: ColdStartFigures;
    readonly tenderK2AndWebhooks: ColdStartFigures;
    readonly k2ConnectNode: ColdStartFigures;
    /** A process that loads nothing: the part of `readyMs` and `processMs` no library can remove. */
    readonly emptyProcess: ColdStartFigures;
  };
  readonly ratios: {
    readonly tenderK2ToK2ConnectNode: number;
    readonly tenderK2AndWebhooksToK2ConnectNode: number;
  };
}

type ContenderName = keyof ColdStartResult['contenders'];

/** The child's last line: `{"importMs":…,"readyMs":…}`. */
const REPORT = 'process.stdout.write(JSON.stringify({ importMs: t1 - t0, readyMs: t1 }));';

const CHILD_SCRIPTS: Readonly<
  Record<ContenderName, { readonly type: 'module' | 'commonjs'; readonly code: string }>
> = {
  tenderK2: {
    type: 'module',
    code: `const t0 = performance.now(); await import('@tender/k2'); const t1 = performance.now(); ${REPORT}`,
  },
  tenderK2AndWebhooks: {
    type: 'module',
    code: `const t0 = performance.now(); await import('@tender/k2'); await import('@tender/webhooks'); const t1 = performance.now(); ${REPORT}`,
  },
  k2ConnectNode: {
    type: 'commonjs',
    code: `const t0 = performance.now(); require('k2-connect-node'); const t1 = performance.now(); ${REPORT}`,
  },
  emptyProcess: {
    type: 'module',
    code: `const t0 = performance.now(); const t1 = performance.now(); ${REPORT}`,
  },
};

/** Bare specifiers in `-e` code resolve from the working directory: the bench package sees all contenders. */
const BENCH_DIRECTORY = fileURLToPath(new URL('.', import.meta.url));

interface ChildSample {
  readonly importMs: number;
  readonly readyMs: number;
  readonly processMs: number;
}

function spawnOnce(name: ContenderName): ChildSample {
  const script = CHILD_SCRIPTS[name];
  const started = performance.now();
  const child = spawnSync(process.execPath, [`--input-type=${script.type}`, '-e', script.code], {
    cwd: BENCH_DIRECTORY,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`cold start of ${name} failed: ${child.stderr}`);
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
export function measureColdStart(options: ColdStartOptions): ColdStartResult {
  const names = Object.keys(CHILD_SCRIPTS) as ContenderName[];
  const samples: Record<ContenderName, ChildSample[]> = {
    tenderK2: [],
    tenderK2AndWebhooks: [],
    k2ConnectNode: [],
    emptyProcess: [],
  };
  const total = options.warmUpRounds + options.rounds;
  for (let round = 0; round < total; round += 1) {
    for (let turn = 0; turn < names.length; turn += 1) {
      const name = names[(round + turn) % names.length]!;
      const sample = spawnOnce(name);
      if (round >= options.warmUpRounds) samples[name].push(sample);
    }
  }
  const contenders = {
    tenderK2: figuresOf(samples.tenderK2),
    tenderK2AndWebhooks: figuresOf(samples.tenderK2AndWebhooks),
    k2ConnectNode: figuresOf(samples.k2ConnectNode),
    emptyProcess: figuresOf(samples.emptyProcess),
  };
  const k2ConnectNodeImport = contenders.k2ConnectNode.importMs.median;
  return {
    ...options,
    unit: 'ms',
    contenders,
    ratios: {
      tenderK2ToK2ConnectNode: ratio(contenders.tenderK2.importMs.median, k2ConnectNodeImport),
      tenderK2AndWebhooksToK2ConnectNode: ratio(
        contenders.tenderK2AndWebhooks.importMs.median,
        k2ConnectNodeImport,
      ),
    },
  };
}
