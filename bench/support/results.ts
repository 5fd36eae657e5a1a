import type { ClientCallsResult } from '../client-calls.ts';
import type { ColdStartResult } from '../cold-start.ts';
import type { MemoryResult } from '../memory.ts';
import type { TableGrowthResult } from '../table-growth.ts';
import type { ProviderEndpointResult, StoreEndpointResult } from '../webhook-endpoint.ts';
import type { WebhookPipelineResult } from '../webhook-pipeline.ts';
import type { MachineDescription } from './machine.ts';
import { atLeast, atMost, type TargetCheck } from './targets.ts';

/**
 * How long each section of one run took, in seconds, and the whole run's budget.
 *
 * @example
 * ```ts
 * const timing: SectionTiming = { section: 'endpoint: providers', seconds: 41.2, budgetSeconds: 75 };
 * ```
 */
export interface SectionTiming {
  readonly section: string;
  readonly seconds: number;
  readonly budgetSeconds: number;
}

/**
 * Everything one `pnpm bench` run measured: the shape of bench/results.json (documented key by key in
 * bench/README.md).
 *
 * @example
 * ```ts
 * const results: BenchResults = JSON.parse(readFileSync('bench/results.json', 'utf8'));
 * results.endpoint.providers.k2.ratios.floor.deliveriesPerSecond;
 * ```
 */
export interface BenchResults {
  /** Bumped when a key changes meaning. */
  readonly schemaVersion: 3;
  readonly generatedAt: string;
  readonly machine: MachineDescription;
  readonly versions: Readonly<Record<string, string>>;
  readonly endpoint: {
    readonly providers: Readonly<Record<string, ProviderEndpointResult>>;
    readonly stores: StoreEndpointResult;
  };
  readonly diagnostics: {
    readonly webhookPipeline: WebhookPipelineResult;
  };
  readonly clientCalls: ClientCallsResult;
  readonly coldStart: ColdStartResult;
  readonly memory: MemoryResult;
  readonly tableGrowth: TableGrowthResult;
  readonly sections: readonly SectionTiming[];
  readonly targets: readonly TargetCheck[];
}

/** The names of the targets, shared by results.json and the table. */
export const TARGET = {
  k2EndpointVsFloor: 'K2 endpoint: tender / floor, deliveries/s',
  k2EndpointVsK2ConnectNode: 'K2 endpoint: tender / k2-connect-node + Express, deliveries/s',
  sqliteRate: 'K2 endpoint: SQLite store / memory store, deliveries/s',
  sqliteP99: 'K2 endpoint: SQLite store / memory store, p99 answer time',
  pipelineVsK2ConnectNode: 'in-process pipeline: tender / k2-connect-node webhookHandler',
  clientCallsVsK2ConnectNode: 'client calls: tender / k2-connect-node',
  coldStartK2: 'cold start: @tender/k2 import / k2-connect-node require',
  coldStartK2AndWebhooks: 'cold start: @tender/k2 + @tender/webhooks import / k2-connect-node require',
  memoryBounded: 'memory: heap bounded by the store expiry',
} as const;

/**
 * The targets, checked against the measured ratios (a missing figure counts as missed).
 *
 * @example
 * ```ts
 * checkTargets(results).every((target) => target.met);
 * ```
 */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const k2 = results.endpoint.providers.k2;
  const sqlite = results.endpoint.stores.ratios.sqlite;
  const { memory } = results;
  return [
    atLeast(TARGET.k2EndpointVsFloor, k2?.ratios.floor?.deliveriesPerSecond ?? 0, 1),
    atLeast(TARGET.k2EndpointVsK2ConnectNode, k2?.ratios.k2ConnectNode?.deliveriesPerSecond ?? 0, 1.2),
    atLeast(TARGET.sqliteRate, sqlite?.deliveriesPerSecond ?? 0, 0.5),
    atMost(TARGET.sqliteP99, sqlite?.p99Ms ?? Number.POSITIVE_INFINITY, 2),
    atLeast(
      TARGET.pipelineVsK2ConnectNode,
      results.diagnostics.webhookPipeline.ratios.tenderToK2ConnectNode,
      1,
    ),
    atLeast(TARGET.clientCallsVsK2ConnectNode, results.clientCalls.ratios.tenderToK2ConnectNode, 1),
    atMost(TARGET.coldStartK2, results.coldStart.ratios.tenderK2 ?? Number.POSITIVE_INFINITY, 1),
    atMost(
      TARGET.coldStartK2AndWebhooks,
      results.coldStart.ratios.tenderK2AndWebhooks ?? Number.POSITIVE_INFINITY,
      1,
    ),
    { name: TARGET.memoryBounded, measured: memory.secondHalfGrowthBytes, met: memory.bounded },
  ];
}
