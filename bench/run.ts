/**
 * `pnpm bench`: runs the four measurements one after another (webhook pipeline, client calls, cold start,
 * memory), prints a Markdown table of medians and ratios, and writes the same figures to
 * bench/results.json. Figures are measured, never asserted: a missed target is printed as missed.
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
import { measureMemory } from './memory.ts';
import { roundNumbers } from './support/format.ts';
import { describeMachine } from './support/machine.ts';
import { type BenchResults, checkTargets } from './support/results.ts';
import { renderTable } from './support/table.ts';
import { measureWebhookPipeline } from './webhook-pipeline.ts';

/**
 * Sized for a 2-core machine to finish in well under three minutes: short rounds, many of them, so that
 * alternation averages out the machine's drift and the median is stable from run to run.
 */
const PLAN = {
  webhookPipeline: { deliveriesPerRound: 500, warmUpRounds: 20, rounds: 200 },
  clientCalls: { callsPerRound: 50, warmUpRounds: 10, rounds: 100 },
  coldStart: { warmUpRounds: 3, rounds: 30 },
  memory: { deliveries: 100_000, checkpointEvery: 10_000 },
} as const;

const RESULTS_FILE = new URL('./results.json', import.meta.url);

async function timed<T>(label: string, measure: () => T | Promise<T>): Promise<T> {
  process.stdout.write(`${label}… `);
  const started = performance.now();
  const result = await measure();
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

function k2ConnectNodeVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('k2-connect-node/package.json') as { version: string }).version;
}

const machine = describeMachine();
process.stdout.write(`tender bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}\n`);
const webhookPipeline = await timed('webhook pipeline', () => measureWebhookPipeline(PLAN.webhookPipeline));
const clientCalls = await timed('client calls', () => measureClientCalls(PLAN.clientCalls));
const coldStart = await timed('cold start', () => measureColdStart(PLAN.coldStart));
const memory = await timed('memory', () => measureMemory(PLAN.memory));

const results: BenchResults = {
  schemaVersion: 1,
  generatedAt: new Date().toISOString(),
  machine,
  versions: { k2ConnectNode: k2ConnectNodeVersion() },
  webhookPipeline,
  clientCalls,
  coldStart,
  memory,
  targets: checkTargets(webhookPipeline, clientCalls, coldStart, memory),
};
writeFileSync(RESULTS_FILE, `${JSON.stringify(results, roundNumbers, 2)}\n`);
process.stdout.write(`\n${renderTable(results)}\n\nWrote bench/results.json\n`);
