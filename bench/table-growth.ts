/**
 * How the SQLite and PostgreSQL tables grow with retention: 100,000 events claimed and completed through
 * each store's own API (as the router does for every new delivery, kept for the router's default 72 hours),
 * then the rows and bytes; then the stores' clock moved past the retention and `prune()` run, then the rows
 * and bytes again. Both stores take a `now` clock, so no one waits 72 hours. See bench/README.md.
 *
 * @example
 * ```ts
 * const growth = await measureTableGrowth({ events: 100_000 });
 * growth.sqlite.afterPrune.rows; // 0
 * ```
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createPostgresStore } from '@tender/store-postgres';
import { createSqliteStore, type DedupStore } from '@tender/webhooks';
import pg from 'pg';
import { SHARED_POSTGRES } from './endpoint/stores/local-servers.ts';

/**
 * How many events one growth measurement writes.
 *
 * @example
 * ```ts
 * const options: TableGrowthOptions = { events: 100_000 };
 * ```
 */
export interface TableGrowthOptions {
  readonly events: number;
}

/**
 * A table's rows and bytes at one moment.
 *
 * @example
 * ```ts
 * const size: TableSize = { rows: 100_000, bytes: 14_000_000 };
 * ```
 */
export interface TableSize {
  readonly rows: number;
  /** SQLite: pages in use (page count less free pages) times the page size; PostgreSQL: `pg_total_relation_size`. */
  readonly bytes: number;
  /** SQLite only: the database file's size, free pages included (a file never shrinks without VACUUM). */
  readonly fileBytes?: number;
}

/**
 * One store's table after the events and after `prune()`.
 *
 * @example
 * ```ts
 * growth.afterEvents.bytes / growth.afterEvents.rows; // bytes per kept event
 * ```
 */
export interface StoreGrowth {
  readonly afterEvents: TableSize;
  readonly afterPrune: TableSize;
  /** Rows `prune()` reported deleting. */
  readonly pruned: number;
  /** Seconds the writes took (untuned, not a figure to compare). */
  readonly writeSeconds: number;
}

/**
 * Both stores' growth.
 *
 * @example
 * ```ts
 * growth.postgres.afterEvents.rows; // 100000
 * ```
 */
export interface TableGrowthResult extends TableGrowthOptions {
  /** The retention every event is completed with (the router's default `dedupTtlMs`). */
  readonly retentionMs: number;
  readonly sqlite: StoreGrowth;
  readonly postgres: StoreGrowth;
}

const RETENTION_MS = 72 * 60 * 60 * 1000;
const LEASE_MS = 60_000;
/** Events in flight at once: the PostgreSQL store's pool works on several, as concurrent deliveries would. */
const CONCURRENCY = 32;
const GROWTH_TABLE = 'tender_bench_growth_events';

/** Claims and completes `count` new events, `CONCURRENCY` at a time. */
async function writeEvents(store: DedupStore, count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  async function worker() {
    while (next < count) {
      const id = `bench-growth-${String(next)}`;
      next += 1;
      const claim = await store.claim(id, LEASE_MS);
      if (claim.status !== 'claimed') throw new Error(`event ${id} was not new: ${claim.status}`);
      await store.complete(id, { kind: 'accepted' }, RETENTION_MS, claim.token);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / 1000;
}

function sqliteSize(filename: string): TableSize {
  const db = new DatabaseSync(filename, { readOnly: true });
  try {
    const number = (sql: string) => Number(Object.values(db.prepare(sql).get() ?? {})[0]);
    const pageSize = number('PRAGMA page_size');
    const pages = number('PRAGMA page_count');
    const free = number('PRAGMA freelist_count');
    return {
      rows: number('SELECT count(*) FROM tender_webhook_events'),
      bytes: (pages - free) * pageSize,
      fileBytes: pages * pageSize,
    };
  } finally {
    db.close();
  }
}

async function measureSqlite(events: number): Promise<StoreGrowth> {
  const directory = mkdtempSync(join(tmpdir(), 'tender-bench-growth-'));
  try {
    const filename = join(directory, 'webhooks.sqlite');
    let clock = Date.now();
    const store = createSqliteStore({ filename, now: () => clock });
    const writeSeconds = await writeEvents(store, events);
    await store.close?.();
    const afterEvents = sqliteSize(filename);
    clock += RETENTION_MS + 1;
    const pruning = createSqliteStore({ filename, now: () => clock });
    const pruned = pruning.prune();
    await pruning.close?.();
    return { afterEvents, afterPrune: sqliteSize(filename), pruned, writeSeconds };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function postgresSize(pool: pg.Pool): Promise<TableSize> {
  const { rows } = await pool.query<{ rows: string; bytes: string }>(
    `SELECT (SELECT count(*) FROM ${GROWTH_TABLE}) AS rows, pg_total_relation_size('${GROWTH_TABLE}') AS bytes`,
  );
  return { rows: Number(rows[0]?.rows), bytes: Number(rows[0]?.bytes) };
}

async function measurePostgres(events: number): Promise<StoreGrowth> {
  const server = await SHARED_POSTGRES.acquire();
  // Commits need not wait for the disk here: the sizes are the same, and the section stays within budget.
  const pool = new pg.Pool({
    connectionString: server.url,
    max: CONCURRENCY,
    options: '-c synchronous_commit=off',
  });
  // pg emits an idle client's errors on the pool, and without a listener they crash the process: the server
  // stopping right after `pool.end()` can still reach a closing client. A failing query rejects on its own.
  pool.on('error', () => undefined);
  try {
    await pool.query(`DROP TABLE IF EXISTS ${GROWTH_TABLE}`);
    let clock = Date.now();
    const store = createPostgresStore({ pool, table: GROWTH_TABLE, now: () => clock });
    await store.migrate();
    const writeSeconds = await writeEvents(store, events);
    await pool.query(`ANALYZE ${GROWTH_TABLE}`);
    const afterEvents = await postgresSize(pool);
    clock += RETENTION_MS + 1;
    const pruned = await store.prune();
    const afterPrune = await postgresSize(pool);
    await store.close();
    await pool.query(`DROP TABLE ${GROWTH_TABLE}`);
    return { afterEvents, afterPrune, pruned, writeSeconds };
  } finally {
    await pool.end();
    await server.release();
  }
}

/**
 * Measures both tables' growth, SQLite first.
 *
 * @example
 * ```ts
 * const { sqlite, postgres } = await measureTableGrowth({ events: 100_000 });
 * ```
 */
export async function measureTableGrowth(options: TableGrowthOptions): Promise<TableGrowthResult> {
  const sqlite = await measureSqlite(options.events);
  const postgres = await measurePostgres(options.events);
  return { ...options, retentionMs: RETENTION_MS, sqlite, postgres };
}
