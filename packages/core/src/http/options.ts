import * as v from 'valibot';
import type { HttpEvents } from './events.ts';
import { DEFAULT_USER_AGENT } from './user-agent.ts';

/**
 * Where the HTTP client gets bearer tokens. {@link createTokenManager} returns one; anything with the same
 * two methods works (a fixed token in tests, a vault client).
 *
 * @example
 * ```ts
 * const fixed: TokenSource = { getToken: async () => 'tok_test', invalidate: () => {} };
 * ```
 */
export interface TokenSource {
  /** Resolves to a token that is valid now. */
  getToken(): Promise<string>;
  /** Tells the source the provider refused `token`, so the next `getToken` fetches a fresh one. */
  invalidate(token: string): void;
}

/**
 * Reads a provider's error body into its own code and message. Each adapter knows its provider's shape:
 * K2 API errors are `{ error_code, error_message }`, OAuth errors `{ error, error_description }`.
 * `body` is the parsed JSON (or `undefined`), `text` the raw body.
 *
 * @example
 * ```ts
 * const parseK2Error: ErrorBodyParser = (body) => {
 *   const fields = (body ?? {}) as { error_code?: number; error_message?: string };
 *   return { code: fields.error_code, message: fields.error_message };
 * };
 * ```
 */
export type ErrorBodyParser = (
  body: unknown,
  text: string,
) => { readonly code?: string | number | undefined; readonly message?: string | undefined };

/**
 * Whether a value can be called; the check behind the schemas of callbacks.
 *
 * @example
 * ```ts
 * isFunction(fetch); // true
 * ```
 */
export const isFunction = (value: unknown): boolean => typeof value === 'function';

const FetchSchema = v.custom<typeof fetch>(isFunction, 'must be a fetch function');

const ErrorBodyParserSchema = v.custom<ErrorBodyParser>(isFunction, 'must be a function');

const TokenSourceSchema = v.custom<TokenSource>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    isFunction((value as Partial<TokenSource>).getToken) &&
    isFunction((value as Partial<TokenSource>).invalidate),
  'must have getToken() and invalidate(token) methods',
);

/**
 * Checks an emitter from {@link createHttpEvents}. Duck-typed rather than `instanceof`, so an emitter from
 * another copy of eventemitter3 is accepted.
 *
 * @example
 * ```ts
 * v.parse(HttpEventsSchema, createHttpEvents());
 * ```
 */
export const HttpEventsSchema = v.custom<HttpEvents>(
  (value) => typeof value === 'object' && value !== null && isFunction((value as Partial<HttpEvents>).emit),
  'must be an emitter from createHttpEvents()',
);

const MillisecondsSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2_147_483_647));

/**
 * The HTTP client's options. `provider` names the provider in errors; `baseUrl` is the origin (and optional
 * base path) every `path` is joined to.
 *
 * @example
 * ```ts
 * const options: HttpClientOptions = {
 *   provider: 'k2',
 *   baseUrl: 'https://sandbox.kopokopo.com',
 *   timeoutMs: 10_000,
 *   retry: { limit: 2, maxRetryAfterMs: 30_000 },
 *   parseErrorBody: parseK2Error,
 *   secrets: [clientSecret],
 * };
 * ```
 */
export const HttpClientOptionsSchema = v.object({
  /** The provider's short name, such as `'k2'`; it appears in every error. */
  provider: v.pipe(v.string(), v.trim(), v.nonEmpty('must name the provider')),
  /** The provider's base URL, `http` or `https`; a base path is kept (`https://host/v2` + `/x` is `/v2/x`). */
  baseUrl: v.pipe(
    v.string(),
    v.url('must be an absolute URL'),
    v.check((url) => /^https?:\/\//i.test(url), 'must be an http or https URL'),
  ),
  /** Per-attempt limit, in milliseconds, for the answer's headers and again for its body. @default 30000 */
  timeoutMs: v.optional(v.pipe(MillisecondsSchema, v.minValue(1)), 30_000),
  /** @default `tender/<version> (+node)`; adapters append their own product token. */
  userAgent: v.optional(v.pipe(v.string(), v.nonEmpty()), DEFAULT_USER_AGENT),
  /** The `fetch` to use (tests, edge runtimes). @default globalThis.fetch, looked up at each call */
  fetch: v.optional(FetchSchema),
  /** Retry bounds; see the retry policy in retry-policy.ts for which calls are repeated at all. */
  retry: v.optional(
    v.object({
      /** How many times one call may be repeated (not counting the single fresh-token retry). @default 2 */
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), 2),
      /** The longest `Retry-After` the client waits; a longer one fails at once with RateLimitError. @default 60000 */
      maxRetryAfterMs: v.optional(MillisecondsSchema, 60_000),
      /** The first backoff delay when the provider does not say when; doubled on each retry. @default 300 */
      backoffMs: v.optional(MillisecondsSchema, 300),
    }),
    {},
  ),
  /** Where `request`, `response` and `retry` events go. */
  events: v.optional(HttpEventsSchema),
  /** Bearer tokens for calls with `auth` (the default when this is set). */
  auth: v.optional(TokenSourceSchema),
  /** Reads the provider's error body; the default reads `code`/`error` and `message`/`error_description`. */
  parseErrorBody: v.optional(ErrorBodyParserSchema),
  /** Strings that must never appear in an error message (client secrets, API keys). */
  secrets: v.optional(v.array(v.string()), []),
});

