import { isNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';

/**
 * What one send of a call came to: an answer (any status, with its whole body read), no answer in time,
 * or no answer because the connection failed. Only `network` carries a cause, and only the low-level error
 * (socket codes, never the Request, whose headers hold the bearer token).
 */
export type AttemptOutcome =
  | { readonly kind: 'answer'; readonly response: Response; readonly text: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly cause: Error };

/**
 * Sends one attempt through the client's ky instance and reads the whole body. ky's own retries are off
 * (the client decides), so this never repeats anything. ky's `timeout` bounds the wait for the answer's
 * headers; reading the body gets the same budget again, enforced by aborting the attempt's signal, as ky
 * does for its own body shortcuts.
 *
 * @example
 * ```ts
 * const outcome = await sendAttempt(instance, new URL('https://host/x'), { method: 'GET' }, 30_000);
 * if (outcome.kind === 'answer') console.log(outcome.response.status, outcome.text);
 * ```
 */
export async function sendAttempt(
  instance: KyInstance,
  url: URL,
  init: Omit<Options, 'signal'>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let response: Response;
  try {
    response = await instance(url, { ...init, signal: controller.signal });
  } catch (error) {
    return failure(error, controller.signal);
  }
  const bodyTimer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return { kind: 'answer', response, text: await response.text() };
  } catch (error) {
    return failure(error, controller.signal);
  } finally {
    clearTimeout(bodyTimer);
  }
}

function failure(error: unknown, signal: AbortSignal): AttemptOutcome {
  if (isTimeoutError(error) || signal.aborted) return { kind: 'timeout' };
  // ky recognised the runtime's own network error (undici's `TypeError: fetch failed`, whose cause is the
  // socket error): keep that one. Anything else (a custom fetch's error) may hold the Request: summarise it.
  if (isNetworkError(error) && error.cause instanceof Error) return { kind: 'network', cause: error.cause };
  return { kind: 'network', cause: summary(error) };
}

function summary(error: unknown): Error {
  return error instanceof Error ? new Error(`${error.name}: ${error.message}`) : new Error(String(error));
}
