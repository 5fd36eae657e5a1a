import * as v from 'valibot';
import { DebugOptionSchema } from '../telemetry/debug.ts';
import type { HttpEvents } from './events.ts';
import { DEFAULT_USER_AGENT } from './user-agent.ts';

/**
 * Where the HTTP client gets bearer tokens. {@link createTokenManager} returns one; anything with the same
 * two methods works (a fixed token in tests, a vault client).
 *
 * @example const fixed: TokenSource = { getToken: async () => 'tok_test', invalidate: () => {} };
 */
export interface TokenSource {
  /** Resolves to a token that is valid now. */
  getToken(): Promise<string>;
  /** Tells the source the provider refused `token`, so the next `getToken` fetches a fresh one. */
  invalidate(token: string): void;
}

/**
 * Reads a provider's error body (`body` parsed as JSON or `undefined`, `text` raw) into its code and message.
 *
 * @example const parseK2Error: ErrorBodyParser = (body) => ({ code: (body as K2Error).error_code, message: (body as K2Error).error_message });
 */
export type ErrorBodyParser = (
  body: unknown,
  text: string,
) => { readonly code?: string | number | undefined; readonly message?: string | undefined };

/** Whether a value can be called; the check behind the schemas of callbacks. @example isFunction(fetch); // true */
export const isFunction = (value: unknown): boolean => typeof value === 'function';

/** An object with these methods (duck-typed: a copy from another package version passes too). */
const withMethods =
  (...names: string[]) =>
  (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => isFunction(Reflect.get(value, name)));

const ErrorBodyParserSchema = v.custom<ErrorBodyParser>(isFunction, 'must be a function');

/** Checks an emitter from {@link createHttpEvents}. @example v.parse(HttpEventsSchema, createHttpEvents()); */
export const HttpEventsSchema = v.custom<HttpEvents>(
  withMethods('emit'),
  'must be an emitter from createHttpEvents()',
);

const MillisecondsSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2_147_483_647));

/**
 * The HTTP client's options: `provider` names it in errors, `baseUrl` (origin and optional base path) is
 * where every `path` goes.
 *
 * @example const options: HttpClientOptions = { provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com', secrets: [clientSecret] };
 */
export const HttpClientOptionsSchema = v.object({
  provider: v.pipe(v.string(), v.trim(), v.nonEmpty('must name the provider')),
  /** `http` or `https`; a base path is kept (`https://host/v2` + `/x` is `/v2/x`). */
  baseUrl: v.pipe(
    v.string(),
    v.url('must be an absolute URL'),
    v.regex(/^https?:\/\//i, 'must be an http or https URL'),
  ),
  /** Per attempt, for the answer's headers and again for its body. @default 30000 */
  timeoutMs: v.optional(v.pipe(MillisecondsSchema, v.minValue(1)), 30_000),
  /** @default `tender/<version> (+node)`; adapters append their own product token. */
  userAgent: v.optional(v.pipe(v.string(), v.nonEmpty()), DEFAULT_USER_AGENT),
  /** @default globalThis.fetch, looked up at each call (so mocks installed later apply) */
  fetch: v.optional(v.custom<typeof fetch>(isFunction, 'must be a fetch function')),
  /** Bounds of the retries of calls that move no money; a call that moves money is never re-sent. */
  retry: v.optional(
    v.object({
      /** Repeats of one call, not counting the single fresh-token retry. @default 2 */
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), 2),
      /** The longest `Retry-After` waited for; a longer one fails at once with RateLimitError. @default 60000 */
      maxRetryAfterMs: v.optional(MillisecondsSchema, 60_000),
      /** The first backoff delay when the provider does not say when; doubled on each retry. @default 300 */
      backoffMs: v.optional(MillisecondsSchema, 300),
    }),
    {},
  ),
  /** The largest 2xx body read, in bytes; a larger one is refused, not buffered (ky caps error bodies at 10 MiB). @default 10485760 */
  maxResponseBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 10 * 1024 * 1024),
  events: v.optional(HttpEventsSchema),
  /** Bearer tokens for calls with `auth` (the default when this is set). */
  auth: v.optional(
    v.custom<TokenSource>(
      withMethods('getToken', 'invalidate'),
      'must have getToken() and invalidate(token) methods',
    ),
  ),
  /** @default reads `code`/`error` and `message`/`error_description` */
  parseErrorBody: v.optional(ErrorBodyParserSchema),
  /** Values that must never appear in an error (client secrets, API keys); bearer tokens are added. */
  secrets: v.optional(v.array(v.string()), []),
  /** Logs each call and answer, secrets redacted (see {@link DebugOption}). @default `TENDER_DEBUG` decides */
  debug: v.optional(DebugOptionSchema),
});

