import {
  DEFAULT_USER_AGENT,
  type DebugOption,
  DebugOptionSchema,
  FetchSettingSchema,
  type HttpEvents,
  HttpEventsSettingSchema,
  isPlainHttpElsewhere,
  parseOrThrow,
  providerBaseUrlSchema,
} from '@tender/core';
import * as v from 'valibot';
import { objectMessage } from './client/validation.ts';

/**
 * The version of @tender/k2 announced in the `User-Agent` product token. Kept equal to
 * packages/k2/package.json's version (a test checks it): importing package.json would not survive the
 * build to dist/.
 *
 * @example
 * ```ts
 * console.log(K2_VERSION); // '0.1.0'
 * ```
 */
export const K2_VERSION = '0.1.0';

/**
 * The `User-Agent` sent to K2 unless the configuration gives another: tender's own token followed by this
 * package's (RFC 9110 lists products from the most to the least significant).
 *
 * @example
 * ```ts
 * console.log(K2_DEFAULT_USER_AGENT); // 'tender/0.1.0 (+node) tender-k2/0.1.0'
 * ```
 */
export const K2_DEFAULT_USER_AGENT = `${DEFAULT_USER_AGENT} tender-k2/${K2_VERSION}`;

/**
 * K2's hosts. Production is `api.kopokopo.com`: the current WooCommerce plugin and the PHP SDKs use it, and
 * the `_links.self` values in the v2 SDK fixtures point there. Older guides name `app.kopokopo.com`
 * ([UNCLEAR] in the reference); a caller who needs another host gives `baseUrl` instead of `environment`.
 *
 * @example
 * ```ts
 * K2_BASE_URLS.sandbox; // 'https://sandbox.kopokopo.com'
 * ```
 */
export const K2_BASE_URLS = {
  sandbox: 'https://sandbox.kopokopo.com',
  production: 'https://api.kopokopo.com',
} as const;

/**
 * Which K2 environment to talk to.
 *
 * @example
 * ```ts
 * const environment: K2Environment = 'sandbox';
 * ```
 */
export type K2Environment = keyof typeof K2_BASE_URLS;

const MillisecondsSchema = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(2_147_483_647, 'must be at most 2147483647 ms'),
);

// Every message below is written out: valibot's default messages quote the received value, and a
// misplaced secret (a client secret given where a number was expected) must not end up in an error.
const SecretSchema = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));

/** The core HTTP client's retry bounds; only calls that cannot move money twice are ever repeated. */
const RetrySchema = v.object(
  {
    /** How many times one call may be repeated. @default 2 */
    limit: v.optional(
      v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        v.minValue(0, 'must not be negative'),
        v.maxValue(10, 'must be at most 10'),
      ),
    ),
    /** The longest `Retry-After` waited for. @default 60000 */
    maxRetryAfterMs: v.optional(MillisecondsSchema),
    /** The first backoff delay, doubled on each retry. @default 300 */
    backoffMs: v.optional(MillisecondsSchema),
  },
  objectMessage,
);

const BaseUrlSchema = providerBaseUrlSchema('https://sandbox.kopokopo.com');

/**
 * The configuration of a K2 client. Give `environment` or, for a proxy or a local simulator, `baseUrl`
 * (exactly one of them). The client id and secret obtain OAuth tokens; the API key is K2's webhook and
 * callback signing key, used only to verify signatures (the client never sends it), and is kept here so
 * one configuration serves the whole package.
 *
 * @example
 * ```ts
 * const config: K2Config = {
 *   clientId: process.env.K2_CLIENT_ID!,
 *   clientSecret: process.env.K2_CLIENT_SECRET!,
 *   apiKey: process.env.K2_API_KEY!,
 *   environment: 'sandbox',
 *   timeoutMs: 15_000,
 * };
 * ```
 */
