import { FinalStatusTimeoutError } from '../errors/final-status-timeout-error.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import { isTenderError } from '../errors/tender-error.ts';
import { ValidationError } from '../errors/validation-error.ts';
import type { Operation } from '../operations/operation.ts';
import { isFinalStatus } from '../operations/status.ts';

/**
 * How {@link waitForFinalStatus} (and every provider's `waitForFinal`) polls.
 *
 * @example
 * ```ts
 * const options: WaitForFinalOptions = { timeoutMs: 90_000, signal: AbortSignal.timeout(120_000) };
 * ```
 */
export interface WaitForFinalOptions {
  /**
   * How long to keep asking before throwing {@link FinalStatusTimeoutError}.
   *
   * @default 120_000
   */
  readonly timeoutMs?: number | undefined;
  /** Stops the wait: the promise rejects with `signal.reason`, as `fetch` does. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The pause after the first look that found the operation not final; each further pause doubles, up to
   * `maxDelayMs`. Each pause is drawn at random between half and all of that value (jitter), so many
   * waiting callers do not ask the provider in step.
   *
   * @default 1_000
   */
  readonly initialDelayMs?: number | undefined;
  /**
   * The longest pause between two looks, unless the provider's `Retry-After` asks for longer.
   *
   * @default 15_000
   */
  readonly maxDelayMs?: number | undefined;
}

/** The largest delay a Node timer can wait. */
const MAX_TIMER_MS = 2_147_483_647;

function checkedMs(value: number | undefined, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > MAX_TIMER_MS) {
    throw new ValidationError('Invalid waitForFinal() options', [
      { path, message: `must be a whole number of milliseconds from 0 to ${MAX_TIMER_MS}` },
    ]);
  }
  return value;
}

/** Rejects with the signal's reason as soon as it aborts; `work` is left to settle unobserved. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return abortable(
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      // Cleared on abort so an abandoned wait keeps no timer (and no process) alive.
      signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }),
    signal,
  );
}

/**
 * Asks `status` about `operation` until its status is final (see `isFinalStatus`) and resolves with that
 * operation, the same object shape `status()` returns. Between looks it waits with exponential backoff and
 * jitter; a {@link RateLimitError} makes it wait at least the provider's `Retry-After`; any other error
 * that says it is `retryable` (network, timeout, 5xx) is waited out like a pending answer, and any other
 * error is thrown at once. An operation that is already final is returned without a request.
 *
 * Throws {@link FinalStatusTimeoutError} (with the last operation read) when `timeoutMs` runs out, or
 * earlier when the provider's `Retry-After` reaches past it; rejects with `signal.reason` when `signal`
 * aborts, also in the middle of a status request. Providers built with `defineProvider` expose this as
 * `provider.waitForFinal(operation, options)`; this function is for status functions of your own.
 *
 * @example
 * ```ts
 * const operation = await k2.collect(request);
 * const final = await waitForFinalStatus((op) => k2.status(op), operation, { timeoutMs: 90_000 });
 * if (final.status === 'succeeded') await orders.markPaid(final.merchantReference);
 * ```
 */
export async function waitForFinalStatus(
  status: (operation: Operation) => Promise<Operation>,
  operation: Operation,
  options: WaitForFinalOptions = {},
): Promise<Operation> {
  const timeoutMs = checkedMs(options.timeoutMs, 120_000, 'timeoutMs');
  const initialDelayMs = checkedMs(options.initialDelayMs, 1_000, 'initialDelayMs');
  const maxDelayMs = checkedMs(options.maxDelayMs, 15_000, 'maxDelayMs');
  const { signal } = options;
  signal?.throwIfAborted();
  if (isFinalStatus(operation.status)) return operation;

  const deadline = Date.now() + timeoutMs;
  let latest = operation;
  const gaveUp = (cause?: unknown) =>
    new FinalStatusTimeoutError(
      `${operation.provider} ${operation.kind} ${operation.id} was not final after ${timeoutMs} ms (last status: ${latest.status})`,
      latest,
      { provider: operation.provider, operation: 'waitForFinal', cause },
    );
  for (let attempt = 0; ; attempt += 1) {
    const backoff = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 30));
    let pauseMs = backoff / 2 + Math.random() * (backoff / 2);
    let retryAfterMs = 0;
    let lastError: unknown;
    try {
      latest = await abortable(status(latest), signal);
      if (isFinalStatus(latest.status)) return latest;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!isTenderError(error) || !error.retryable) throw error;
      lastError = error;
      if (error instanceof RateLimitError) retryAfterMs = error.retryAfterMs ?? 0;
    }
    pauseMs = Math.max(pauseMs, retryAfterMs);
    const remaining = deadline - Date.now();
    // Asking before the provider's Retry-After would only be refused again: give up now instead.
    if (remaining <= 0 || retryAfterMs > remaining) throw gaveUp(lastError);
    await sleep(Math.min(Math.ceil(pauseMs), remaining), signal);
  }
}
