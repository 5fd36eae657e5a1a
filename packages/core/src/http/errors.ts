import { isNetworkError } from 'ky';
import { AuthenticationError } from '../errors/authentication-error.ts';
import { NetworkError } from '../errors/network-error.ts';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.ts';
import { ProviderError } from '../errors/provider-error.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import type { TenderError } from '../errors/tender-error.ts';
import { TimeoutError } from '../errors/timeout-error.ts';
import { redactCauses, redactSecrets } from './redact.ts';

/** What an error about one call says (`path` without the query, which may hold credentials). */
export interface CallContext {
  readonly provider: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly movesMoney: boolean;
  readonly timeoutMs: number;
  readonly maxRetryAfterMs: number;
  readonly attempts: number;
  /** The configured secrets and the bearer token of the last attempt. */
  readonly secrets: readonly (string | undefined)[];
}

/** The final error answer, with the provider's code and message read from its body. */
export interface ErrorAnswer {
  readonly status: number;
  readonly providerCode: string | number | undefined;
  readonly providerMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** Whether a fresh token was already tried after a first 401. */
  readonly tokenRefreshed: boolean;
}

/** 401 → AuthenticationError; 429, and 503 with `Retry-After` → RateLimitError; else ProviderError. */
export function errorForAnswer(context: CallContext, answer: ErrorAnswer): TenderError {
  const redact = (text: string) => redactSecrets(text, context.secrets);
  const { status, retryAfterMs, providerCode: code } = answer;
  const providerMessage = answer.providerMessage === undefined ? undefined : redact(answer.providerMessage);
  const providerCode = typeof code === 'string' ? redact(code) : code;
  const options = {
    provider: context.provider,
    operation: context.operation,
    status,
    providerCode,
    providerMessage,
  };
  const call = describeCall(context);
  const said = providerMessage === undefined ? '' : `: ${providerMessage}`;
  if (status === 401) {
    const advice = answer.tokenRefreshed
      ? 'a freshly fetched access token was refused too: check the client id, the secret and what the application may do'
      : 'check the credentials';
    return new AuthenticationError(
      redact(`${context.provider} refused the credentials for ${call} (401)${said}; ${advice}.`),
      options,
    );
  }
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    const advice = rateLimitAdvice(context, retryAfterMs);
    const message = redact(`${context.provider} asked to slow down on ${call} (${status})${said}; ${advice}`);
    return new RateLimitError(message, { ...options, retryAfterMs });
  }
  return new ProviderError(
    redact(`${context.provider} answered ${status} to ${call}${said}; ${statusAdvice(context, status)}`),
    {
      ...options,
      retryable: status >= 500 && !context.movesMoney,
    },
  );
}

/** Socket errors raised before a connection exists: the request cannot have left. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * No answer: OutcomeUnknownError for a call that moves money (the provider may have acted), unless the
 * connection was never made; otherwise TimeoutError or NetworkError, keeping only the redacted socket error.
 */
export function errorWithoutAnswer(
  context: CallContext,
  kind: 'timeout' | 'network',
  thrown: unknown,
): TenderError {
  const redact = (text: string) => redactSecrets(text, context.secrets);
  const socket = lowLevelCause(thrown);
  const code = (socket as Error & { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : socket.message;
  const what =
    kind === 'timeout'
      ? `got no answer from ${context.provider} within ${context.timeoutMs} ms`
      : `failed without an answer from ${context.provider} (${reason})`;
  const call = `${describeCall(context)} ${what}${context.attempts > 1 ? ` after ${context.attempts} attempts` : ''}`;
  const cause =
    kind === 'timeout'
      ? new Error(`TimeoutError: no answer within ${context.timeoutMs} ms`)
      : redactCauses(socket, context.secrets);
  const options = { provider: context.provider, operation: context.operation, cause };
  const neverSent = kind === 'network' && NEVER_CONNECTED.has(reason);
  if (context.movesMoney && !neverSent) {
    const message = `${call}, so ${context.provider} may or may not have acted on it; look the operation up before sending it again, or money may move twice.`;
    return new OutcomeUnknownError(redact(message), options);
  }
  if (kind === 'timeout') return new TimeoutError(redact(`${call}; it is safe to try again later.`), options);
  const sent = neverSent ? ': the connection was never made, so nothing was sent' : '';
  return new NetworkError(
    redact(`${call}${sent}; check the network and the base URL, then try again.`),
    options,
  );
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

function describeCall(context: CallContext): string {
  return `${context.method} ${context.path} (${context.operation})`;
}

function rateLimitAdvice(context: CallContext, retryAfterMs: number | undefined): string {
  const wait =
    retryAfterMs === undefined ? 'it did not say for how long' : `it asked to wait ${retryAfterMs} ms`;
  if (context.movesMoney) {
    return `${wait}. A call that moves money is never sent again automatically: the caller decides whether and when to send it again.`;
  }
  if (retryAfterMs === undefined) return 'wait before trying again.';
  if (retryAfterMs > context.maxRetryAfterMs) {
    return `${wait}, longer than this client waits (${context.maxRetryAfterMs} ms); try again after that.`;
  }
  return `${wait} and still refused after ${context.attempts} attempts; try again later.`;
}

function statusAdvice(context: CallContext, status: number): string {
  if (status >= 500) {
    return context.movesMoney
      ? 'it may have acted on the request anyway: look the operation up before sending it again.'
      : 'the provider failed; try again later.';
  }
  if (status >= 300 && status < 400) {
    return 'calls with credentials, a body or money do not follow redirects: check that the base URL is the https address.';
  }
  const advice: Record<number, string> = {
    403: 'the credentials are not allowed to do this.',
    404: 'check the id or the URL.',
    409: 'it conflicts with an earlier request.',
  };
  return advice[status] ?? 'fix the request before sending it again.';
}