/** @example const options: HttpClientOptions = { provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com' }; */
export type HttpClientOptions = v.InferInput<typeof HttpClientOptionsSchema>;

/** The options with their defaults filled in. */
export type ResolvedHttpClientOptions = v.InferOutput<typeof HttpClientOptionsSchema>;

const validHeaders = (headers: Record<string, string>) => {
  try {
    return new Headers(headers) !== undefined;
  } catch {
    return false;
  }
};

/**
 * One call: `path` (joined to `baseUrl`, may carry a query) or `url` (absolute, such as a K2 `Location`), at
 * most one body (`json` or `form`), `operation` naming it in errors and events, and `movesMoney`: whether a
 * repeat could move money twice, which decides retries and how a lost answer is reported.
 *
 * @example const request: HttpRequest = { method: 'POST', path: '/api/v2/incoming_payments', json: body, operation: 'collect', movesMoney: true };
 */
export const HttpRequestSchema = v.pipe(
  v.object({
    method: v.picklist(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: v.optional(v.string()),
    url: v.optional(v.pipe(v.string(), v.url('must be an absolute URL'))),
    json: v.optional(v.unknown()),
    form: v.optional(v.record(v.string(), v.string())),
    /** Sent as it is with `Content-Type: text/plain` (KTPay's sealed, base64 body). */
    text: v.optional(v.string()),
    /** Sent as `multipart/form-data` (file uploads); `fetch` writes the boundary into `Content-Type`. */
    multipart: v.optional(v.custom<FormData>((value) => value instanceof FormData, 'must be a FormData')),
    /** Replace the defaults (`Accept`, `User-Agent`, `Content-Type`) whatever their letter case. */
    headers: v.optional(
      v.pipe(v.record(v.string(), v.string()), v.check(validHeaders, 'must be valid headers')),
    ),
    searchParams: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()]))),
    operation: v.pipe(v.string(), v.trim(), v.nonEmpty('must name the operation')),
    movesMoney: v.boolean(),
    /** Whether to send the bearer token. @default true when the client has an `auth` source */
    auth: v.optional(v.boolean()),
    /** Overrides the client's error body reader for this call (token endpoints speak OAuth). */
    parseErrorBody: v.optional(ErrorBodyParserSchema),
    /** More values to keep out of this call's errors. */
    secrets: v.optional(v.array(v.string())),
  }),
  v.check(({ path, url }) => (path === undefined) !== (url === undefined), 'give either path or url'),
  v.check(({ json, form }) => json === undefined || form === undefined, 'give json or form, not both'),
  v.check(
    ({ text, json, form }) => text === undefined || (json === undefined && form === undefined),
    'give text alone, not with json or form',
  ),
  v.check(
    ({ multipart, text, json, form }) =>
      multipart === undefined || (json === undefined && form === undefined && text === undefined),
    'give multipart alone, without json or form',
  ),
);

/** @example const request: HttpRequest = { method: 'GET', url: location, operation: 'status', movesMoney: false }; */
export type HttpRequest = v.InferInput<typeof HttpRequestSchema>;

/** A checked {@link HttpRequest}. */
export type ResolvedHttpRequest = v.InferOutput<typeof HttpRequestSchema>;

/**
 * A 2xx answer: `body` parsed as JSON (`undefined` if empty or not JSON), `text` raw, `location` if given.
 *
 * @example const { status, location } = await http.request({ method: 'POST', path, json, operation: 'collect', movesMoney: true });
 */
export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T | undefined;
  readonly text: string;
  readonly location?: string;
}

/**
 * A configured HTTP client for one provider.
 *
 * @example const { body } = await http.request<{ data: unknown }>({ method: 'GET', url, operation: 'status', movesMoney: false });
 */
export interface HttpClient {
  readonly provider: string;
  readonly baseUrl: string;
  /** Sends one call, retried only where that cannot move money twice; a 2xx answer or a TenderError. */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}
