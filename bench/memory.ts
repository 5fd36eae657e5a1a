/**
 * Memory: heap growth of tender's router after 100,000 distinct webhook deliveries with the in-memory
 * de-duplication store. It runs in a child process started with `--expose-gc`, so every heap reading comes
 * after a full collection and nothing else the bench did sits in that heap. See bench/README.md.
 *
 * @example
 * ```ts
 * const result = await measureMemory({ deliveries: 100_000, checkpointEvery: 10_000 });
 * result.growthBytes; // heap after minus heap before, both after a full GC
 * ```
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * How many deliveries to push through the router and how often to read the heap.
 *
 * @example
 * ```ts
 * const options: MemoryOptions = { deliveries: 100_000, checkpointEvery: 10_000 };
 * ```
 */
export interface MemoryOptions {
  readonly deliveries: number;
  readonly checkpointEvery: number;
}

/**
 * One heap reading, after a full collection.
 *
 * @example
 * ```ts
 * const checkpoint: MemoryCheckpoint = { deliveries: 50_000, heapUsedBytes: 9_400_000, storedIds: 10_000 };
 * ```
 */
export interface MemoryCheckpoint {
  readonly deliveries: number;
  readonly heapUsedBytes: number;
  /** Event ids the de-duplication store holds at that point. */
  readonly storedIds: number;
}

/**
 * What the memory child measured, in bytes.
 *
 * @example
 * ```ts
 * result.bounded; // true when the store's expiry kept the heap flat over the second half
 * ```
 */
export interface MemoryResult extends MemoryOptions {
  readonly unit: 'bytes';
  /** How the store was configured, in words (its bound and how the bench made expiry happen). */
  readonly store: string;
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  readonly growthBytes: number;
  readonly growthPerDeliveryBytes: number;
  /** Growth divided by the ids the store holds at the end: what one remembered event costs. */
  readonly bytesPerStoredId: number;
  /** Growth between the half-way checkpoint and the end: near zero when expiry bounds the store. */
  readonly secondHalfGrowthBytes: number;
  readonly checkpoints: readonly MemoryCheckpoint[];
  /** The store never held more ids than its bound and the heap did not keep growing in the second half. */
  readonly bounded: boolean;
}

const CHILD_FILE = fileURLToPath(new URL('./support/memory-child.ts', import.meta.url));

/**
 * Runs the memory measurement in a fresh `node --expose-gc` child (same loader flags as this process) and
 * returns what it reported.
 *
 * @example
 * ```ts
 * const { growthBytes, bounded } = await measureMemory({ deliveries: 100_000, checkpointEvery: 10_000 });
 * ```
 */
export function measureMemory(options: MemoryOptions): Promise<MemoryResult> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--expose-gc', CHILD_FILE, JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) {
        reject(new Error(`the memory measurement exited with code ${code}`));
        return;
      }
      resolve(JSON.parse(output) as MemoryResult);
    });
  });
}
