import { networkErrorCause } from './network-error-cause.ts';

/**
 * What one send of a call came to: an answer (any status, with its whole body read), no answer in time,
 * or no answer because the connection failed. Only `network` carries a cause, and only the low-level error
 * (socket codes, never a Request, whose headers hold the bearer token).
 */
export type AttemptOutcome =
  | { readonly kind: 'answer'; readonly response: Response; readonly text: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly cause: Error };

/**
 * Everything one send needs apart from the abort signal, which each attempt makes for itself.
 *
 * @example
 * ```ts
 * const init: AttemptInit = { method: 'GET', headers: { accept: 'application/json' }, redirect: 'follow' };
 * ```
 */
export type AttemptInit = Omit<RequestInit, 'signal'>;

/**
 * Sends one attempt with `fetch` and reads the whole body; it never repeats anything (the client decides).
 * `timeoutMs` bounds the wait for the answer's headers, and reading the body gets the same budget again;
 * both are enforced by aborting the attempt's signal from one timer, restarted when the headers arrive.
 *
 * `fetch` is called with a URL string and a plain init, the cheapest form for undici: given a `Request`
 * object it copies the request and pipes its body through an extra stream.
 *
 * @example
 * ```ts
 * const outcome = await sendAttempt(fetch, 'https://host/x', { method: 'GET' }, 30_000);
 * if (outcome.kind === 'answer') console.log(outcome.response.status, outcome.text);
 * ```
 */
export async function sendAttempt(
  fetchFunction: typeof fetch,
  url: string,
  init: AttemptInit,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  let timer = setTimeout(abort, timeoutMs);
  try {
    const response = await fetchFunction(url, { ...init, signal: controller.signal });
    clearTimeout(timer);
    timer = setTimeout(abort, timeoutMs);
    return { kind: 'answer', response, text: await response.text() };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', cause: networkErrorCause(error) };
  } finally {
    clearTimeout(timer);
  }
}
