import ky, { type BeforeRequestState, isHTTPError, isTimeoutError, type KyInstance } from 'ky';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.ts';
import { TenderError } from '../errors/tender-error.ts';
import { ValidationError } from '../errors/validation-error.ts';
import { parseOrThrow } from '../validation/parse.ts';
import { parseJsonBody } from './error-body.ts';
import { errorForAnswer, errorWithoutAnswer, retryAfterOf, tooLarge } from './errors.ts';
import { type HttpSend, notify, type RetryReason } from './events.ts';
import * as o from './options.ts';
import { readBody } from './read-body.ts';
import { createHttpTelemetry } from './telemetry.ts';

/** Statuses that mean "try again later" to a call that cannot move money twice. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Creates the HTTP client an adapter talks to its provider with: one ky instance (base URL, timeout, user
 * agent, injectable `fetch`, hooks) and, on top, only tender's own rules. A call with `movesMoney: false` is
 * repeated after no answer and after 408/429/5xx, waiting what `Retry-After` says up to
 * `retry.maxRetryAfterMs`; a call that moves money is never re-sent, whatever the answer (a proxy's 503 may
 * come after it forwarded the payment). A refused bearer token (401) is replaced once; credentials never
 * follow a redirect; a body is read up to `maxResponseBytes`; every failure is a TenderError, secrets redacted.
 *
 * @example
 * ```ts
 * const http = createHttpClient({ provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com', auth: tokens, events });
 * const { location } = await http.request({ method: 'POST', path: '/api/v2/incoming_payments', json, operation: 'collect', movesMoney: true });
 * ```
 */
export function createHttpClient(options: o.HttpClientOptions): o.HttpClient {
  const config = parseOrThrow(o.HttpClientOptionsSchema, options, 'Invalid HTTP client options');
  const onSend = ({ request, options }: Pick<BeforeRequestState, 'request' | 'options'>) =>
    beforeSend(request, options.context.call as Call);
  const api = ky.create({
    prefix: config.baseUrl,
    timeout: config.timeoutMs,
    headers: { accept: 'application/json', 'user-agent': config.userAgent },
    // No afterResponse hook: ky copies every answer for each one. The 401 and "not now" answers reach
    // `shouldRetry` as HTTPErrors instead, and a 2xx comes back whole, its body read here with a cap.
    hooks: { beforeRequest: [onSend], beforeRetry: [onSend] },
  });
  // Spans and debug lines listen to the call's events (telemetry.ts), which it forwards to `config.events`.
  const telemetry = createHttpTelemetry(config);
  const observed = { ...config, events: telemetry.events };
  return {
    provider: config.provider,
    baseUrl: config.baseUrl,
    request: (request) => telemetry.call(request, (id) => send(api, observed, request, id)),
  };
}

/** One call on its way, shared by the hooks of all its sends through ky's `context`. */
export interface Call {
  readonly config: o.ResolvedHttpClientOptions;
  readonly request: o.ResolvedHttpRequest;
  readonly auth: o.TokenSource | undefined;
  readonly event: { -readonly [K in keyof HttpSend]: HttpSend[K] };
  path: string;
  token?: string;
  /** Kept out of errors: the configured ones and every bearer token sent. */
  readonly secrets: string[];
  retries: number;
  tokenRefreshed?: boolean;
  sentAt?: number;
  delayMs: number;
  /** What a hook threw that is not about the answer (a token that could not be fetched). */
  hookError?: unknown;
}

