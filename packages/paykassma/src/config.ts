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

/**
 * The version of @tender/paykassma announced in the `User-Agent` product token.
 *
 * @example
 * ```ts
 * console.log(PAYKASSMA_VERSION); // '0.1.0'
 * ```
 */
export const PAYKASSMA_VERSION = '0.1.0';

/**
 * The `User-Agent` sent to Paykassma unless the configuration gives another.
 *
 * @example
 * ```ts
 * console.log(PAYKASSMA_DEFAULT_USER_AGENT); // 'tender/0.1.0 (+node) tender-paykassma/0.1.0'
 * ```
 */
export const PAYKASSMA_DEFAULT_USER_AGENT = `${DEFAULT_USER_AGENT} tender-paykassma/${PAYKASSMA_VERSION}`;

const MillisecondsSchema = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(1, 'must be at least 1 ms'),
  v.maxValue(2_147_483_647, 'must be at most 2147483647 ms'),
);

// Every message is written out: valibot's defaults quote the received value, and a secret given in the
// wrong place must not end up in an error.
const SecretSchema = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));

const RedirectIdSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
);

const OriginSchema = providerBaseUrlSchema('https://api.example.com');

/**
 * The configuration of a Paykassma client (reference §2). `domain` is the installation's server domain
 * Paykassma support issues: the API host is `https://api.{domain}` and the payment window's
 * `https://plugin.{domain}`; `apiUrl` / `pluginUrl` override either (a proxy, the simulator).
 *
 * The withdrawal key defaults to the postback private key: they were the same value on the one account with
 * public evidence (reference §9.3), and never the plugin API secret.
 *
 * @example
 * ```ts
 * const config: PaykassmaConfig = {
 *   domain: 'merchant.example',
 *   pluginapiSecret: process.env.PAYKASSMA_PLUGINAPI_SECRET!,
 *   postbackAccessKey: process.env.PAYKASSMA_POSTBACK_ACCESS_KEY!,
 *   postbackPrivateKey: process.env.PAYKASSMA_POSTBACK_PRIVATE_KEY!,
 *   paymentUrlIds: { success: 2, pending: 3, fail: 1 },
 * };
 * ```
 */
export const PaykassmaConfigSchema = v.pipe(
  v.object(
    {
      /** The installation's domain, without a scheme: `api.` and `plugin.` are put in front of it. */
      domain: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.trim(),
          v.regex(
            /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}$/i,
            'must be a domain name such as merchant.example, without scheme or path',
          ),
        ),
      ),
      /** Replaces `https://api.{domain}`. */
      apiUrl: v.optional(OriginSchema),
      /** Replaces `https://plugin.{domain}`. */
      pluginUrl: v.optional(OriginSchema),
      /**
       * The scheme of the activation call when the API host comes from `domain`. The manual writes
       * `http://` for it alone (reference §5.2, UNKNOWN whether on purpose). @default 'https'
       */
      activationScheme: v.optional(v.picklist(['https', 'http'], "must be 'https' or 'http'")),
      /** The `secret` query parameter of every `/api/v1` call. */
      pluginapiSecret: SecretSchema,
      /** The public key every postback echoes as `access_key`. */
      postbackAccessKey: v.optional(SecretSchema),
      /** The postback signature key; also the default withdrawal key. */
      postbackPrivateKey: v.optional(SecretSchema),
      /** The withdrawal signature key. @default postbackPrivateKey */
      withdrawalPrivateKey: v.optional(SecretSchema),
      /** The ids support issued for the redirect URLs you registered (`payment_url_*_id`). */
      paymentUrlIds: v.optional(
        v.object({
          success: v.optional(RedirectIdSchema),
          pending: v.optional(RedirectIdSchema),
          fail: v.optional(RedirectIdSchema),
        }),
      ),
      /** Screenshot limits checked before an activation is sent (UNKNOWN at Paykassma: reference §5.2). */
      screenshot: v.optional(
        v.object({
          /** @default 5 MiB */
          maxBytes: v.optional(
            v.pipe(
              v.number('must be a number'),
              v.integer('must be whole'),
              v.minValue(1, 'must be positive'),
            ),
          ),
          /** @default ['image/png', 'image/jpeg', 'image/webp'] */
          types: v.optional(v.array(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')))),
        }),
      ),
      /** Allows plain http to another machine (a simulator in another container). @default false */
      allowPlainHttp: v.optional(v.boolean('must be a boolean')),
      /** Per-attempt limit for the answer's headers and again for its body. @default 30000 */
      timeoutMs: v.optional(MillisecondsSchema),
      /** Replaces the whole `User-Agent` header. @default PAYKASSMA_DEFAULT_USER_AGENT */
      userAgent: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.trim(),
          v.nonEmpty('must not be empty'),
          v.check((agent) => !/[\r\n]/.test(agent), 'must be a single line'),
        ),
      ),
      /** The `fetch` to use (tests, edge runtimes). @default globalThis.fetch */
      fetch: v.optional(FetchSettingSchema),
      /** Receives `request`, `response` and `retry` events (never secrets). */
      events: v.optional(HttpEventsSettingSchema),
      /** Logs each call and answer, secrets redacted: `true`, `['http']` or a function taking each line. @default `TENDER_DEBUG` decides */
      debug: v.optional(DebugOptionSchema),
    },
    (issue) => `must be an object, not ${issue.received === 'null' ? 'null' : 'a value of another type'}`,
  ),
  v.forward(
    v.partialCheck(
      [['domain'], ['apiUrl']],
      (config) => config.domain !== undefined || config.apiUrl !== undefined,
      'is required: the server domain support gave you (or apiUrl and pluginUrl instead)',
    ),
    ['domain'],
  ),
  v.forward(
    v.partialCheck(
      [['domain'], ['pluginUrl']],
      (config) => config.domain !== undefined || config.pluginUrl !== undefined,
      'is required without domain',
    ),
    ['pluginUrl'],
  ),
  v.forward(
    v.partialCheck(
      [['withdrawalPrivateKey'], ['postbackPrivateKey']],
      (config) => config.withdrawalPrivateKey !== undefined || config.postbackPrivateKey !== undefined,
      'is required (or postbackPrivateKey, which it defaults to)',
    ),
    ['withdrawalPrivateKey'],
  ),
  v.forward(
    v.partialCheck(
      [['apiUrl'], ['allowPlainHttp']],
      (config) =>
        config.apiUrl === undefined || config.allowPlainHttp === true || !isPlainHttpElsewhere(config.apiUrl),
      'uses plain http to another machine, so the secret would cross the network in clear text: use https, or set allowPlainHttp: true for a simulator on your own network',
    ),
    ['apiUrl'],
  ),
);

