import type { Operation } from '../operations/operation.ts';
import type { TenderErrorOptions } from './tender-error.ts';
import { TimeoutError } from './timeout-error.ts';

/**
 * `waitForFinal` gave up: the operation was still not final when its `timeoutMs` ran out. `lastKnown` is
 * the operation as last read (its `status` is `pending` or `unknown`); the money may still move, so keep
 * waiting for its event or ask `status()` again later.
 *
 * @example
 * ```ts
 * try {
 *   await k2.waitForFinal(operation, { timeoutMs: 60_000 });
 * } catch (error) {
 *   if (error instanceof FinalStatusTimeoutError) await orders.markAwaiting(error.lastKnown.id);
 *   else throw error;
 * }
 * ```
 */
export class FinalStatusTimeoutError extends TimeoutError {
  override readonly name: string = 'FinalStatusTimeoutError';
  /** The operation as last read; not part of `toJSON`, because `raw` may hold the payer's details. */
  readonly lastKnown: Operation;

  constructor(message: string, lastKnown: Operation, options: TenderErrorOptions = {}) {
    super(message, options);
    this.lastKnown = lastKnown;
  }
}
