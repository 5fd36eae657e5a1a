import { randomUUID } from 'node:crypto';
import { parseOrThrow } from '@tender/core';
import * as v from 'valibot';
import { createCommitBatcher } from './sqlite-batch.ts';
import { storageKey } from './sqlite-key.ts';
import { openStoreDatabase } from './sqlite-open.ts';
import {
  type ClaimResult,
  type Clock,
  type DedupStore,
  type HandledOutcome,
  HandledOutcomeSchema,
} from './store.ts';

const SqliteStoreOptionsSchema = v.object({
  /** The database file (created if missing), or `':memory:'`. */
  filename: v.pipe(v.string(), v.nonEmpty('must name a file')),
  /** Milliseconds since the epoch. @default Date.now */
  now: v.optional(v.custom<Clock>((value) => typeof value === 'function', 'must be a function')),
  /** How often, at most, expired rows are deleted (during a later claim). @default 60_000 */
  sweepIntervalMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** How long a call waits for another process's write lock before failing. @default 5_000 */
  busyTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /**
   * `normal`: a committed claim or completion survives the process crashing or being killed, not a power
   * loss, and no call waits for the disk. `full`: it survives a power loss too, at the cost of a disk sync
   * per commit (one per batch of calls), which blocks the event loop meanwhile. @default 'normal'
   */
  synchronous: v.optional(v.picklist(['normal', 'full'])),
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
  claim(id: string, leaseMs: number): Promise<ClaimResult>;
  complete(id: string, outcome: HandledOutcome, ttlMs: number, token?: string): Promise<void>;
  release(id: string, token?: string): Promise<void>;
  /** Deletes expired rows now, whatever the sweep interval; answers how many. */
  prune(): number;
  close(): void;
}

const RowSchema = v.object({ state: v.picklist(['claimed', 'done']), outcome: v.nullable(v.string()) });

/**
 * When something that starts at `at` and lasts `ms` ends, as SQLite can store it: a whole number of
 * milliseconds (the column is a STRICT INTEGER, which refuses a fractional clock or an astronomic TTL),
 * rounded up so a lease never ends early, and at most `Number.MAX_SAFE_INTEGER`, which means "never" here.
 */
function until(at: number, ms: number): number {
  return Math.min(Math.ceil(at + ms), Number.MAX_SAFE_INTEGER);
}

/**
 * A durable de-duplication store in an embedded SQLite file (`node:sqlite`, built into Node >= 22.13):
 * handled events survive a restart, and several processes on one machine can share the file. For many
 * machines behind a load balancer, implement {@link DedupStore} over a shared database.
 *
 * Calls are answered with promises: those made during one turn of the event loop run together in one
 * transaction (group commit, see `sqlite-batch.ts`), and each settles once that transaction is
 * committed. With the default `synchronous: 'normal'` no commit waits for the disk; a committed call
 * survives the process being killed, not a power loss (`synchronous: 'full'` for that).
 *
 * A claim is one atomic upsert that only takes a row that is absent or expired, so concurrent claims from
 * different processes cannot both win; it writes a fresh token, and `complete` and `release` with a token
 * change the row only while that token still holds it. Event ids are stored under `storageKey(id)`, which
 * keeps ids that are not well-formed Unicode apart. A file created by an earlier version (no `token`
 * column) is migrated when opened. `node:sqlite` is loaded when the first store is created, not when
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
  const db = openStoreDatabase(
    parsed.filename,
    parsed.busyTimeoutMs ?? 5_000,
    parsed.synchronous ?? 'normal',
  );
  const take = db.prepare(`
    INSERT INTO tender_webhook_events (id, state, outcome, expires_at, token) VALUES (?, 'claimed', NULL, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      state = 'claimed', outcome = NULL, expires_at = excluded.expires_at, token = excluded.token
      WHERE tender_webhook_events.expires_at <= ?
    RETURNING 1 AS taken`);
  const read = db.prepare('SELECT state, outcome FROM tender_webhook_events WHERE id = ?');
  // With a token: recorded while the token holds the row, or once nobody does (absent or expired); never
  // over someone else's unexpired claim or completion. See `complete` below.
  const finish = db.prepare(`
    INSERT INTO tender_webhook_events (id, state, outcome, expires_at, token) VALUES (?, 'done', ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      state = 'done', outcome = excluded.outcome, expires_at = excluded.expires_at, token = excluded.token
      WHERE tender_webhook_events.token = excluded.token OR tender_webhook_events.expires_at <= ?`);
  const finishAnyway = db.prepare(`
    INSERT INTO tender_webhook_events (id, state, outcome, expires_at, token) VALUES (?, 'done', ?, ?, NULL)
    ON CONFLICT (id) DO UPDATE SET
      state = 'done', outcome = excluded.outcome, expires_at = excluded.expires_at, token = NULL`);
  const forget = db.prepare(
    "DELETE FROM tender_webhook_events WHERE id = ? AND state = 'claimed' AND token = ?",
  );
  const forgetAnyway = db.prepare("DELETE FROM tender_webhook_events WHERE id = ? AND state = 'claimed'");
  const sweep = db.prepare('DELETE FROM tender_webhook_events WHERE expires_at <= ?');
  let nextSweepAt = now() + sweepIntervalMs;

  const batch = createCommitBatcher(db);

  /** The claim itself, run inside a batch's transaction. */
  function claimNow(key: string, at: number, leaseMs: number): ClaimResult {
    if (at >= nextSweepAt) {
      sweep.run(at);
      nextSweepAt = at + sweepIntervalMs;
    }
    const token = randomUUID();
    if (take.get(key, until(at, leaseMs), token, at) !== undefined) return { status: 'claimed', token };
    const found = read.get(key);
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
  }

  // Each call reads the clock when it is made, and runs in the next batch (see createCommitBatcher).
  return {
    claim(id, leaseMs) {
      const at = now();
      const key = storageKey(id);
      return batch.enqueue(() => claimNow(key, at, leaseMs));
    },
    /**
     * With a token, the outcome is recorded only while that token holds the row, or once nobody holds it
     * (the row is absent or expired): a stale holder neither overwrites the run of the holder that took
     * over (that one completes or releases itself) nor an outcome already recorded, but when nobody holds
     * the event its handlers did succeed, so a redelivery is acknowledged rather than run again. Without a
     * token it is recorded unconditionally, as before tokens.
     */
    complete(id, outcome, ttlMs, token) {
      const at = now();
      const key = storageKey(id);
      const stored = JSON.stringify(outcome);
      return batch.enqueue(() => {
        if (token === undefined) finishAnyway.run(key, stored, until(at, ttlMs));
        else finish.run(key, stored, until(at, ttlMs), token, at);
      });
    },
    /** Forgets a claim, never a completion; with a token, only the claim that token names. */
    release(id, token) {
      const key = storageKey(id);
      return batch.enqueue(() => {
        if (token === undefined) forgetAnyway.run(key);
        else forget.run(key, token);
      });
    },
    prune() {
      batch.flushNow();
      const at = now();
      nextSweepAt = at + sweepIntervalMs;
      return Number(sweep.run(at).changes);
    },
    close() {
      // Calls already made are written before the file is closed; later ones are refused.
      batch.flushNow();
      if (db.isOpen) db.close();
    },
  };
}
