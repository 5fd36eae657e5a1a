import { setTimeout as sleep } from 'node:timers/promises';
import { postOnce } from './post-once.ts';

/**
 * How a delivery ended: the receiver's last status and body (`status` is `null` when it never answered,
 * with `error` saying why) and how many attempts it took.
 *
 * @example
 * ```ts
 * const [result] = await sandbox.trigger('customer_created', { to });
 * result.status; // 200
 * ```
 */
export interface DeliveryResult {
  readonly url: string;
  readonly status: number | null;
  readonly body: string;
  readonly attempts: number;
  readonly error?: string;
}

/**
 * One try at delivering: the receiver's answer, or the network error instead.
 *
 * @example
 * ```ts
 * sandbox.deliveries()[0]?.attempts.map((attempt) => attempt.status); // [500, 200]
 * ```
 */
export interface DeliveryAttempt {
  readonly at: Date;
  readonly status: number | null;
  readonly body: string;
  readonly error?: string;
}

/**
 * The retry policy for one delivery.
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { attempts: 4, backoffMs: 100, timeoutMs: 5000 };
 * ```
 */
export interface RetryPolicy {
  /** Total tries, the first included. */
  readonly attempts: number;
  /** Wait before the second try; it doubles before each later try. */
  readonly backoffMs: number;
  readonly timeoutMs: number;
}

/**
 * Everything needed to deliver one body.
 *
 * @example
 * ```ts
 * await deliver({ url, body, headers, policy, onAttempt: (attempt) => console.log(attempt.status) });
 * ```
 */
export interface DeliveryRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly policy: RetryPolicy;
  readonly signal?: AbortSignal;
  readonly onAttempt?: (attempt: DeliveryAttempt) => void;
}

function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs `body` to `url`, trying again after a non-2xx answer or a network failure until the policy's tries
 * are spent, and resolves with the last answer. It never rejects: the caller records what happened.
 *
 * @example
 * ```ts
 * const result = await deliver({ url, body, headers, policy: { attempts: 3, backoffMs: 50, timeoutMs: 5000 } });
 * result.attempts; // 1 when the receiver answered 2xx at once
 * ```
 */
export async function deliver(request: DeliveryRequest): Promise<DeliveryResult> {
  const { policy, signal } = request;
  let last: DeliveryAttempt = { at: new Date(), status: null, body: '', error: 'not attempted' };
  let tries = 0;
  while (tries < policy.attempts && !signal?.aborted) {
    if (tries > 0) {
      try {
        await sleep(policy.backoffMs * 2 ** (tries - 1), undefined, signal ? { signal } : {});
      } catch {
        break;
      }
    }
    tries += 1;
    const at = new Date();
    try {
      const answer = await postOnce(request.url, request.body, request.headers, policy.timeoutMs, signal);
      last = { at, status: answer.status, body: answer.body };
    } catch (error) {
      last = { at, status: null, body: '', error: errorText(error) };
    }
    request.onAttempt?.(last);
    if (isSuccess(last.status)) break;
  }
  return {
    url: request.url,
    status: last.status,
    body: last.body,
    attempts: tries,
    ...(last.error === undefined ? {} : { error: last.error }),
  };
}
