/**
 * `pnpm bench`: measures what users run first (the webhook endpoint over HTTP for every provider and every
 * store), then the diagnostics and the rest (in-process pipeline, client calls, cold start, memory, table
 * growth), prints
 * how long each section took against its budget and a Markdown table of medians, spreads and ratios, and
 * writes the same figures to bench/results.json. Figures are measured, never asserted: a missed target is
 * printed as missed.
 *
 * @example
 * ```sh
 * pnpm bench
 * ```
 * @module
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { measureClientCalls } from './client-calls.ts';
import { measureColdStart } from './cold-start.ts';
import { startLoadGenerator } from './endpoint/load-process.ts';
import { measureMemory } from './memory.ts';
import { roundNumbers } from './support/format.ts';
import { describeMachine } from './support/machine.ts';
import { type BenchResults, checkTargets, type SectionTiming } from './support/results.ts';
import { renderTable } from './support/table.ts';
import { measureTableGrowth } from './table-growth.ts';
import { measureProviderEndpoints, measureStoreEndpoints } from './webhook-endpoint.ts';
import { measureWebhookPipeline } from './webhook-pipeline.ts';

/**
 * Sized for a 2-core machine, so that the build and every section finish within five minutes. The
 * endpoint sends a fixed number of deliveries per round, so a slow contender makes its rounds longer:
 * the store section sends fewer per round because a store that syncs to disk on every write is slow.
 */
const PLAN = {
  endpointProviders: { connections: 20, deliveriesPerRound: 2000, warmUpRounds: 1, rounds: 4 },
  endpointStores: { connections: 20, deliveriesPerRound: 500, warmUpRounds: 1, rounds: 4 },
  webhookPipeline: { deliveriesPerRound: 500, warmUpRounds: 20, rounds: 80 },
  clientCalls: {
    callsPerRound: 50,
    warmUpRounds: 5,
    rounds: 30,
    ktwidget: { callsPerRound: 25, warmUpRounds: 2, rounds: 10 },
  },
  coldStart: { warmUpRounds: 1, rounds: 6 },
  memory: { deliveries: 100_000, checkpointEvery: 10_000 },
  tableGrowth: { events: 100_000 },
} as const;

/**
 * Seconds each section may take on a 2-core machine: 222 in all, so that with the build (about a minute
 * alone, more on a busy machine) `pnpm bench` stays under 300.
 */
const BUDGET_SECONDS = {
  'endpoint: providers': 55,
  'endpoint: stores': 35,
  'diagnostic: in-process pipeline': 10,
  'client calls': 12,
  'cold start': 30,
  memory: 15,
  // 100,000 events through the PostgreSQL store's claim and complete: most of this section.
  'table growth': 65,
} as const;

type Section = keyof typeof BUDGET_SECONDS;

const RESULTS_FILE = new URL('./results.json', import.meta.url);
const sections: SectionTiming[] = [];

async function timed<T>(section: Section, measure: () => T | Promise<T>): Promise<T> {
  process.stdout.write(`${section}… `);
  const started = performance.now();
  const result = await measure();
  const seconds = (performance.now() - started) / 1000;
  const budgetSeconds = BUDGET_SECONDS[section];
  sections.push({ section, seconds, budgetSeconds });
  const over = seconds > budgetSeconds ? ' (over budget)' : '';
  process.stdout.write(`${seconds.toFixed(1)} s of ${budgetSeconds} s${over}\n`);
  return result;
}

function installedVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

const machine = describeMachine();
process.stdout.write(`tender bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}\n`);
const started = performance.now();
const load = await startLoadGenerator();
let endpoint: BenchResults['endpoint'];
try {
  const providers = await timed('endpoint: providers', () =>
    measureProviderEndpoints(load, PLAN.endpointProviders),
  );
  const stores = await timed('endpoint: stores', () => measureStoreEndpoints(load, PLAN.endpointStores));
  endpoint = { providers, stores };
} finally {
  await load.stop();
}
const webhookPipeline = await timed('diagnostic: in-process pipeline', () =>
  measureWebhookPipeline(PLAN.webhookPipeline),
);
const clientCalls = await timed('client calls', () => measureClientCalls(PLAN.clientCalls));
const coldStart = await timed('cold start', () => measureColdStart(PLAN.coldStart));
const memory = await timed('memory', () => measureMemory(PLAN.memory));
const tableGrowth = await timed('table growth', () => measureTableGrowth(PLAN.tableGrowth));
const totalSeconds = (performance.now() - started) / 1000;

const measured: Omit<BenchResults, 'targets'> = {
  schemaVersion: 3,
  generatedAt: new Date().toISOString(),
  machine,
  versions: {
    'k2-connect-node': installedVersion('k2-connect-node'),
    express: installedVersion('express'),
    autocannon: installedVersion('autocannon'),
  },
  endpoint,
  diagnostics: { webhookPipeline },
  clientCalls,
  coldStart,
  memory,
  tableGrowth,
  sections,
};
const results: BenchResults = { ...measured, targets: checkTargets(measured) };
writeFileSync(RESULTS_FILE, `${JSON.stringify(results, roundNumbers, 2)}\n`);
process.stdout.write(
  `measurements took ${totalSeconds.toFixed(1)} s (build not included)\n\n${renderTable(results)}\n\nWrote bench/results.json\n`,
);