async function send<T>(
  api: KyInstance,
  config: o.ResolvedHttpClientOptions,
  input: o.HttpRequest,
  requestId: string,
): Promise<o.HttpResponse<T>> {
  const { provider } = config;
  const request = parseOrThrow(o.HttpRequestSchema, input, 'Invalid HTTP request', { provider });
  const { method, operation, movesMoney, json, form, multipart } = request;
  const invalid = (path: string, message: string) =>
    new ValidationError('Invalid HTTP request', [{ path, message }], { provider, operation });
  const target = request.url === undefined ? (request.path ?? '') : new URL(request.url);
  const auth = (request.auth ?? true) ? config.auth : undefined;
  if (request.auth && !auth)
    throw invalid('auth', 'asks for a bearer token but the client has no auth source');
  const origin = new URL(config.baseUrl).origin;
  if (auth && typeof target !== 'string' && target.origin !== origin) {
    throw invalid('url', `is not on ${origin}; the bearer token is only sent there`);
  }
  let body: string | FormData | undefined = multipart ?? request.text;
  const headers: Record<string, string> = {};
  // A multipart body gets its Content-Type (with the boundary) from fetch itself.
  if (request.text !== undefined) headers['content-type'] = 'text/plain';
  else if (multipart === undefined) {
    try {
      body = form ? new URLSearchParams(form).toString() : JSON.stringify(json);
      if (body === undefined && json !== undefined) throw new Error('has no JSON form');
    } catch (error) {
      throw invalid('json', `cannot be sent as JSON: ${(error as Error).message}`);
    }
    if (body !== undefined)
      headers['content-type'] = `application/${form ? 'x-www-form-urlencoded' : 'json'}`;
  }
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const event = { requestId, operation, method, url: '', attempt: 0 };
  const secrets = [...config.secrets, ...(request.secrets ?? [])];
  const call: Call = {
    config,
    request,
    auth,
    event,
    secrets,
    path: request.path ?? '',
    retries: 0,
    delayMs: 0,
  };
  let response: Response;
  try {
    response = await api(target, {
      method,
      headers,
      // A redirect would repeat a body (a token request holds the client secret) or a bearer token to
      // wherever it points, or turn a POST into a GET: such calls see the redirect instead of following it.
      redirect: body !== undefined || movesMoney || auth ? 'manual' : 'follow',
      // ky asks `shouldRetry` about every failure (its own limit is never the one that stops a call), and
      // waits what it decided.
      retry: {
        limit: config.retry.limit + 2,
        methods: [method.toLowerCase()],
        shouldRetry: ({ error }) => shouldRetry(call, error),
        delay: () => call.delayMs,
      },
      context: { call },
      // ky's Request goes to fetch as its URL and a plain init with the body text: handed a Request, undici
      // copies it, and the copy ky keeps for a retry turns the body into a stream sent chunked. The global
      // fetch is looked up at each call, so fetch mocks installed after creation still apply.
      fetch: (input) => {
        const { url, headers, redirect, signal } = input as Request; // ky always calls fetch with its Request
        return (config.fetch ?? fetch)(url, { method, headers, body: body ?? null, redirect, signal });
      },
      ...(request.searchParams && { searchParams: request.searchParams }),
    });
  } catch (error) {
    if (error instanceof TenderError || error === call.hookError) throw error;
    if (isHTTPError(error)) throw errorForAnswer(call, error.response, error.data);
    throw noAnswer(call, isTimeoutError(error) ? 'timeout' : 'network', error);
  }
  const read = await readBody(response, config.maxResponseBytes, config.timeoutMs);
  notifyAnswer(call, response.status);
  // The provider said yes (a 201 with its Location, say) and only the body broke off or ran over: status and
  // headers are the answer; "no answer" would hide a payment that was accepted.
  if (read.kind !== 'text' && !movesMoney) {
    if (read.kind === 'too_large') throw tooLarge(call, response.status);
    throw noAnswer(call, read.kind, read.kind === 'network' ? read.error : undefined);
  }
  const text = read.kind === 'text' ? read.text : '';
  const location = response.headers.get('location');
  const answer = { status: response.status, headers: response.headers, text, ...(location && { location }) };
  return { ...answer, body: parseJsonBody(text) as T };
}

/** Before every send: the current bearer token, and the `request` event. */
async function beforeSend(request: Request, call: Call): Promise<void> {
  if (call.auth !== undefined) {
    try {
      call.token = await call.auth.getToken();
    } catch (error) {
      call.hookError = error;
      throw error;
    }
    call.secrets.push(call.token);
    request.headers.set('authorization', `Bearer ${call.token}`);
  }
  if (call.event.attempt === 0) {
    const url = new URL(request.url);
    call.path = url.pathname;
    call.event.url = `${url.origin}${url.pathname}`;
  }
  call.event.attempt += 1;
  if (call.config.events === undefined) return;
  notify(call.config.events, 'request', { ...call.event });
  call.sentAt = performance.now();
}

type Why = { reason: RetryReason; status?: number };

/**
 * Whether to send a failed call again: once with a fresh token after a 401, and, for a call that moves no
 * money, after no answer or a "not now" status, within the limits. When so, it sets the delay.
 */
function shouldRetry(call: Call, error: Error): boolean {
  const { limit, maxRetryAfterMs, backoffMs } = call.config.retry;
  let why: Why = { reason: isTimeoutError(error) ? 'timeout' : 'network' };
  let retryAfterMs: number | undefined;
  if (isHTTPError(error)) {
    const { status } = error.response;
    notifyAnswer(call, status);
    if (status === 401 && call.token !== undefined && !call.tokenRefreshed) {
      call.auth?.invalidate(call.token);
      call.tokenRefreshed = true;
      return retryAfter(call, 0, { reason: 'token_rejected', status });
    }
    if (!RETRYABLE_STATUSES.has(status)) return false;
    why = { reason: 'status', status };
    retryAfterMs = retryAfterOf(error.response);
  }
  if (call.request.movesMoney || call.retries >= limit || (retryAfterMs ?? 0) > maxRetryAfterMs) return false;
  const delayMs = retryAfterMs ?? Math.min(backoffMs * 2 ** call.retries, maxRetryAfterMs);
  call.retries += 1;
  return retryAfter(call, delayMs, why);
}

/** Sends the call again after `delayMs`, telling the `retry` listeners why. */
function retryAfter(call: Call, delayMs: number, why: Why): true {
  call.delayMs = delayMs;
  notify(call.config.events, 'retry', { ...call.event, delayMs, ...why });
  return true;
}

function notifyAnswer(call: Call, status: number): void {
  if (call.config.events === undefined) return;
  const durationMs = Math.round(performance.now() - (call.sentAt ?? 0));
  notify(call.config.events, 'response', { ...call.event, status, durationMs });
}

function noAnswer(call: Call, kind: 'timeout' | 'network', cause: unknown): TenderError {
  const error = errorWithoutAnswer(call, kind, cause);
  if (error instanceof OutcomeUnknownError)
    notify(call.config.events, 'outcome.unknown', { ...call.event, reason: kind });
  return error;
}
