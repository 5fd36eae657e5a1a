/**
 * The memory measurement's child process (started by bench/memory.ts with `--expose-gc`): pushes distinct
 * signed deliveries through tender's router with an in-memory store and prints a MemoryResult as JSON.
 *
 * Expiry is what bounds the store, and it is time-based (the router remembers a handled event for 72 hours
 * by default), so 100,000 deliveries sent in seconds would never see an entry expire. The store therefore
 * gets a simulated clock that advances {@link SIMULATED_GAP_MS} per delivery: the run stands for a steady
 * stream of one delivery every 12.96 s over 15 days, and the store should level off at about 20,000 ids.
 *
 * @example
 * ```sh
 * node --expose-gc --import tsx bench/support/memory-child.ts '{"deliveries":100000,"checkpointEvery":10000}'
 * ```
 * @module
 */
import { createMemoryStore } from '@tender/webhooks';
import type { MemoryCheckpoint, MemoryOptions, MemoryResult } from '../memory.ts';
import { BENCH_API_KEY, signedBuygoodsDeliveries } from './k2-deliveries.ts';
import { createTenderWebhookReceiver } from './tender-contenders.ts';

/** The router's default `dedupTtlMs`: 72 hours. */
const DEDUP_TTL_MS = 72 * 3_600_000;
/** The memory store's default sweep interval. */
const SWEEP_INTERVAL_MS = 60_000;
/** Simulated time between two deliveries: 72 h / 20,000. */
const SIMULATED_GAP_MS = DEDUP_TTL_MS / 20_000;
/** Ids still within their TTL, plus those that may wait up to one sweep interval to be swept. */
const STORE_BOUND = Math.ceil((DEDUP_TTL_MS + SWEEP_INTERVAL_MS) / SIMULATED_GAP_MS) + 1;
const BATCH = 1_000;

function collectAndMeasure(): number {
  if (globalThis.gc === undefined) throw new Error('run with --expose-gc');
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const options = JSON.parse(process.argv[2] ?? '{}') as MemoryOptions;
let simulatedNow = Date.UTC(2026, 0, 5);
const store = createMemoryStore({ now: () => simulatedNow });
const receive = await createTenderWebhookReceiver(BENCH_API_KEY, { store });

const heapBeforeBytes = collectAndMeasure();
const checkpoints: MemoryCheckpoint[] = [
  { deliveries: 0, heapUsedBytes: heapBeforeBytes, storedIds: store.size },
];
let maxStoredIds = store.size;
for (let sent = 0; sent < options.deliveries; ) {
  for (const delivery of signedBuygoodsDeliveries(Math.min(BATCH, options.deliveries - sent))) {
    simulatedNow += SIMULATED_GAP_MS;
    await receive(delivery);
    sent += 1;
    maxStoredIds = Math.max(maxStoredIds, store.size);
  }
  if (sent % options.checkpointEvery === 0 || sent === options.deliveries) {
    checkpoints.push({ deliveries: sent, heapUsedBytes: collectAndMeasure(), storedIds: store.size });
  }
}

const heapAfterBytes = checkpoints.at(-1)!.heapUsedBytes;
const halfWay = checkpoints.find((checkpoint) => checkpoint.deliveries >= options.deliveries / 2)!;
const growthBytes = heapAfterBytes - heapBeforeBytes;
const secondHalfGrowthBytes = heapAfterBytes - halfWay.heapUsedBytes;
const firstHalfGrowthBytes = halfWay.heapUsedBytes - heapBeforeBytes;
const result: MemoryResult = {
  ...options,
  unit: 'bytes',
  store:
    `createMemoryStore() with the router's default 72 h TTL and 60 s sweep; simulated clock advancing ` +
    `${SIMULATED_GAP_MS} ms per delivery, so at most ${STORE_BOUND} ids are live; the store held at most ${maxStoredIds}`,
  heapBeforeBytes,
  heapAfterBytes,
  growthBytes,
  growthPerDeliveryBytes: growthBytes / options.deliveries,
  bytesPerStoredId: growthBytes / Math.max(1, checkpoints.at(-1)!.storedIds),
  secondHalfGrowthBytes,
  checkpoints,
  // Flat means: the second half added less than a tenth of what the first half did (or under 512 KiB,
  // the noise of a heap reading), while the store never exceeded what its TTL allows.
  bounded:
    maxStoredIds <= STORE_BOUND && secondHalfGrowthBytes <= Math.max(512 * 1024, firstHalfGrowthBytes / 10),
};
process.stdout.write(JSON.stringify(result));
