import { randomUUID } from 'node:crypto';
import { parseOrThrow } from '@tender/core';
import {
  type ClaimResult,
  type Clock,
  type DedupStore,
  type HandledOutcome,
  HandledOutcomeSchema,
} from '@tender/webhooks';
import pg from 'pg';
import * as v from 'valibot';
import { DEFAULT_TABLE, migrateSql, TABLE_NAME } from './schema.ts';
import { statements } from './statements.ts';
import { storageKey } from './storage-key.ts';

/**
 * What the store needs of a `pg` `Pool` (a `Client` works too, though one connection serialises every
 * call): `query` with positional parameters. Declared here so the package's types do not depend on
 * `@types/pg`; a `pg.Pool` fits it as it is.
 *
 * @example
 * ```ts
 * const pool: PostgresQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresQueryable {
  /** Runs one statement with positional parameters (`$1`, `$2`, …), as `pg`'s `Pool.query` does. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

const isQueryable = (value: unknown): value is PostgresQueryable =>
  typeof value === 'object' && value !== null && typeof (value as PostgresQueryable).query === 'function';

const PostgresStoreOptionsSchema = v.pipe(
  v.object({
    /** A `pg` Pool you own (the store never ends it). Give this or `connectionString`. */
    pool: v.optional(v.custom<PostgresQueryable>(isQueryable, 'must be a pg Pool (an object with query())')),
    /** A connection string: the store makes its own Pool and ends it on `close()`. */
    connectionString: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
    /** The table, optionally schema-qualified. @default 'tender_webhook_events' */
    table: v.optional(
      v.pipe(v.string(), v.regex(TABLE_NAME, 'must be a lower-case identifier, optionally schema.table')),
    ),
    /**
     * Keeps the events of routers (or environments) that share one table apart: each store sees only its
     * scope's rows. @default 'default'
     */
    scope: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(200))),
    /** Milliseconds since the epoch. @default the database's clock, which all instances share */
    now: v.optional(v.custom<Clock>((value) => typeof value === 'function', 'must be a function')),
  }),
  v.check(
    (options) => (options.pool === undefined) !== (options.connectionString === undefined),
    'give either pool or connectionString, not both',
  ),
);

/**
 * Options of {@link createPostgresStore}.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString: 'postgres://app@db.internal/app' };
 * ```
 */
export type PostgresStoreOptions = v.InferInput<typeof PostgresStoreOptionsSchema>;

/**
 * Options of {@link PostgresDedupStore.prune}.
 *
 * @example
 * ```ts
 * await store.prune({ batchSize: 1_000 });
 * ```
 */
export interface PruneOptions {
  /** Rows deleted per statement. @default 5_000 */
  readonly batchSize?: number;
}

/**
 * The PostgreSQL {@link DedupStore}, with the table's creation and its pruning.
 *
 * @example
 * ```ts
 * const store: PostgresDedupStore = createPostgresStore({ pool });
 * await store.migrate();
 * ```
 */
export interface PostgresDedupStore extends DedupStore {
  claim(id: string, leaseMs: number): Promise<ClaimResult>;
  complete(id: string, outcome: HandledOutcome, ttlMs: number, token?: string): Promise<void>;
  release(id: string, token?: string): Promise<void>;
  /** Creates the table and its index if they do not exist (safe to call from every instance at start). */
  migrate(): Promise<void>;
  /** Deletes this scope's rows past their `expires_at` (handled events past retention, dead claims); answers how many. */
  prune(options?: PruneOptions): Promise<number>;
  /** Ends the Pool the store made from a connection string; a Pool you passed stays yours to end. */
  close(): Promise<void>;
}

const RowSchema = v.object({
  state: v.picklist(['taken', 'claimed', 'done']),
  outcome: v.nullable(v.unknown()),
});

/** PostgreSQL's "undefined table" error code. */
const UNDEFINED_TABLE = '42P01';

/**
 * A de-duplication store in a PostgreSQL table, shared by every router instance that points at it: the
 * store for many instances behind a load balancer, and for money the source of truth (a committed
 * completion is as durable as your database).
 *
 * - A claim is one statement (`INSERT … ON CONFLICT … DO UPDATE … WHERE expires_at <= now … RETURNING`)
 *   that takes the row only when it is absent or past its time, with a fresh token: of any number of
 *   concurrent claims, from any number of instances, one wins.
 * - `complete` and `release` are fenced by that token: a holder whose lease ran out and was taken over
 *   changes nothing.
 * - Handled events are kept for the router's `dedupTtlMs` (their retention); `prune()` deletes the rows
 *   past it. Expired rows are harmless until then (a claim takes them over), so prune on a schedule.
 * - The table is created by `migrate()`, or by you with the SQL in the README.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const store = createPostgresStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await store.migrate();
 * const router = createRouter({ sources, store });
 * setInterval(() => void store.prune().catch(console.error), 60 * 60_000).unref();
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresDedupStore {
  const parsed = parseOrThrow(PostgresStoreOptionsSchema, options, 'Invalid PostgreSQL store options');
  const table = parsed.table ?? DEFAULT_TABLE;
  const scope = parsed.scope ?? 'default';
  const clock = parsed.now;
  const sql = statements(table);
  const owned =
    parsed.connectionString === undefined
      ? undefined
      : new pg.Pool({ connectionString: parsed.connectionString });
  // A connection that breaks while idle in the pool emits 'error' on the pool; without a listener Node would
  // crash the process. The pool drops that connection, and the next query opens another or fails itself.
  owned?.on('error', () => {});
  const pool: PostgresQueryable = owned ?? (parsed.pool as PostgresQueryable);

  /** The clock's reading for `$now`, or null: the database's clock. */
  const at = () => (clock === undefined ? null : clock());

  async function query(text: string, values: unknown[]) {
    try {
      return await pool.query(text, values);
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) {
        throw new Error(
          `the table ${table} does not exist: call store.migrate() or create it with the SQL in the @tender/store-postgres README`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  return {
    async claim(id, leaseMs): Promise<ClaimResult> {
      const token = randomUUID();
      const { rows } = await query(sql.claim, [scope, storageKey(id), at(), leaseMs, token]);
      if (rows.length === 0) return { status: 'in_progress' };
      const row = parseOrThrow(RowSchema, rows[0], 'Unreadable de-duplication row');
      if (row.state === 'taken') return { status: 'claimed', token };
      if (row.state === 'claimed') return { status: 'in_progress' };
      return {
        status: 'done',
        outcome: parseOrThrow(HandledOutcomeSchema, row.outcome, 'Unreadable outcome'),
      };
    },
    async complete(id, outcome, ttlMs, token) {
      await query(sql.complete, [scope, storageKey(id), JSON.stringify(outcome), at(), ttlMs, token ?? null]);
    },
    async release(id, token) {
      await query(sql.release, [scope, storageKey(id), token ?? null]);
    },
    async migrate() {
      await pool.query(migrateSql(table));
    },
    async prune(pruneOptions = {}) {
      const batchSize = pruneOptions.batchSize ?? 5_000;
      // A batch of zero rows would delete nothing and loop for ever.
      if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
        throw new TypeError(`prune: batchSize must be a positive whole number, not ${String(batchSize)}`);
      }
      let deleted = 0;
      for (;;) {
        const { rowCount } = await query(sql.prune, [scope, at(), batchSize]);
        deleted += rowCount ?? 0;
        if ((rowCount ?? 0) < batchSize) return deleted;
      }
    },
    async close() {
      await owned?.end();
    },
  };
}
