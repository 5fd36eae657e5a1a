import { DebugOptionSchema, parseOrThrow, type WebhookSource } from '@tender/core';
import * as v from 'valibot';
import type { WebhookLogger } from './logger.ts';
import { createMemoryStore } from './stores/memory.ts';
import type { DedupStore } from './stores/store.ts';

const SLASH = 0x2f;

/**
 * The path a source is registered under or a request is routed by: trailing slashes do not count, so
 * `/webhooks/k2/` reaches the source registered at `/webhooks/k2`. A loop from the end, not a regex: a
 * path is untrusted input, and `/\/+$/` backtracks over every run of slashes (quadratic time).
 *
 * @example
 * ```ts
 * normalizePath('/webhooks/k2/'); // '/webhooks/k2'
 * ```
 */
export function normalizePath(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end -= 1;
  if (end === 0) return '/';
  return end === path.length ? path : path.slice(0, end);
}

const isFunction = (value: unknown) => typeof value === 'function';

const SourceSchema = v.custom<WebhookSource>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const source = value as Partial<Record<keyof WebhookSource, unknown>>;
  return (
    typeof source.provider === 'string' &&
    Array.isArray(source.contentTypes) &&
    isFunction(source.verify) &&
    isFunction(source.decode) &&
    isFunction(source.answer)
  );
}, 'must be a WebhookSource: provider, contentTypes, verify(), decode() and answer()');

const StoreSchema = v.custom<DedupStore>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Partial<Record<keyof DedupStore, unknown>>;
  return isFunction(store.claim) && isFunction(store.complete) && isFunction(store.release);
}, 'must be a DedupStore: claim(), complete() and release()');

const positiveInteger = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(1),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'must be at most Number.MAX_SAFE_INTEGER'),
);

/** The longest delay a Node timer keeps: a longer one fires after 1 ms instead (TimeoutOverflowWarning). */
const MAX_TIMER_MS = 2_147_483_647;

/** The default of `leaseMs`, also named in the message about `handlerTimeoutMs`. */
const DEFAULT_LEASE_MS = 60_000;

/**
 * One source as registered on a router: its `name` (in logs, errors and handler contexts), the `path` it
 * receives deliveries at, and the `source` itself.
 *
 * @example
 * ```ts
 * const registration: SourceRegistration = { name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys }) };
 * ```
 */
export const SourceRegistrationSchema = v.object({
  name: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  /** Matched exactly, except that trailing slashes do not count. */
  path: v.pipe(v.string(), v.startsWith('/', 'must start with "/"'), v.transform(normalizePath)),
  source: SourceSchema,
});

/** @example const registration: SourceRegistration = { name: 'k2', path: '/webhooks/k2', source }; */
export type SourceRegistration = v.InferInput<typeof SourceRegistrationSchema>;

const unique = (key: 'name' | 'path') =>
  v.check<v.InferOutput<typeof SourceRegistrationSchema>[], string>(
    (list) => new Set(list.map((entry) => entry[key])).size === list.length,
    `every source needs its own ${key}`,
  );

/**
 * The options of {@link createRouter}.
 *
 * @example
 * ```ts
 * const options: RouterOptions = {
 *   sources: [{ name: 'k2', path: '/webhooks/k2', source: k2Source }],
 *   store: createSqliteStore({ filename: 'webhooks.sqlite' }),
 *   maxBodyBytes: 256 * 1024,
 *   handlerTimeoutMs: 10_000,
 * };
 * ```
 */
export const RouterOptionsSchema = v.pipe(
  v.object({
    /** The sources, each at its own path and under its own name. */
    sources: v.pipe(
      v.array(SourceRegistrationSchema),
      v.minLength(1, 'register at least one source'),
      unique('name'),
      unique('path'),
    ),
    /** Where handled event ids are remembered. @default createMemoryStore() */
    store: v.optional(StoreSchema, () => createMemoryStore()),
    /** Larger bodies are refused with 413; adapters stop reading past it. @default 1_048_576 (1 MiB) */
    maxBodyBytes: v.optional(positiveInteger, 1_048_576),
    /**
     * How long a claim on an event holds before another delivery may take it: longer than your slowest
     * handlers, short enough that an instance that crashed mid-event does not block it for long. @default 60_000
     */
    leaseMs: v.optional(positiveInteger, DEFAULT_LEASE_MS),
    /**
     * How long a handled event is remembered, so redeliveries within that time are acknowledged without
     * running the handlers. Longer than the provider's retry window. @default 259_200_000 (72 hours)
     */
    dedupTtlMs: v.optional(positiveInteger, 72 * 3_600_000),
    /**
     * Give up waiting for an event's handlers after this long: the delivery fails (the provider delivers
     * again) and the handlers' `signal` is aborted. No limit by default.
     */
    handlerTimeoutMs: v.optional(
      v.pipe(positiveInteger, v.maxValue(MAX_TIMER_MS, `must be at most ${MAX_TIMER_MS} (about 24.8 days)`)),
    ),
    /** Called once per answered delivery, with no payload or secret in it. */
    logger: v.optional(v.custom<WebhookLogger>(isFunction, 'must be a function')),
    /**
     * Prints one line per answered delivery (source, path, status, outcome, each event id and what became
     * of it), no payload or secret: `true`, `['webhooks']` or a function taking each line. @default the
     * `TENDER_DEBUG` environment variable decides (`TENDER_DEBUG=webhooks`), read once by `createRouter`
     */
    debug: v.optional(DebugOptionSchema),
  }),
  // A claim whose lease runs out while its handlers still run lets another process run them too.
  v.forward(
    v.partialCheck(
      [['handlerTimeoutMs'], ['leaseMs']],
      ({ handlerTimeoutMs, leaseMs }) => handlerTimeoutMs === undefined || handlerTimeoutMs < leaseMs,
      `must be shorter than leaseMs (${DEFAULT_LEASE_MS} by default), or another process may run the handlers while they still run`,
    ),
    ['handlerTimeoutMs'],
  ),
);

/** @example const options: RouterOptions = { sources: [{ name: 'k2', path: '/webhooks/k2', source }] }; */
export type RouterOptions = v.InferInput<typeof RouterOptionsSchema>;

/**
 * Checks router options and fills in the defaults, throwing a `ValidationError` that lists every problem.
 *
 * @example
 * ```ts
 * const options = parseRouterOptions({ sources: [] }); // throws: sources: register at least one source
 * ```
 */
export function parseRouterOptions(options: RouterOptions): v.InferOutput<typeof RouterOptionsSchema> {
  return parseOrThrow(RouterOptionsSchema, options, 'Invalid webhook router options');
}