export const K2ConfigSchema = v.pipe(
  v.object(
    {
      clientId: v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty')),
      clientSecret: SecretSchema,
      apiKey: v.optional(SecretSchema),
      environment: v.optional(v.picklist(['sandbox', 'production'], "must be 'sandbox' or 'production'")),
      baseUrl: v.optional(BaseUrlSchema),
      /**
       * Allows a plain-http `baseUrl` on another machine (a simulator in another container). The client
       * secret and tokens then cross the network in clear text: never for Kopo Kopo itself. @default false
       */
      allowPlainHttp: v.optional(v.boolean('must be a boolean')),
      /** Per-attempt limit for the answer's headers and again for its body. @default 30000 */
      timeoutMs: v.optional(v.pipe(MillisecondsSchema, v.minValue(1, 'must be at least 1 ms'))),
      /** Retry bounds of the core HTTP client (only calls that cannot move money twice are repeated). */
      retry: v.optional(RetrySchema),
      /** Replaces the whole `User-Agent` header. @default K2_DEFAULT_USER_AGENT */
      userAgent: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.trim(),
          v.nonEmpty('must not be empty'),
          v.check((agent) => !/[\r\n]/.test(agent), 'must be a single line'),
        ),
        K2_DEFAULT_USER_AGENT,
      ),
      /** The `fetch` to use (tests, edge runtimes). @default globalThis.fetch, looked up at each call */
      fetch: v.optional(FetchSettingSchema),
      /** Receives `request`, `response`, `retry` and `token.refreshed` events (never secrets). */
      events: v.optional(HttpEventsSettingSchema),
      /** Logs each call and answer, secrets redacted: `true`, `['http']` or a function taking each line. @default `TENDER_DEBUG` decides */
      debug: v.optional(DebugOptionSchema),
    },
    objectMessage,
  ),
  v.forward(
    v.partialCheck(
      [['environment'], ['baseUrl']],
      (config) => config.environment !== undefined || config.baseUrl !== undefined,
      "is required: 'sandbox' or 'production' (or give baseUrl instead)",
    ),
    ['environment'],
  ),
  v.forward(
    v.partialCheck(
      [['environment'], ['baseUrl']],
      (config) => config.environment === undefined || config.baseUrl === undefined,
      'give environment or baseUrl, not both',
    ),
    ['baseUrl'],
  ),
  v.forward(
    v.partialCheck(
      [['baseUrl'], ['allowPlainHttp']],
      (config) =>
        config.baseUrl === undefined ||
        config.allowPlainHttp === true ||
        !isPlainHttpElsewhere(config.baseUrl),
      'uses plain http to another machine, so the client secret would cross the network in clear text: use https, or set allowPlainHttp: true for a simulator on your own network',
    ),
    ['baseUrl'],
  ),
);

/**
 * What a caller gives {@link createK2Client}.
 *
 * @example
 * ```ts
 * const config: K2Config = { clientId: 'id', clientSecret: 'secret', environment: 'sandbox' };
 * ```
 */
export type K2Config = v.InferInput<typeof K2ConfigSchema>;

/**
 * A checked configuration: the base URL resolved, defaults filled in. It holds the secrets, so it never
 * leaves the client's closures.
 *
 * @example
 * ```ts
 * const resolved: ResolvedK2Config = resolveK2Config({ clientId: 'id', clientSecret: 's', environment: 'sandbox' });
 * resolved.baseUrl; // 'https://sandbox.kopokopo.com'
 * ```
 */
export interface ResolvedK2Config {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string | undefined;
  readonly baseUrl: string;
  readonly timeoutMs: number | undefined;
  readonly retry: v.InferOutput<typeof RetrySchema> | undefined;
  readonly userAgent: string;
  readonly fetch: typeof fetch | undefined;
  readonly events: HttpEvents | undefined;
  readonly debug: DebugOption | undefined;
  /** The strings no error message may contain. */
  readonly secrets: readonly string[];
}

/**
 * Checks a configuration and resolves the base URL. A bad one throws a ValidationError that names each
 * offending field and never quotes a secret.
 *
 * @example
 * ```ts
 * resolveK2Config({ clientId: 'id', clientSecret: 's', environment: 'production' }).baseUrl;
 * // 'https://api.kopokopo.com'
 * ```
 */
export function resolveK2Config(config: K2Config): ResolvedK2Config {
  const checked = parseOrThrow(K2ConfigSchema, config, 'Invalid K2 configuration', { provider: 'k2' });
  // The schema guarantees exactly one of the two; the fallback only satisfies the type checker.
  const baseUrl = checked.baseUrl ?? K2_BASE_URLS[checked.environment ?? 'sandbox'];
  const secrets = [checked.clientSecret, ...(checked.apiKey === undefined ? [] : [checked.apiKey])];
  return {
    clientId: checked.clientId,
    clientSecret: checked.clientSecret,
    apiKey: checked.apiKey,
    baseUrl,
    timeoutMs: checked.timeoutMs,
    retry: checked.retry,
    userAgent: checked.userAgent,
    fetch: checked.fetch,
    events: checked.events,
    debug: checked.debug,
    secrets,
  };
}