/**
 * What a caller gives {@link createPaykassmaClient}.
 *
 * @example
 * ```ts
 * const config: PaykassmaConfig = { domain: 'merchant.example', pluginapiSecret: 's', postbackPrivateKey: 'k' };
 * ```
 */
export type PaykassmaConfig = v.InferInput<typeof PaykassmaConfigSchema>;

/** The checked configuration; it holds the secrets, so it never leaves the client's closures. */
export interface ResolvedPaykassmaConfig {
  readonly apiUrl: string;
  readonly activationUrl: string;
  readonly pluginUrl: string;
  readonly pluginapiSecret: string;
  readonly withdrawalPrivateKey: string;
  readonly paymentUrlIds: {
    readonly success?: number | undefined;
    readonly pending?: number | undefined;
    readonly fail?: number | undefined;
  };
  readonly screenshotMaxBytes: number;
  readonly screenshotTypes: readonly string[];
  readonly timeoutMs: number | undefined;
  readonly userAgent: string;
  readonly fetch: typeof fetch | undefined;
  readonly events: HttpEvents | undefined;
  readonly debug: DebugOption | undefined;
  /** Every secret of the configuration: no error message may contain one. */
  readonly secrets: readonly string[];
}

const DEFAULT_SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/**
 * Checks a configuration and works out the hosts. A bad one throws a ValidationError naming each offending
 * field, never quoting a secret.
 *
 * @example
 * ```ts
 * resolvePaykassmaConfig({ domain: 'merchant.example', pluginapiSecret: 's', postbackPrivateKey: 'k' }).apiUrl;
 * // 'https://api.merchant.example'
 * ```
 */
export function resolvePaykassmaConfig(config: PaykassmaConfig): ResolvedPaykassmaConfig {
  const checked = parseOrThrow(PaykassmaConfigSchema, config, 'Invalid Paykassma configuration', {
    provider: 'paykassma',
  });
  const apiUrl = checked.apiUrl ?? `https://api.${checked.domain}`;
  const activationUrl = checked.apiUrl ?? `${checked.activationScheme ?? 'https'}://api.${checked.domain}`;
  const pluginUrl = checked.pluginUrl ?? `https://plugin.${checked.domain}`;
  // The schema guarantees one of the two keys.
  const withdrawalPrivateKey = checked.withdrawalPrivateKey ?? checked.postbackPrivateKey ?? '';
  const secrets = [
    checked.pluginapiSecret,
    withdrawalPrivateKey,
    ...[checked.postbackPrivateKey, checked.postbackAccessKey].filter((key) => key !== undefined),
  ];
  return {
    apiUrl,
    activationUrl,
    pluginUrl,
    pluginapiSecret: checked.pluginapiSecret,
    withdrawalPrivateKey,
    paymentUrlIds: checked.paymentUrlIds ?? {},
    screenshotMaxBytes: checked.screenshot?.maxBytes ?? 5 * 1024 * 1024,
    screenshotTypes: checked.screenshot?.types ?? DEFAULT_SCREENSHOT_TYPES,
    timeoutMs: checked.timeoutMs,
    userAgent: checked.userAgent ?? PAYKASSMA_DEFAULT_USER_AGENT,
    fetch: checked.fetch,
    events: checked.events,
    debug: checked.debug,
    secrets,
  };
}
