import type { DatabaseSync } from 'node:sqlite';
import { parseOrThrow } from '@tender/core';
import * as v from 'valibot';
import { type ClaimResult, type Clock, type DedupStore, HandledOutcomeSchema } from './store.ts';

const SqliteStoreOptionsSchema = v.object({
  /** The database file (created if missing), or `':memory:'`. */
  filename: v.pipe(v.string(), v.nonEmpty('must name a file')),
  /** Milliseconds since the epoch. @default Date.now */
  now: v.optional(v.custom<Clock>((value) => typeof value === 'function', 'must be a function')),
  /** How often, at most, expired rows are deleted (during a later claim). @default 60_000 */
  sweepIntervalMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** How long a call waits for another process's write lock before failing. @default 5_000 */
  busyTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/**
 * Options of {@link createSqliteStore}.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { filename: './var/webhooks.sqlite' };
 * ```
 */
export type SqliteStoreOptions = v.InferInput<typeof SqliteStoreOptionsSchema>;

/**
 * The SQLite {@link DedupStore}; `close()` closes the database.
 *
 * @example
 * ```ts
 * const store: SqliteDedupStore = createSqliteStore({ filename: 'webhooks.sqlite' });
 * store.close();
 * ```
 */
export interface SqliteDedupStore extends DedupStore {
  close(): void;
}

const RowSchema = v.object({ state: v.picklist(['claimed', 'done']), outcome: v.nullable(v.string()) });

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS tender_webhook_events (
    id TEXT PRIMARY KEY NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'done')),
    outcome TEXT,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS tender_webhook_events_expiry ON tender_webhook_events (expires_at);
`;

/**
 * A durable de-duplication store in an embedded SQLite file (`node:sqlite`, built into Node >= 22.13):
 * handled events survive a restart, and several processes on one machine can share the file. For many
 * machines behind a load balancer, implement {@link DedupStore} over a shared database.
 *
 * A claim is one atomic upsert that only takes a row that is absent or expired, so concurrent claims from
 * different processes cannot both win. `node:sqlite` is loaded when the first store is created, not when
 * `@tender/webhooks` is imported, so applications that never use this store never load it.
 *
 * @example
 * ```ts
 * const router = createRouter({ sources, store: createSqliteStore({ filename: './var/webhooks.sqlite' }) });
 * // ...
 * await router.close(); // closes the database too
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteDedupStore {
  const parsed = parseOrThrow(SqliteStoreOptionsSchema, options, 'Invalid SQLite store options');
  const now = parsed.now ?? Date.now;
  const sweepIntervalMs = parsed.sweepIntervalMs ?? 60_000;
  const { DatabaseSync: Database } = process.getBuiltinModule('node:sqlite');
  const db: DatabaseSync = new Database(parsed.filename, { timeout: parsed.busyTimeoutMs ?? 5_000 });
  db.exec('PRAGMA journal_mode = WAL;');
  db.exec(SCHEMA);
  const take = db.prepare(`
    INSERT INTO tender_webhook_events (id, state, outcome, expires_at) VALUES (?, 'claimed', NULL, ?)
    ON CONFLICT (id) DO UPDATE SET state = 'claimed', outcome = NULL, expires_at = excluded.expires_at
      WHERE tender_webhook_events.expires_at <= ?
    RETURNING id`);
  const read = db.prepare('SELECT state, outcome FROM tender_webhook_events WHERE id = ?');
  const finish = db.prepare(`
    INSERT INTO tender_webhook_events (id, state, outcome, expires_at) VALUES (?, 'done', ?, ?)
    ON CONFLICT (id) DO UPDATE SET state = 'done', outcome = excluded.outcome, expires_at = excluded.expires_at`);
  const forget = db.prepare("DELETE FROM tender_webhook_events WHERE id = ? AND state = 'claimed'");
  const sweep = db.prepare('DELETE FROM tender_webhook_events WHERE expires_at <= ?');
  let nextSweepAt = now() + sweepIntervalMs;

  return {
    claim(id, leaseMs): ClaimResult {
      const at = now();
      if (at >= nextSweepAt) {
        sweep.run(at);
        nextSweepAt = at + sweepIntervalMs;
      }
      if (take.get(id, at + leaseMs, at) !== undefined) return { status: 'claimed' };
      const found = read.get(id);
      // Gone between the two statements: another process swept or released it just now. Answering
      // "in progress" makes the provider deliver again later, which then claims it.
      if (found === undefined) return { status: 'in_progress' };
      const row = parseOrThrow(RowSchema, found, 'Unreadable de-duplication row');
      if (row.state === 'claimed') return { status: 'in_progress' };
      const outcome = parseOrThrow(
        HandledOutcomeSchema,
        JSON.parse(row.outcome ?? 'null'),
        'Unreadable outcome',
      );
      return { status: 'done', outcome };
    },
    complete(id, outcome, ttlMs) {
      finish.run(id, JSON.stringify(outcome), now() + ttlMs);
    },
    release(id) {
      forget.run(id);
    },
    close() {
      if (db.isOpen) db.close();
    },
  };
}
