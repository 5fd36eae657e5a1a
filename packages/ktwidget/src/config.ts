import {
  DEFAULT_USER_AGENT,
  type DebugOption,
  DebugOptionSchema,
  FetchSettingSchema,
  type HttpEvents,
  HttpEventsSettingSchema,
  parseOrThrow,
  providerBaseUrlSchema,
} from '@tender/core';
import * as v from 'valibot';
import { KTWIDGET_HOSTS, type KtwidgetHosts } from './hosts.ts';

/**
 * The version of @tender/ktwidget announced in the `User-Agent` product token (equal to package.json's).
 *
 * @example
 * ```ts
 * console.log(KTWIDGET_VERSION); // '0.1.0'
 * ```
 */
export const KTWIDGET_VERSION = '0.1.0';

/**
 * How the widget URL ends (reference §6.4). KTPay's own client appends `&show_close_button` directly
 * followed by `true`/`false`, with no `=`; whether the widget page reads that, expects
 * `show_close_button=<bool>` or ignores it is UNKNOWN, so the default copies what works in production today.
 *
 * - `'original'`: `…?hash=<hash>&show_close_buttontrue` (the browser client's exact form)
 * - `'query'`: `…?hash=<hash>&show_close_button=true`
 * - `'omit'`: `…?hash=<hash>`
 *
 * @example
 * ```ts
 * const style: WidgetUrlStyle = 'original';
 * ```
 */
export type WidgetUrlStyle = 'original' | 'query' | 'omit';

// Messages are written out: valibot's defaults quote the received value, and a misplaced secret must not
// end up in an error.
const MillisecondsSchema = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(1, 'must be at least 1 ms'),
  v.maxValue(2_147_483_647, 'must be at most 2147483647 ms'),
);

/**
 * `app_key`: KTPay's public X25519 key as standard base64 with `=` padding (44 characters, 32 bytes).
 * A URL-safe or unpadded key is refused here rather than failing inside libsodium at the first payment.
 */
const AppKeySchema = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.check(
    (key) => /^[A-Za-z0-9+/]{43}=$/.test(key),
    'must be the 32-byte public Sodium key in standard base64 with padding (44 characters ending in "=")',
  ),
);

const HostUrlSchema = providerBaseUrlSchema('https://fintech.nplus.tech');

const CallbackBaseSchema = v.pipe(
  v.string('must be a URL string'),
  v.trim(),
  v.url('must be an absolute URL'),
  v.check((url) => /^https?:\/\//i.test(url), 'must use http or https'),
  v.check((url) => {
    const parsed = new URL(url);
    return parsed.hash === '' && parsed.username === '' && parsed.password === '';
  }, 'must not carry a fragment, a user name or a password'),
);

/**
 * The callback secret: the key of the per-transaction token in `callback_post_url` (reference §10).
 * At least 32 characters, so the token cannot be guessed from a short password.
 */
const CallbackSecretSchema = v.pipe(
  v.string('must be a string'),
  v.minLength(32, 'must be at least 32 characters (use 32 random bytes, e.g. hex)'),
);

/**
 * The configuration of a KTWidget client (and of the provider built on it). Give `environment` (KTPay's
 * hosts, §4) or explicit `hosts` (a simulator, a proxy), not both.
 *
 * @example
 * ```ts
 * const config: KtwidgetConfig = {
 *   appId: process.env.KTPAY_APP_ID!,
 *   appKey: process.env.KTPAY_APP_KEY!,
 *   merchantId: 42,
 *   environment: 'test',
 *   callbackUrl: 'https://shop.example.kz/webhooks/ktwidget',
 *   callbackSecret: process.env.KTPAY_CALLBACK_SECRET!,
 * };
 * ```
 */
export const KtwidgetConfigSchema = v.pipe(
  v.object({
    /** `app_id`, sent as `Auth-Identifier`. */
    appId: v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty')),
    /** `app_key`, KTPay's public Sodium key (standard base64 with padding). Public, but kept out of errors. */
    appKey: AppKeySchema,
    /** The merchant id KTPay assigned (not the app id); callbacks must carry it. */
    merchantId: v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number'),
      v.minValue(1, 'must be positive'),
      v.maxValue(Number.MAX_SAFE_INTEGER, 'must be a safe integer'),
    ),
    environment: v.optional(v.picklist(['test', 'production'], "must be 'test' or 'production'")),
    hosts: v.optional(
      v.object({ fintech: HostUrlSchema, widget: HostUrlSchema }, 'must be { fintech, widget }'),
    ),
    /**
     * Where KTPay posts results: the router's path for this source. Each transaction's `callback_post_url`
     * is this URL with a token added. Without it no per-transaction URL is sent and KTPay uses the
     * merchant-level default, if any (§9.7).
     */
    callbackUrl: v.optional(CallbackBaseSchema),
    /** The key of the callback token; required with `callbackUrl`. */
    callbackSecret: v.optional(CallbackSecretSchema),
    /** Query parameter carrying the callback token. @default 'token' */
    tokenParameter: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 letters, digits, "_" or "-"'),
      ),
      'token',
    ),
    /** See {@link WidgetUrlStyle}. @default 'original' */
    widgetUrlStyle: v.optional(
      v.picklist(['original', 'query', 'omit'], "must be 'original', 'query' or 'omit'"),
      'original',
    ),
    /** Per-attempt limit for the answer's headers and again for its body. @default 30000 */
    timeoutMs: v.optional(MillisecondsSchema),
    /** Replaces the whole `User-Agent` header. */
    userAgent: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.nonEmpty('must not be empty'),
        v.check((agent) => !/[\r\n]/.test(agent), 'must be a single line'),
      ),
      `${DEFAULT_USER_AGENT} tender-ktwidget/${KTWIDGET_VERSION}`,
    ),
    /** The `fetch` to use (tests, edge runtimes). @default globalThis.fetch */
    fetch: v.optional(FetchSettingSchema),
    /** Receives `request`, `response` and `retry` events (never secrets). */
    events: v.optional(HttpEventsSettingSchema),
    /** Logs each call and answer, secrets redacted: `true`, `['http']` or a function taking each line. @default `TENDER_DEBUG` decides */
    debug: v.optional(DebugOptionSchema),
  }),
  v.forward(
    v.partialCheck(
      [['environment'], ['hosts']],
      (config) => (config.environment === undefined) !== (config.hosts === undefined),
      "give exactly one of environment ('test' or 'production') and hosts",
    ),
    ['environment'],
  ),
  v.forward(
    v.partialCheck(
      [['callbackUrl'], ['callbackSecret']],
      (config) => config.callbackUrl === undefined || config.callbackSecret !== undefined,
      'is required with callbackUrl: it keys the token that authenticates callbacks',
    ),
    ['callbackSecret'],
  ),
);

