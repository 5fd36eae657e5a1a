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
 * What stays the same across the attempts of one call: the method, the body and the redirect mode. The
 * headers are given apart (the bearer token may change between attempts) and each attempt makes its own
 * abort signal.
 *
 * @example
 * ```ts
 * const init: AttemptInit = { method: 'POST', body: '{"a":1}', redirect: 'manual', successNeedsNoBody: true };
 * ```
 */
export interface AttemptInit {
  readonly method: string;
  readonly body: string | FormData | null;
  readonly redirect: 'follow' | 'manual';
  /**
   * Whether a success status alone answers the call (calls that move money): its body failing to arrive
   * then leaves the answer with an empty body rather than turning an accepted payment into "no answer".
   */
  readonly successNeedsNoBody: boolean;
}

/**
 * Sends one attempt with `fetch` and reads the whole body; it never repeats anything (the client decides).
 * `timeoutMs` bounds the wait for the answer's headers, and reading the body gets the same budget again;
 * both are enforced by aborting the attempt's signal from one timer. When the headers arrive only the
 * deadline moves: the timer, if it fires before the body is read, sets itself again for what is left of
 * the new deadline, so the common call arms and clears a single timer.
 *
 * `fetch` is called with a URL string and a plain init, the cheapest form for undici: given a `Request`
 * object it copies the request and pipes its body through an extra stream.
 *
 * @example
 * ```ts
 * const init: AttemptInit = { method: 'GET', body: null, redirect: 'follow', successNeedsNoBody: false };
 * const outcome = await sendAttempt(fetch, 'https://host/x', init, { accept: 'application/json' }, 30_000);
 * if (outcome.kind === 'answer') console.log(outcome.response.status, outcome.text);
 * ```
 */
export async function sendAttempt(
  fetchFunction: typeof fetch,
  url: string,
  init: AttemptInit,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let deadline = performance.now() + timeoutMs;
  const expire = () => {
    const left = deadline - performance.now();
    if (left > 0) timer = setTimeout(expire, left);
    else controller.abort();
  };
  let timer = setTimeout(expire, timeoutMs);
  let response: Response | undefined;
  try {
    response = await fetchFunction(url, {
      method: init.method,
      headers,
      body: init.body,
      redirect: init.redirect,
      signal: controller.signal,
    });
    deadline = performance.now() + timeoutMs;
    return { kind: 'answer', response, text: await response.text() };
  } catch (error) {
    // The provider said yes (a 201 with its Location, say) and only the body stalled or broke off: the
    // status and headers are the answer; reporting "no answer" would hide a payment that was accepted.
    if (response?.ok && init.successNeedsNoBody) {
      return { kind: 'answer', response, text: '' };
    }
    if (controller.signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', cause: networkErrorCause(error) };
  } finally {
    clearTimeout(timer);
  }
}
