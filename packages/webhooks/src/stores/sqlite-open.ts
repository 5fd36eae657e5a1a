import type { DatabaseSync } from 'node:sqlite';

/** The table as this version creates it; `token` names the claim (or completion) that wrote the row. */
const CREATE = `
  CREATE TABLE IF NOT EXISTS tender_webhook_events (
    id TEXT PRIMARY KEY NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'done')),
    outcome TEXT,
    expires_at INTEGER NOT NULL,
    token TEXT
  ) STRICT;
  CREATE INDEX IF NOT EXISTS tender_webhook_events_expiry ON tender_webhook_events (expires_at);
`;

/** SQLite's primary result code for "another connection holds the lock" (`SQLITE_BUSY`). */
const SQLITE_BUSY = 5;

/** Whether `error` is SQLite's "database is locked" (any `SQLITE_BUSY_*` extended code included). */
function isBusy(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' && (errcode & 0xff) === SQLITE_BUSY;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms`: opening is synchronous, like every other call of the store. */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Adds what older versions of the table lack; run inside the transaction that created it if missing. */
function migrate(db: DatabaseSync): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('tender_webhook_events');
  // Files created before claims had tokens: their rows get a NULL token, which no token matches, so a
  // claim written by an older process is finished or freed only by its lease running out (or by a caller
  // that passes no token, as older processes do).
  if (!columns.some((column) => column.name === 'token')) {
    db.exec('ALTER TABLE tender_webhook_events ADD COLUMN token TEXT');
  }
}

/**
 * How hard a commit waits for the disk, `PRAGMA synchronous` in WAL mode:
 * - `normal`: a commit writes to the WAL file and returns; the WAL is synced to disk at checkpoints. A
 *   committed call survives the process crashing or being killed (the operating system holds the write),
 *   but the last commits before a power loss or a kernel crash may be rolled back.
 * - `full`: every commit also waits for the WAL to reach the disk (an fsync per commit, milliseconds on
 *   most disks, during which the event loop is blocked), so commits survive a power loss too.
 *
 * @example
 * ```ts
 * const level: SqliteSynchronous = 'normal';
 * ```
 */
export type SqliteSynchronous = 'normal' | 'full';

/** One attempt at preparing the file: WAL mode, then the table, created or migrated in one transaction. */
function prepare(db: DatabaseSync, synchronous: SqliteSynchronous): void {
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(CREATE);
    migrate(db);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Opens the store's database file, switches it to WAL mode at the given synchronous level and creates (or migrates) its table, waiting up
 * to `busyTimeoutMs` for other processes doing the same.
 *
 * The busy timeout alone does not cover opening: switching a fresh file to WAL needs an exclusive lock, and
 * SQLite answers "database is locked" at once, without waiting, when another connection holds a lock it
 * would otherwise have to wait on in a deadlock. So several processes starting together on a new file
 * could fail at once; instead every step here is idempotent and the whole is retried, with short growing
 * pauses, until it succeeds or `busyTimeoutMs` has passed.
 *
 * @example
 * ```ts
 * const db = openStoreDatabase('./var/webhooks.sqlite', 5_000, 'normal');
 * ```
 */
export function openStoreDatabase(
  filename: string,
  busyTimeoutMs: number,
  synchronous: SqliteSynchronous,
): DatabaseSync {
  const { DatabaseSync: Database } = process.getBuiltinModule('node:sqlite');
  // The constructor sets SQLite's busy timeout before any statement runs.
  const db: DatabaseSync = new Database(filename, { timeout: busyTimeoutMs });
  const deadline = performance.now() + busyTimeoutMs;
  for (let pauseMs = 1; ; pauseMs = Math.min(pauseMs * 2, 50)) {
    try {
      prepare(db, synchronous);
      return db;
    } catch (error) {
      const left = deadline - performance.now();
      if (!isBusy(error) || left <= 0) {
        db.close();
        throw error;
      }
      // Jittered, so processes that collided once do not retry in lockstep.
      sleepSync(Math.min(pauseMs * (0.5 + Math.random()), left));
    }
  }
}
