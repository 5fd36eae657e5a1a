import { isNetworkError } from 'ky';
import { AuthenticationError } from '../errors/authentication-error.ts';
import { NetworkError } from '../errors/network-error.ts';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.ts';
import { ProviderError } from '../errors/provider-error.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import type { TenderError } from '../errors/tender-error.ts';
import { TimeoutError } from '../errors/timeout-error.ts';
import type { Call } from './client.ts';
import { defaultErrorBody, readErrorBody } from './error-body.ts';
import { redactCauses, redactSecrets } from './redact.ts';
import { parseRetryAfter } from './retry-after.ts';

/** Socket errors raised before a connection exists: the request cannot have left. */
const NEVER_CONNECTED = new Set(
  'ECONNREFUSED ENOTFOUND EAI_AGAIN EHOSTUNREACH ENETUNREACH UND_ERR_CONNECT_TIMEOUT'.split(' '),
);

/** The wait a 429 or 503 asks for, in milliseconds. */
export const retryAfterOf = ({ status, headers }: Response): number | undefined =>
  status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after')) : undefined;

/** `path` is without the query, which may hold credentials. */
const describeCall = ({ request, path }: Call) => `${request.method} ${path} (${request.operation})`;

/**
 * An error answer (its body as ky read it): 401 → AuthenticationError; 429, and 503 with `Retry-After` →
 * RateLimitError; else ProviderError.
 */
export function errorForAnswer(call: Call, response: Response, data: unknown): TenderError {
  const { config, request } = call;
  const { provider } = config;
  const { status } = response;
  const redact = (text: string) => redactSecrets(text, call.secrets);
  const text = typeof data === 'string' ? data : data === undefined ? '' : JSON.stringify(data);
  const read = readErrorBody(request.parseErrorBody ?? config.parseErrorBody ?? defaultErrorBody, text);
  const providerMessage = read.message === undefined ? undefined : redact(read.message);
  const providerCode = typeof read.code === 'string' ? redact(read.code) : read.code;
  const options = { provider, operation: request.operation, status, providerCode, providerMessage };
  const what = describeCall(call);
  const said = providerMessage === undefined ? '' : `: ${providerMessage}`;
  if (status === 401) {
    const advice = call.tokenRefreshed
      ? 'a freshly fetched access token was refused too: check the client id, the secret and what the application may do'
      : 'check the credentials';
    const message = `${provider} refused the credentials for ${what} (401)${said}; ${advice}.`;
    return new AuthenticationError(redact(message), options);
  }
  const retryAfterMs = retryAfterOf(response);
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    const advice = rateLimitAdvice(call, retryAfterMs);
    const message = `${provider} asked to slow down on ${what} (${status})${said}; ${advice}`;
    return new RateLimitError(redact(message), { ...options, retryAfterMs });
  }
  const message = `${provider} answered ${status} to ${what}${said}; ${statusAdvice(call, status)}`;
  return new ProviderError(redact(message), { ...options, retryable: status >= 500 && !request.movesMoney });
}

/**
 * No answer: OutcomeUnknownError for a call that moves money (the provider may have acted), unless the
 * connection was never made; otherwise TimeoutError or NetworkError, keeping only the redacted socket error.
 */
export function errorWithoutAnswer(call: Call, kind: 'timeout' | 'network', thrown: unknown): TenderError {
  const { config, request, event } = call;
  const { provider, timeoutMs } = config;
  const redact = (text: string) => redactSecrets(text, call.secrets);
  const socket = lowLevelCause(thrown);
  const code = (socket as Error & { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : socket.message;
  const what =
    kind === 'timeout'
      ? `got no answer from ${provider} within ${timeoutMs} ms`
      : `failed without an answer from ${provider} (${reason})`;
  const attempts = event.attempt > 1 ? ` after ${event.attempt} attempts` : '';
  const failed = `${describeCall(call)} ${what}${attempts}`;
  const cause =
    kind === 'timeout'
      ? new Error(`TimeoutError: no answer within ${timeoutMs} ms`)
      : redactCauses(socket, call.secrets);
  const options = { provider, operation: request.operation, cause };
  const neverSent = kind === 'network' && NEVER_CONNECTED.has(reason);
  if (request.movesMoney && !neverSent) {
    const message = `${failed}, so ${provider} may or may not have acted on it; look the operation up before sending it again, or money may move twice.`;
    return new OutcomeUnknownError(redact(message), options);
  }
  if (kind === 'timeout')
    return new TimeoutError(redact(`${failed}; it is safe to try again later.`), options);
  const sent = neverSent ? ': the connection was never made, so nothing was sent' : '';
  const message = `${failed}${sent}; check the network and the base URL, then try again.`;
  return new NetworkError(redact(message), options);
}

/** A 2xx whose body is over `maxResponseBytes`, left unread. */
export function tooLarge(call: Call, status: number): ProviderError {
  const { provider, maxResponseBytes } = call.config;
  const message = `${provider} answered ${status} to ${describeCall(call)} with a body over maxResponseBytes (${maxResponseBytes} bytes), left unread; raise maxResponseBytes if such answers are expected.`;
  return new ProviderError(message, { provider, operation: call.request.operation, status });
}

/**
 * The socket error (`ECONNREFUSED`, `UND_ERR_SOCKET`) under the runtime's `TypeError`, which ky wraps in an
 * error holding the Request and its bearer token; for anything else (a custom `fetch`'s own error) only its
 * name and message, in a new Error.
 */
function lowLevelCause(thrown: unknown): Error {
  const raw = isNetworkError(thrown) ? thrown.cause : thrown;
  const socket = raw instanceof Error ? raw.cause : undefined;
  if (socket instanceof Error && typeof (socket as Error & { code?: unknown }).code === 'string')
    return socket;
  return raw instanceof Error ? new Error(`${raw.name}: ${raw.message}`) : new Error(String(raw));
}

function rateLimitAdvice({ request, config, event }: Call, retryAfterMs: number | undefined): string {
  const { maxRetryAfterMs } = config.retry;
  const wait =
    retryAfterMs === undefined ? 'it did not say for how long' : `it asked to wait ${retryAfterMs} ms`;
  if (request.movesMoney) {
    return `${wait}. A call that moves money is never sent again automatically: the caller decides whether and when to send it again.`;
  }
  if (retryAfterMs === undefined) return 'wait before trying again.';
  if (retryAfterMs > maxRetryAfterMs) {
    return `${wait}, longer than this client waits (${maxRetryAfterMs} ms); try again after that.`;
  }
  return `${wait} and still refused after ${event.attempt} attempts; try again later.`;
}

const STATUS_ADVICE: Record<number, string> = {
  403: 'the credentials are not allowed to do this.',
  404: 'check the id or the URL.',
  409: 'it conflicts with an earlier request.',
};

function statusAdvice({ request }: Call, status: number): string {
  if (status >= 500) {
    return request.movesMoney
      ? 'it may have acted on the request anyway: look the operation up before sending it again.'
      : 'the provider failed; try again later.';
  }
  if (status >= 300 && status < 400) {
    return 'calls with credentials, a body or money do not follow redirects: check that the base URL is the https address.';
  }
  return STATUS_ADVICE[status] ?? 'fix the request before sending it again.';
}
