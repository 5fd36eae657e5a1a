import { fileURLToPath } from 'node:url';
import { forkChild } from './ipc-child.ts';

/**
 * One round of load: `amount` fresh deliveries of `provider` to `origin` over `connections` connections.
 *
 * @example
 * ```ts
 * const request: LoadRequest = { provider: 'k2', origin: 'http://127.0.0.1:40123', amount: 4000, connections: 20 };
 * ```
 */
export interface LoadRequest {
  readonly provider: string;
  readonly origin: string;
  readonly amount: number;
  readonly connections: number;
}

/**
 * What one round of load measured.
 *
 * @example
 * ```ts
 * result.deliveriesPerSecond; // 2xx answers per second of the round
 * ```
 */
export interface LoadResult {
  /** Requests sent (each with its own delivery). */
  readonly sent: number;
  /** Answered with a 2xx status. */
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Deliveries built while the clock ran because the prepared ones ran out (0 when all went to plan). */
  readonly builtDuringRun: number;
  readonly elapsedMs: number;
  readonly deliveriesPerSecond: number;
  /** Answer time, from writing the request to the end of the answer, over the round's 2xx answers. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * The load generator process.
 *
 * @example
 * ```ts
 * const load = await startLoadGenerator();
 * const result = await load.run({ provider: 'k2', origin, amount: 4000, connections: 20 });
 * await load.stop();
 * ```
 */
export interface LoadGenerator {
  run(request: LoadRequest): Promise<LoadResult>;
  stop(): Promise<void>;
}

const LOAD_FILE = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/**
 * Starts bench/endpoint/load-child.ts and waits until it is ready.
 *
 * @example
 * ```ts
 * const load = await startLoadGenerator();
 * ```
 */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child = forkChild(LOAD_FILE, []);
  await child.next('ready');
  return {
    async run(request) {
      const reply = await child.ask({ type: 'run', request }, 'result');
      if (typeof reply.error === 'string') throw new Error(`load generator: ${reply.error}`);
      return reply.result as LoadResult;
    },
    stop: () => child.stop(),
  };
}
