import type { ClientCallsResult } from '../client-calls.ts';
import type { ColdStartResult } from '../cold-start.ts';
import type { MemoryResult } from '../memory.ts';
import type { WebhookPipelineResult } from '../webhook-pipeline.ts';
import type { MachineDescription } from './machine.ts';
import { atLeast, atMost, type TargetCheck } from './targets.ts';

/**
 * Everything one `pnpm bench` run measured: the shape of bench/results.json (documented key by key in
 * bench/README.md).
 *
 * @example
 * ```ts
 * const results: BenchResults = JSON.parse(readFileSync('bench/results.json', 'utf8'));
 * results.webhookPipeline.ratios.tenderToFloor;
 * ```
 */
export interface BenchResults {
  /** Bumped when a key changes meaning. */
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly machine: MachineDescription;
  readonly versions: { readonly k2ConnectNode: string };
  readonly webhookPipeline: WebhookPipelineResult;
  readonly clientCalls: ClientCallsResult;
  readonly coldStart: ColdStartResult;
  readonly memory: MemoryResult;
  readonly targets: readonly TargetCheck[];
}

/**
 * The targets, checked against the measured ratios.
 *
 * @example
 * ```ts
 * checkTargets(webhookPipeline, clientCalls, coldStart, memory).every((target) => target.met);
 * ```
 */
export function checkTargets(
  webhookPipeline: WebhookPipelineResult,
  clientCalls: ClientCallsResult,
  coldStart: ColdStartResult,
  memory: MemoryResult,
): TargetCheck[] {
  return [
    atLeast('webhook pipeline: tender / floor', webhookPipeline.ratios.tenderToFloor, 0.8),
    atLeast('webhook pipeline: tender / k2-connect-node', webhookPipeline.ratios.tenderToK2ConnectNode, 1),
    atLeast('client calls: tender / raw fetch', clientCalls.ratios.tenderToRawFetch, 0.95),
    atMost(
      'cold start: @tender/k2 import / k2-connect-node require',
      coldStart.ratios.tenderK2ToK2ConnectNode,
      1,
    ),
    atMost(
      'cold start: @tender/k2 + @tender/webhooks import / k2-connect-node require',
      coldStart.ratios.tenderK2AndWebhooksToK2ConnectNode,
      1,
    ),
    {
      name: 'memory: heap bounded by the store expiry',
      measured: memory.secondHalfGrowthBytes,
      met: memory.bounded,
    },
  ];
}
