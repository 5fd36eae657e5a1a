import { AuthenticationError } from '../errors/authentication-error.ts';
import { NetworkError } from '../errors/network-error.ts';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.ts';
import { ProviderError } from '../errors/provider-error.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import type { TenderError } from '../errors/tender-error.ts';
import { TimeoutError } from '../errors/timeout-error.ts';
import { redactSecrets } from './redact.ts';
import { honoursRetryAfter } from './retry-policy.ts';

/**
 * What an error about one call needs to say: which call (method, URL path, operation), to which
 * provider, whether it could move money, and which strings must not appear in the message.
 */
export interface CallContext {
  readonly provider: string;
  readonly operation: string;
  readonly method: string;
  /** The URL path only: a query string may hold credentials. */
  readonly path: string;
  readonly movesMoney: boolean;
  readonly timeoutMs: number;
  readonly maxRetryAfterMs: number;
  /** How many times the call was sent. */
  readonly attempts: number;
  /** The configured secrets and the bearer token of the last attempt. */
  readonly secrets: readonly (string | undefined)[];
}

/**
 * The error answer of the last attempt, with the provider's own code and message already read from the
 * body.
 */
export interface ErrorAnswer {
  readonly status: number;
  readonly providerCode: string | number | undefined;
  readonly providerMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** Whether a fresh token was already tried after a first 401. */
  readonly tokenRefreshed: boolean;
}

/**
 * Turns an error answer into the TenderError the caller gets: 401 → AuthenticationError, 429 (and 503 with
 * `Retry-After`) → RateLimitError, any other status → ProviderError. Everything taken from the body is
 * redacted.
 *
 * @example
 * ```ts
 * throw errorForAnswer(context, { status: 404, providerCode: 404, providerMessage: 'Not found', retryAfterMs: undefined, tokenRefreshed: false });
 * ```
 */
export function errorForAnswer(context: CallContext, answer: ErrorAnswer): TenderError {
  const redact = (text: string) => redactSecrets(text, context.secrets);
  const providerMessage = answer.providerMessage === undefined ? undefined : redact(answer.providerMessage);
  const providerCode =
    typeof answer.providerCode === 'string' ? redact(answer.providerCode) : answer.providerCode;
  const options = {
    provider: context.provider,
    operation: context.operation,
    status: answer.status,
    providerCode,
    providerMessage,
  };
  const said = providerMessage === undefined ? '' : `: ${providerMessage}`;
  const call = describeCall(context);

  if (answer.status === 401) {
    const advice = answer.tokenRefreshed
      ? 'a freshly fetched access token was refused too: check the client id, the secret and what the application may do'
      : 'check the credentials';
    return new AuthenticationError(
      redact(`${context.provider} refused the credentials for ${call} (401)${said}; ${advice}.`),
      options,
    );
  }
  if (answer.status === 429 || (honoursRetryAfter(answer.status) && answer.retryAfterMs !== undefined)) {
    return new RateLimitError(
      redact(
        `${context.provider} asked to slow down on ${call} (${answer.status})${said}; ${rateLimitAdvice(context, answer)}`,
      ),
      {
        ...options,
        retryAfterMs: answer.retryAfterMs,
      },
    );
  }
  return new ProviderError(
    redact(
      `${context.provider} answered ${answer.status} to ${call}${said}; ${statusAdvice(context, answer.status)}`,
    ),
    { ...options, retryable: answer.status >= 500 && !context.movesMoney },
  );
}

/**
 * Socket errors raised before a connection exists: the name did not resolve, the host or network could
 * not be reached, the port refused, or the connect itself timed out. The request cannot have left, so the
 * provider cannot have acted on it.
 */
const NEVER_CONNECTED: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Turns a call that got no answer into the TenderError the caller gets. A call that can move money becomes
 * an OutcomeUnknownError (the provider may have acted on it), unless the connection was never made, so
 * nothing was sent; any other call, and that one, a TimeoutError or NetworkError.
 *
 * @example
 * ```ts
 * throw errorWithoutAnswer(context, { kind: 'timeout' });
 * ```
 */
export function errorWithoutAnswer(
  context: CallContext,
  outcome: { readonly kind: 'timeout' } | { readonly kind: 'network'; readonly cause: Error },
): TenderError {
  const redact = (text: string) => redactSecrets(text, context.secrets);
  const call = describeCall(context);
  const what =
    outcome.kind === 'timeout'
      ? `got no answer from ${context.provider} within ${context.timeoutMs} ms`
      : `failed without an answer from ${context.provider} (${networkDetail(outcome.cause)})`;
  const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  const options = {
    provider: context.provider,
    operation: context.operation,
    cause:
      outcome.kind === 'timeout'
        ? new Error(`TimeoutError: no answer within ${context.timeoutMs} ms`)
        : redactedCause(outcome.cause, redact),
  };
  const neverSent = outcome.kind === 'network' && NEVER_CONNECTED.has(networkDetail(outcome.cause));
  if (context.movesMoney && !neverSent) {
    return new OutcomeUnknownError(
      redact(
        `${call} ${what}${tries}, so ${context.provider} may or may not have acted on it; look the operation up before sending it again, or money may move twice.`,
      ),
      options,
    );
  }
  if (outcome.kind === 'timeout') {
    return new TimeoutError(redact(`${call} ${what}${tries}; it is safe to try again later.`), options);
  }
  const sent = neverSent ? ': the connection was never made, so nothing was sent' : '';
  return new NetworkError(
    redact(`${call} ${what}${tries}${sent}; check the network and the base URL, then try again.`),
    options,
  );
}

/**
 * The cause itself when it names no secret; otherwise a new Error with the secrets redacted (a custom
 * `fetch` may put the request's headers, bearer token included, in its message, and a stack repeats it).
 */
function redactedCause(cause: Error, redact: (text: string) => string): Error {
  const message = redact(cause.message);
  return message === cause.message ? cause : new Error(message);
}

function describeCall(context: CallContext): string {
  return `${context.method} ${context.path} (${context.operation})`;
}

function rateLimitAdvice(context: CallContext, answer: ErrorAnswer): string {
  if (answer.retryAfterMs === undefined) return 'wait before trying again.';
  if (answer.retryAfterMs > context.maxRetryAfterMs) {
    return `it asked to wait ${answer.retryAfterMs} ms, longer than this client waits (${context.maxRetryAfterMs} ms); try again after that.`;
  }
  return `it asked to wait ${answer.retryAfterMs} ms and still refused after ${context.attempts} attempts; try again later.`;
}

function statusAdvice(context: CallContext, status: number): string {
  if (status >= 500) {
    return context.movesMoney
      ? 'it may have acted on the request anyway: look the operation up before sending it again.'
      : 'the provider failed; try again later.';
  }
  if (status >= 300 && status < 400) {
    return 'redirects are not followed for calls that move money or send a body (a token request would repeat the client secret): check that the base URL is the https address.';
  }
  if (status === 403) return 'the credentials are not allowed to do this.';
  if (status === 404) return 'check the id or the URL.';
  if (status === 409) return 'it conflicts with an earlier request.';
  return 'fix the request before sending it again.';
}

/** The socket-level code (`ECONNREFUSED`, `UND_ERR_SOCKET`) when the cause chain has one, else its message. */
function networkDetail(cause: Error): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return cause.message;
}
