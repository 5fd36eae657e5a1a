import { randomUUID } from 'node:crypto';
import { parseOrThrow } from '@tender/core';
import {
  type ClaimResult,
  type DedupStore,
  type HandledOutcome,
  HandledOutcomeSchema,
} from '@tender/webhooks';
import { createClient } from 'redis';
import * as v from 'valibot';
import { COMPLETE, type LuaScript, RELEASE } from './scripts.ts';
import { storageKey } from './storage-key.ts';

/**
 * What the store needs of a node-redis client: `sendCommand` with the command and its arguments as
 * strings. Declared here so the package's types do not depend on the client's generics; a client from
 * `createClient()` of node-redis 5 or 6 (connected) fits it as it is.
 *
 * @example
 * ```ts
 * const client: RedisCommander = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 */
export interface RedisCommander {
  /** Sends one command with its arguments, as node-redis's `client.sendCommand(['SET', …])` does. */
  sendCommand(args: readonly string[]): Promise<unknown>;
}

const isCommander = (value: unknown): value is RedisCommander =>
  typeof value === 'object' && value !== null && typeof (value as RedisCommander).sendCommand === 'function';

const RedisStoreOptionsSchema = v.pipe(
  v.object({
    /** A connected node-redis client you own (the store never closes it). Give this or `url`. */
    client: v.optional(
      v.custom<RedisCommander>(isCommander, 'must be a node-redis client (with sendCommand())'),
    ),
    /** A Redis URL: the store makes its own client, connects on first use and closes it on `close()`. */
    url: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
    /** Keys are `<prefix><scope>:<id>`. @default 'tender:webhooks:' */
    prefix: v.optional(v.string()),
    /**
     * Keeps the events of routers (or environments) that share one Redis apart. Letters, digits, `.`, `_`
     * and `-`. @default 'default'
     */
    scope: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-"'),
      ),
    ),
  }),
  v.check(
    (options) => (options.client === undefined) !== (options.url === undefined),
    'give either client or url, not both',
  ),
);

/**
 * Options of {@link createRedisStore}.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { url: 'redis://cache.internal:6379' };
 * ```
 */
export type RedisStoreOptions = v.InferInput<typeof RedisStoreOptionsSchema>;

/**
 * The Redis {@link DedupStore}.
 *
 * @example
 * ```ts
 * const store: RedisDedupStore = createRedisStore({ url: 'redis://127.0.0.1:6379' });
 * ```
 */
export interface RedisDedupStore extends DedupStore {
  claim(id: string, leaseMs: number): Promise<ClaimResult>;
  complete(id: string, outcome: HandledOutcome, ttlMs: number, token?: string): Promise<void>;
  release(id: string, token?: string): Promise<void>;
  /** Closes the client the store made from a URL; a client you passed stays yours to close. */
  close(): Promise<void>;
}

/** The longest time-to-live handed to Redis: "never", without overflowing the server's clock arithmetic. */
const LONGEST_MS = 2 ** 52;

/** A duration as `PX` takes it: whole milliseconds, rounded up (a lease never ends early), at least 1. */
function px(ms: number): string {
  return String(Math.min(Math.max(Math.ceil(ms), 1), LONGEST_MS));
}

/** A reply as text: node-redis answers strings, or Buffers when the client maps types that way. */
function text(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  return Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply);
}

/**
 * A de-duplication store in Redis, shared by every router instance that points at it: fast, with
 * retention kept by Redis itself (every key has a time-to-live).
 *
 * - A claim is `SET key c:<token> NX GET PX leaseMs`: it sets the key only when absent, and in the same
 *   command answers what the key held (nothing: claimed; a claim: in progress; `d:` and an outcome: done).
 *   `SET … NX GET` needs Redis 7.0 or newer.
 * - `complete` and `release` are Lua compare-and-set and compare-and-delete on the claim's token, so a
 *   holder whose lease ran out and was taken over changes nothing.
 * - A completion is kept for the router's `dedupTtlMs` as the key's time-to-live; Redis removes it then.
 *
 * Redis replicates asynchronously: a failover can lose the last writes, a completion among them, and the
 * event then runs again on its next delivery. For money, use `@tender/store-postgres` as the source of truth.
 *
 * @example
 * ```ts
 * const store = createRedisStore({ url: process.env.REDIS_URL });
 * const router = createRouter({ sources, store });
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): RedisDedupStore {
  const parsed = parseOrThrow(RedisStoreOptionsSchema, options, 'Invalid Redis store options');
  const keyPrefix = `${parsed.prefix ?? 'tender:webhooks:'}${parsed.scope ?? 'default'}:`;
  const owned = parsed.url === undefined ? undefined : createClient({ url: parsed.url });
  // node-redis emits 'error' while it reconnects; without a listener Node would crash the process. The
  // commands issued meanwhile fail on their own, and the router answers those deliveries with an error.
  owned?.on('error', () => {});
  let connecting: Promise<unknown> | undefined;

  async function commander(): Promise<RedisCommander> {
    if (owned === undefined) return parsed.client as RedisCommander;
    connecting ??= owned.connect();
    await connecting;
    return owned;
  }

  async function command(args: string[]): Promise<unknown> {
    return (await commander()).sendCommand(args);
  }

  /** Runs `script` by its SHA, sending its source only when the server does not know it yet. */
  async function evaluate(script: LuaScript, key: string, args: string[]): Promise<unknown> {
    try {
      return await command(['EVALSHA', script.sha, '1', key, ...args]);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return command(['EVAL', script.source, '1', key, ...args]);
    }
  }

  const keyOf = (id: string) => `${keyPrefix}${storageKey(id)}`;

  return {
    async claim(id, leaseMs): Promise<ClaimResult> {
      const token = randomUUID();
      const previous = text(await command(['SET', keyOf(id), `c:${token}`, 'NX', 'GET', 'PX', px(leaseMs)]));
      if (previous === null) return { status: 'claimed', token };
      if (!previous.startsWith('d:')) return { status: 'in_progress' };
      const outcome = parseOrThrow(HandledOutcomeSchema, JSON.parse(previous.slice(2)), 'Unreadable outcome');
      return { status: 'done', outcome };
    },
    async complete(id, outcome, ttlMs, token) {
      const claim = token === undefined ? '' : `c:${token}`;
      await evaluate(COMPLETE, keyOf(id), [`d:${JSON.stringify(outcome)}`, px(ttlMs), claim]);
    },
    async release(id, token) {
      await evaluate(RELEASE, keyOf(id), [token === undefined ? '' : `c:${token}`]);
    },
    async close() {
      if (owned?.isOpen) await owned.close();
    },
  };
}
