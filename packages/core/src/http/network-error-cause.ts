/**
 * The messages runtimes give the `TypeError` their own `fetch` throws when the connection fails, as listed
 * by sindresorhus/is-network-error (which ky inlines): Node's undici ('fetch failed' before an answer,
 * 'terminated' when the socket closes mid-body), Chrome, Firefox, Safari, Bun, Cloudflare Workers and
 * cross-fetch. Deno's message names the URL, so it is matched by its start.
 */
const RUNTIME_MESSAGES: ReadonlySet<string> = new Set([
  'fetch failed',
  'terminated',
  'network error',
  'Failed to fetch',
  'NetworkError when attempting to fetch resource.',
  'The Internet connection appears to be offline.',
  ' A network error occurred.',
  'Network connection lost',
  'Network request failed',
]);

function isRuntimeNetworkError(error: unknown): error is TypeError {
  return (
    error instanceof TypeError &&
    (RUNTIME_MESSAGES.has(error.message) || error.message.startsWith('error sending request for url'))
  );
}

/**
 * The cause to keep when a send failed without an answer. The runtime's own network error keeps its cause,
 * the socket-level error (`ECONNREFUSED`, `UND_ERR_SOCKET`) that says what went wrong. Anything else, such
 * as a custom `fetch`'s own error, may hold the request and its bearer token, so only its name and message
 * are kept, in a new Error.
 *
 * @example
 * ```ts
 * networkErrorCause(new TypeError('fetch failed', { cause: refused })); // refused
 * networkErrorCause(new Error('edge runtime failure')).message; // 'Error: edge runtime failure'
 * ```
 */
export function networkErrorCause(error: unknown): Error {
  if (isRuntimeNetworkError(error) && error.cause instanceof Error) return error.cause;
  return error instanceof Error ? new Error(`${error.name}: ${error.message}`) : new Error(String(error));
}
