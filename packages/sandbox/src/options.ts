/**
 * The options of {@link startSandbox}, checked with valibot; every one has a default so
 * `startSandbox()` runs a usable simulator.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';

const Integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
// Credentials may be invalid values: the message never repeats the value given.
const Text = v.pipe(v.string('must be a non-empty string'), v.minLength(1, 'must be a non-empty string'));

/**
 * The sandbox options schema.
 *
 * @example
 * ```ts
 * v.parse(SandboxOptionsSchema, { callbackDelayMs: 20 }).port; // 0
 * ```
 */
export const SandboxOptionsSchema = v.object({
  /** Port to listen on; 0 picks a free one. */
  port: v.optional(Integer(0, 65_535), 0),
  /** Interface to listen on; the sandbox is meant for this machine only. */
  host: v.optional(Text, '127.0.0.1'),
  /** OAuth client id; random when absent. */
  clientId: v.optional(Text),
  /** OAuth client secret; random when absent. */
  clientSecret: v.optional(Text),
  /** The API key callbacks and webhooks are signed with; random when absent. */
  apiKey: v.optional(Text),
  /** How long a new resource stays pending before it settles and its callback goes out. */
  callbackDelayMs: v.optional(Integer(0), 1000),
  /** Access-token lifetime (K2: 3600 s). */
  tokenTtlSeconds: v.optional(Integer(1), 3600),
  /** Tries per callback or webhook delivery, the first included. */
  deliveryAttempts: v.optional(Integer(1, 20), 4),
  /** Wait before the first retry; doubles before each later one. */
  retryBackoffMs: v.optional(Integer(0), 100),
  /** How long a receiver has to answer one attempt. */
  deliveryTimeoutMs: v.optional(Integer(1), 5000),
  /** The clock, in milliseconds since the epoch (tests move it to expire tokens). */
  now: v.optional(
    v.custom<() => number>((value) => typeof value === 'function', 'must be a function'),
    () => Date.now,
  ),
  /** Receives one line per request answered and per delivery attempt; never a secret. */
  log: v.optional(
    v.custom<(line: string) => void>((value) => typeof value === 'function', 'must be a function'),
  ),
});

/**
 * What {@link startSandbox} accepts.
 *
 * @example
 * ```ts
 * const options: SandboxOptions = { port: 0, callbackDelayMs: 20 };
 * ```
 */
export type SandboxOptions = v.InferInput<typeof SandboxOptionsSchema>;

/**
 * The options with every default filled in and the credentials chosen.
 *
 * @example
 * ```ts
 * const settings: ResolvedSandboxOptions = resolveSandboxOptions({ callbackDelayMs: 20 });
 * ```
 */
export type ResolvedSandboxOptions = v.InferOutput<typeof SandboxOptionsSchema> & {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string;
};

function randomCredential(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/**
 * Checks the options and fills in the defaults; throws a `TypeError` naming every invalid option.
 *
 * @example
 * ```ts
 * resolveSandboxOptions({}).tokenTtlSeconds; // 3600
 * ```
 */
export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const result = v.safeParse(SandboxOptionsSchema, options);
  if (!result.success) {
    const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? 'options'}: ${issue.message}`);
    throw new TypeError(`Invalid sandbox options: ${problems.join('; ')}`);
  }
  return {
    ...result.output,
    clientId: result.output.clientId ?? randomCredential('sandbox_client'),
    clientSecret: result.output.clientSecret ?? randomCredential('sandbox_secret'),
    apiKey: result.output.apiKey ?? randomCredential('sandbox_api_key'),
  };
}
