import { type Operation, parseOrThrow, type WebhookAnswer, type WebhookRequest } from '@tender/core';
import * as v from 'valibot';

/**
 * Options of `createK2Reconciler`.
 *
 * @example
 * ```ts
 * const options: K2ReconcilerOptions = { provider: k2, router, path: '/webhooks/k2', apiKey: process.env.K2_API_KEY! };
 * ```
 */
export interface K2ReconcilerOptions {
  /** Reads an operation's current state: the K2 provider (`createK2Provider`), or anything with its `status`. */
  readonly provider: {
    /** The operation's current state, read from K2. */
    status(operation: Operation): Promise<Operation>;
  };
  /** Where recovered results go: the application's router (`createRouter` of `@tender/webhooks`). */
  readonly router: {
    /** Processes one delivery as the router does for a callback, and resolves with its answer. */
    receive(request: WebhookRequest): Promise<WebhookAnswer>;
  };
  /** The path the K2 webhook source is registered at on that router, such as `/webhooks/k2`. */
  readonly path: string;
  /** One of the API keys that K2 source verifies with: recovered documents are signed with it. */
  readonly apiKey: string;
  /**
   * How long after `track()` an operation is first looked at. An STK push the payer ignores fails after
   * about a minute; K2 retries a callback it could not deliver, so give the callback time to arrive first.
   *
   * @default 300_000 (5 minutes)
   */
  readonly delayMs?: number | undefined;
  /**
   * How long to wait before looking again at an operation that was still pending or could not be delivered.
   *
   * @default 60_000
   */
  readonly recheckMs?: number | undefined;
  /**
   * How long after `track()` an operation that is still not final is given up on (reported `abandoned`).
   *
   * @default 86_400_000 (24 hours)
   */
  readonly giveUpAfterMs?: number | undefined;
  /**
   * The most operations one pass looks at; the rest wait for the next pass.
   *
   * @default 100
   */
  readonly maxPerPass?: number | undefined;
  /** The clock, in milliseconds since the epoch (tests). @default Date.now */
  readonly now?: (() => number) | undefined;
}

const Milliseconds = v.pipe(
  v.number(),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(2_147_483_647, 'must be at most 2147483647'),
);

const OptionsSchema = v.strictObject({
  provider: v.custom<K2ReconcilerOptions['provider']>(
    (value) => typeof (value as { status?: unknown } | null)?.status === 'function',
    'must have a status(operation) method (the K2 provider)',
  ),
  router: v.custom<K2ReconcilerOptions['router']>(
    (value) => typeof (value as { receive?: unknown } | null)?.receive === 'function',
    'must have a receive(request) method (the router)',
  ),
  path: v.pipe(v.string('must be a string'), v.startsWith('/', 'must start with /')),
  apiKey: v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty')),
  delayMs: v.optional(Milliseconds, 300_000),
  recheckMs: v.optional(Milliseconds, 60_000),
  giveUpAfterMs: v.optional(Milliseconds, 86_400_000),
  maxPerPass: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1')), 100),
  now: v.optional(
    v.custom<() => number>((value) => typeof value === 'function', 'must be a function'),
    () => Date.now,
  ),
});

/**
 * The reconciler's settings, defaults filled in.
 *
 * @example
 * ```ts
 * const settings: ReconcilerSettings = parseReconcilerOptions(options);
 * ```
 */
export type ReconcilerSettings = v.InferOutput<typeof OptionsSchema>;

/**
 * Checks the options at once, listing every problem in one `ValidationError` (never echoing the API key).
 *
 * @example
 * ```ts
 * parseReconcilerOptions({ provider: k2, router, path: '/webhooks/k2', apiKey }).delayMs; // 300000
 * ```
 */
export function parseReconcilerOptions(options: K2ReconcilerOptions): ReconcilerSettings {
  return parseOrThrow(OptionsSchema, options, 'Invalid K2 reconciler options', {
    provider: 'k2',
    operation: 'reconcile',
  });
}