/** @example const options: HttpClientOptions = { provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com' }; */
export type HttpClientOptions = v.InferInput<typeof HttpClientOptionsSchema>;

/** The options with their defaults filled in. */
export type ResolvedHttpClientOptions = v.InferOutput<typeof HttpClientOptionsSchema>;

const HeadersSchema = v.pipe(
  v.record(v.string(), v.string()),
  v.check((headers) => {
    try {
      new Headers(headers);
      return true;
    } catch {
      return false;
    }
  }, 'must be valid HTTP header names and values'),
);

/**
 * One call. Give either `path` (joined to `baseUrl`) or `url` (absolute, such as a K2 `Location` URL), and
 * at most one body (`json`, `form` or `text`). `operation` names the call in errors; `movesMoney` says whether
 * repeating it could move money twice, which decides how it is retried and how a lost answer is reported.
 *
 * @example
 * ```ts
 * const request: HttpRequest = {
 *   method: 'POST',
 *   path: '/api/v2/incoming_payments',
 *   json: { payment_channel: 'M-PESA STK Push', till_number: 'K000000' },
 *   operation: 'collect',
 *   movesMoney: true,
 * };
 * ```
 */
export const HttpRequestSchema = v.pipe(
  v.object({
    method: v.picklist(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** Relative to `baseUrl`; may carry a query string. */
    path: v.optional(v.string()),
    /** Absolute `http(s)` URL; used as it is. */
    url: v.optional(v.pipe(v.string(), v.url('must be an absolute URL'))),
    /** Sent as JSON with `Content-Type: application/json`. */
    json: v.optional(v.unknown()),
    /** Sent form-encoded with `Content-Type: application/x-www-form-urlencoded`. */
    form: v.optional(v.record(v.string(), v.string())),
    /** Sent as it is with `Content-Type: text/plain` (KTPay's sealed, base64 body). */
    text: v.optional(v.string()),
    /** Sent as `multipart/form-data` (file uploads); `fetch` writes the boundary into `Content-Type`. */
    multipart: v.optional(v.custom<FormData>((value) => value instanceof FormData, 'must be a FormData')),
    /** Extra headers; they override the defaults (`Accept`, `User-Agent`, `Content-Type`). */
    headers: v.optional(HeadersSchema),
    /** Appended to the URL's query. */
    searchParams: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()]))),
    /** The neutral or provider operation, such as `'collect'` or `'token'`. */
    operation: v.pipe(v.string(), v.trim(), v.nonEmpty('must name the operation')),
    /** Whether a repeat could move money twice. */
    movesMoney: v.boolean(),
    /** Whether to send the bearer token. @default true when the client has an `auth` source */
    auth: v.optional(v.boolean()),
    /** Overrides the client's error body reader for this call (token endpoints speak OAuth). */
    parseErrorBody: v.optional(ErrorBodyParserSchema),
    /** More strings to keep out of this call's error messages. */
    secrets: v.optional(v.array(v.string())),
  }),
  v.check(
    (request) => (request.path === undefined) !== (request.url === undefined),
    'give either path or url',
  ),
  v.check(
    (request) => request.json === undefined || request.form === undefined,
    'give json or form, not both',
  ),
  v.check(
    (request) => request.text === undefined || (request.json === undefined && request.form === undefined),
    'give text alone, not with json or form',
  ),
  v.check(
    (request) =>
      request.multipart === undefined || (request.json === undefined && request.form === undefined),
    'give multipart alone, without json or form',
  ),
);

/** @example const request: HttpRequest = { method: 'GET', url: location, operation: 'status', movesMoney: false }; */
export type HttpRequest = v.InferInput<typeof HttpRequestSchema>;

/** A checked {@link HttpRequest}. */
export type ResolvedHttpRequest = v.InferOutput<typeof HttpRequestSchema>;

/**
 * A provider's answer with a 2xx status. `body` is the parsed JSON (`undefined` for an empty or non-JSON
 * body), `text` the raw body, and `location` the `Location` header where there was one.
 *
 * @example
 * ```ts
 * const { status, location } = await http.request({ method: 'POST', path, json, operation: 'collect', movesMoney: true });
 * ```
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
 * @example
 * ```ts
 * const http: HttpClient = createHttpClient({ provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com' });
 * const { body } = await http.request<{ data: unknown }>({ method: 'GET', url, operation: 'status', movesMoney: false });
 * ```
 */
export interface HttpClient {
  /** The provider name the client puts in errors. */
  readonly provider: string;
  /** The base URL paths are joined to. */
  readonly baseUrl: string;
  /** Sends one call, with retries where they are safe; resolves to a 2xx answer or throws a TenderError. */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}
