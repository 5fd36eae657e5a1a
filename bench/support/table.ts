import { formatBytes, formatMs, formatRate, formatRatio } from './format.ts';
import { type BenchResults, TARGET } from './results.ts';
import type { Summary } from './statistics.ts';
import type { TargetCheck } from './targets.ts';

const DASH = '–';

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A median with its spread (median absolute deviation over the median, in per cent). */
function withSpread(summary: Summary, format: (value: number) => string): string {
  return `${format(summary.median)} ±${(summary.relativeSpread * 100).toFixed(1)} %`;
}

const rate = (summary: Summary) => withSpread(summary, formatRate);
const ms = (summary: Summary) => withSpread(summary, formatMs);
const micros = (summary: Summary) => withSpread(summary, (value) => `${value.toFixed(1)} µs`);

function verdict(check: TargetCheck | undefined): string {
  if (check === undefined) return DASH;
  const threshold =
    check.atLeast === undefined ? `≤ ${formatRatio(check.atMost ?? 0)}` : `≥ ${formatRatio(check.atLeast)}`;
  return `${threshold}: ${check.met ? 'met' : '**missed**'}`;
}

/**
 * The results as one Markdown table (medians ± spread; ratios are the subject's median over the other's),
 * ready to print and to paste into a README, followed by the machine line.
 *
 * @example
 * ```ts
 * console.log(renderTable(results));
 * ```
 */
