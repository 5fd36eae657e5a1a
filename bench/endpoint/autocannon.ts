import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

/**
 * The request autocannon is about to send; `setupRequest` may replace its headers and body.
 *
 * @example
 * ```ts
 * const setup = (request: AutocannonRequest) => ({ ...request, body: 'next body' });
 * ```
 */
export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/**
 * The options of autocannon 9.0.0 the bench uses (the package ships no types).
 *
 * @example
 * ```ts
 * const options: AutocannonOptions = { url: 'http://127.0.0.1:8080', connections: 20, amount: 4000, requests: [{ method: 'POST', path: '/', setupRequest }] };
 * ```
 */
export interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  /** Requests to make in all, spread evenly over the connections; the run ends when they are answered. */
  readonly amount: number;
  /** Seconds before a request counts as timed out. */
  readonly timeout: number;
  /**
   * Milliseconds between autocannon's samples. A run that ends by `amount` is noticed only at the next
   * sample, so the bench keeps this short and times a round to its last answer.
   */
  readonly sampleInt: number;
  readonly requests: readonly {
    readonly method: string;
    readonly path: string;
    setupRequest(request: AutocannonRequest): AutocannonRequest;
  }[];
}

/**
 * The parts of autocannon's result the bench reads.
 *
 * @example
 * ```ts
 * result['2xx']; // answered with a 2xx status
 * ```
 */
export interface AutocannonResult {
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

/**
 * autocannon's entry point: starts a run, calls back with its result, and emits `response`
 * (`client, statusCode, bytes, responseTimeMs`) for every answer.
 *
 * @example
 * ```ts
 * const instance = loadAutocannon()(options, (error, result) => {});
 * ```
 */
export type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => EventEmitter;

/**
 * Loads autocannon 9.0.0 (CommonJS, untyped) from the bench's dev dependencies.
 *
 * @example
 * ```ts
 * const autocannon = loadAutocannon();
 * ```
 */
export function loadAutocannon(): Autocannon {
  const require = createRequire(import.meta.url);
  return require('autocannon') as Autocannon;
}
