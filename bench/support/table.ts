import { formatBytes, formatMs, formatRate, formatRatio } from './format.ts';
import type { BenchResults } from './results.ts';

const DASH = '–';

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function verdict(met: boolean): string {
  return met ? 'met' : '**missed**';
}

/**
 * The results as a Markdown table (medians; ratios are tender's figure over the other's), ready to print and
 * to paste into a README, followed by the machine line.
 *
 * @example
 * ```ts
 * console.log(renderTable(results));
 * ```
 */
export function renderTable(results: BenchResults): string {
  const { webhookPipeline: pipeline, clientCalls: calls, coldStart: cold, memory, machine } = results;
  const target = (name: string) => results.targets.find((check) => check.name === name)?.met ?? false;
  const lines = [
    row([
      'measurement (median)',
      'tender',
      'floor / raw fetch',
      'k2-connect-node',
      'tender / floor',
      'tender / k2-connect-node',
      'target',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---']),
    row([
      `webhook pipeline, deliveries/s (${pipeline.bodyBytes} B body)`,
      formatRate(pipeline.contenders.tender.median),
      formatRate(pipeline.contenders.floor.median),
      formatRate(pipeline.contenders.k2ConnectNode.median),
      formatRatio(pipeline.ratios.tenderToFloor),
      formatRatio(pipeline.ratios.tenderToK2ConnectNode),
      `≥ 0.80x floor: ${verdict(target('webhook pipeline: tender / floor'))}`,
    ]),
    row([
      'client calls (STK push), calls/s',
      formatRate(calls.contenders.tender.median),
      formatRate(calls.contenders.rawFetch.median),
      formatRate(calls.contenders.k2ConnectNode.median),
      formatRatio(calls.ratios.tenderToRawFetch),
      formatRatio(calls.ratios.tenderToK2ConnectNode),
      `≥ 0.95x raw fetch: ${verdict(target('client calls: tender / raw fetch'))}`,
    ]),
    row([
      'cold start, import of @tender/k2',
      formatMs(cold.contenders.tenderK2.importMs.median),
      DASH,
      formatMs(cold.contenders.k2ConnectNode.importMs.median),
      DASH,
      formatRatio(cold.ratios.tenderK2ToK2ConnectNode),
      `≤ 1.00x: ${verdict(target('cold start: @tender/k2 import / k2-connect-node require'))}`,
    ]),
    row([
      'cold start, import of @tender/k2 + @tender/webhooks',
      formatMs(cold.contenders.tenderK2AndWebhooks.importMs.median),
      DASH,
      formatMs(cold.contenders.k2ConnectNode.importMs.median),
      DASH,
      formatRatio(cold.ratios.tenderK2AndWebhooksToK2ConnectNode),
      `≤ 1.00x: ${verdict(target('cold start: @tender/k2 + @tender/webhooks import / k2-connect-node require'))}`,
    ]),
    row([
      `memory, heap growth after ${formatRate(memory.deliveries)} deliveries`,
      formatBytes(memory.growthBytes),
      DASH,
      DASH,
      DASH,
      DASH,
      `bounded (second half ${formatBytes(memory.secondHalfGrowthBytes)}): ${verdict(memory.bounded)}`,
    ]),
  ];
  const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os} ${machine.arch}, Node ${machine.node}`;
  return `${lines.join('\n')}\n\nMachine: ${machineLine}. k2-connect-node ${results.versions.k2ConnectNode}.`;
}