/**
 * What a caller gives {@link createKtwidgetClient}.
 *
 * @example
 * ```ts
 * const config: KtwidgetConfig = { appId, appKey, merchantId: 42, environment: 'production' };
 * ```
 */
export type KtwidgetConfig = v.InferInput<typeof KtwidgetConfigSchema>;

/**
 * A checked configuration with the hosts resolved. It holds the callback secret, so it stays inside the
 * client's closures.
 *
 * @example
 * ```ts
 * resolveKtwidgetConfig({ appId, appKey, merchantId: 42, environment: 'test' }).hosts.fintech;
 * // 'https://fintech.test.nplus.tech'
 * ```
 */
export interface ResolvedKtwidgetConfig {
  readonly appId: string;
  readonly appKey: string;
  readonly merchantId: number;
  readonly hosts: KtwidgetHosts;
  readonly callbackUrl: string | undefined;
  readonly callbackSecret: string | undefined;
  readonly tokenParameter: string;
  readonly widgetUrlStyle: WidgetUrlStyle;
  readonly timeoutMs: number | undefined;
  readonly userAgent: string;
  /** The `fetch` calls go through; `undefined` means `globalThis.fetch`. */
  readonly fetch: typeof fetch | undefined;
  readonly events: HttpEvents | undefined;
  readonly debug: DebugOption | undefined;
}

/**
 * Checks a configuration; a bad one throws a `ValidationError` naming each offending field, never quoting
 * a secret.
 *
 * @example
 * ```ts
 * const resolved = resolveKtwidgetConfig({ appId, appKey, merchantId: 42, hosts: { fintech, widget } });
 * ```
 */
export function resolveKtwidgetConfig(config: KtwidgetConfig): ResolvedKtwidgetConfig {
  const checked = parseOrThrow(KtwidgetConfigSchema, config, 'Invalid KTWidget configuration', {
    provider: 'ktwidget',
  });
  return {
    appId: checked.appId,
    appKey: checked.appKey,
    merchantId: checked.merchantId,
    hosts: checked.hosts ?? KTWIDGET_HOSTS[checked.environment ?? 'test'],
    callbackUrl: checked.callbackUrl,
    callbackSecret: checked.callbackSecret,
    tokenParameter: checked.tokenParameter,
    widgetUrlStyle: checked.widgetUrlStyle,
    timeoutMs: checked.timeoutMs,
    userAgent: checked.userAgent,
    fetch: checked.fetch,
    events: checked.events,
    debug: checked.debug,
  };
}