export function renderTable(results: BenchResults): string {
  const target = (name: string) => results.targets.find((check) => check.name === name);
  const lines = [
    row([
      'measurement',
      'subject (median ± spread)',
      'compared with',
      'its median ± spread',
      'ratio',
      'target',
    ]),
    row(['---', '---:', '---', '---:', '---:', '---']),
  ];
  const add = (cells: readonly string[]) => lines.push(row(cells));

  for (const [name, endpoint] of Object.entries(results.endpoint.providers)) {
    const tender = endpoint.contenders.tender!;
    const what = `${endpoint.label}, ${endpoint.bodyBytes} B, over HTTP, ${endpoint.connections} connections`;
    for (const [other, versus] of Object.entries(endpoint.ratios)) {
      const them = endpoint.contenders[other]!;
      const rateTarget =
        name !== 'k2'
          ? undefined
          : other === 'floor'
            ? target(TARGET.k2EndpointVsFloor)
            : other === 'k2ConnectNode'
              ? target(TARGET.k2EndpointVsK2ConnectNode)
              : undefined;
      add([
        `${what}: deliveries/s`,
        `tender ${rate(tender.deliveriesPerSecond)}`,
        them.label,
        rate(them.deliveriesPerSecond),
        formatRatio(versus.deliveriesPerSecond),
        verdict(rateTarget),
      ]);
      add([
        `${what}: p99 answer time`,
        `tender ${ms(tender.p99Ms)}`,
        them.label,
        ms(them.p99Ms),
        formatRatio(versus.p99Ms),
        DASH,
      ]);
      add([
        `${what}: server CPU per delivery`,
        `tender ${micros(tender.serverCpuMicrosPerDelivery)}`,
        them.label,
        micros(them.serverCpuMicrosPerDelivery),
        formatRatio(versus.serverCpuMicrosPerDelivery),
        DASH,
      ]);
    }
  }

  const { stores } = results.endpoint;
  const reference = stores.contenders[stores.reference]!;
  for (const [name, versus] of Object.entries(stores.ratios)) {
    const store = stores.contenders[name]!;
    const what = `tender's ${stores.provider} endpoint, ${store.label} store`;
    add([
      `${what}: deliveries/s`,
      `${store.label} ${rate(store.deliveriesPerSecond)}`,
      `${reference.label} store`,
      rate(reference.deliveriesPerSecond),
      formatRatio(versus.deliveriesPerSecond),
      verdict(name === 'sqlite' ? target(TARGET.sqliteRate) : undefined),
    ]);
    add([
      `${what}: p99 answer time`,
      `${store.label} ${ms(store.p99Ms)}`,
      `${reference.label} store`,
      ms(reference.p99Ms),
      formatRatio(versus.p99Ms),
      verdict(name === 'sqlite' ? target(TARGET.sqliteP99) : undefined),
    ]);
    add([
      `${what}: server CPU per delivery`,
      `${store.label} ${micros(store.serverCpuMicrosPerDelivery)}`,
      `${reference.label} store`,
      micros(reference.serverCpuMicrosPerDelivery),
      formatRatio(versus.serverCpuMicrosPerDelivery),
      DASH,
    ]);
  }

  const pipeline = results.diagnostics.webhookPipeline;
  const inProcess = `diagnostic: in-process \`receive()\`, ${pipeline.bodyBytes} B K2 delivery, deliveries/s`;
  add([
    inProcess,
    `tender ${rate(pipeline.contenders.tender)}`,
    'floor',
    rate(pipeline.contenders.floor),
    formatRatio(pipeline.ratios.tenderToFloor),
    DASH,
  ]);
  add([
    inProcess,
    `tender ${rate(pipeline.contenders.tender)}`,
    'k2-connect-node webhookHandler',
    rate(pipeline.contenders.k2ConnectNode),
    formatRatio(pipeline.ratios.tenderToK2ConnectNode),
    verdict(target(TARGET.pipelineVsK2ConnectNode)),
  ]);

  const calls = results.clientCalls;
  const stk = 'client calls: STK push, sequential, calls/s';
  add([
    stk,
    `tender ${rate(calls.contenders.tender)}`,
    'raw fetch',
    rate(calls.contenders.rawFetch),
    formatRatio(calls.ratios.tenderToRawFetch),
    DASH,
  ]);
  add([
    stk,
    `tender ${rate(calls.contenders.tender)}`,
    'k2-connect-node',
    rate(calls.contenders.k2ConnectNode),
    formatRatio(calls.ratios.tenderToK2ConnectNode),
    verdict(target(TARGET.clientCallsVsK2ConnectNode)),
  ]);
  const ktwidget = calls.ktwidget;
  add([
    'client calls: KTWidget transaction creation (seal + POST), sequential, calls/s',
    `tender ${rate(ktwidget.contenders.tender)}`,
    'libsodium + fetch by hand',
    rate(ktwidget.contenders.byHand),
    formatRatio(ktwidget.ratios.tenderToByHand),
    DASH,
  ]);

  const cold = results.coldStart;
  const k2ConnectNode = cold.contenders.k2ConnectNode!;
  for (const [name, versus] of Object.entries(cold.ratios)) {
    const entry = cold.contenders[name]!;
    const coldTarget =
      name === 'tenderK2'
        ? target(TARGET.coldStartK2)
        : name === 'tenderK2AndWebhooks'
          ? target(TARGET.coldStartK2AndWebhooks)
          : undefined;
    add([
      `cold start: import of ${entry.label}`,
      ms(entry.importMs),
      k2ConnectNode.label,
      ms(k2ConnectNode.importMs),
      formatRatio(versus),
      verdict(coldTarget),
    ]);
  }

  const { memory } = results;
  add([
    `memory: heap growth after ${formatRate(memory.deliveries)} deliveries (memory store)`,
    formatBytes(memory.growthBytes),
    DASH,
    DASH,
    DASH,
    `bounded (second half ${formatBytes(memory.secondHalfGrowthBytes)}): ${memory.bounded ? 'met' : '**missed**'}`,
  ]);

  const growth = results.tableGrowth;
  for (const [label, store] of [
    ['SQLite', growth.sqlite],
    ['PostgreSQL', growth.postgres],
  ] as const) {
    add([
      `table growth: ${label}, ${formatRate(growth.events)} events kept ${growth.retentionMs / 3_600_000} h: rows and bytes`,
      `${formatRate(store.afterEvents.rows)} rows, ${formatBytes(store.afterEvents.bytes)}`,
      'after prune()',
      `${formatRate(store.afterPrune.rows)} rows, ${formatBytes(store.afterPrune.bytes)}${store.afterPrune.fileBytes === undefined ? '' : ` (file ${formatBytes(store.afterPrune.fileBytes)})`}`,
      DASH,
      DASH,
    ]);
  }

  const { machine } = results;
  const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os} ${machine.arch}, Node ${machine.node}`;
  const versions = Object.entries(results.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return `${lines.join('\n')}\n\nMachine: ${machineLine}. ${versions}.`;
}
