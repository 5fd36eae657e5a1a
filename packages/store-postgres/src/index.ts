/**
 * @tender/store-postgres: the de-duplication store for many router instances behind a load balancer, in one
 * PostgreSQL table. Claims carry a lease and a token; complete and release are fenced by the token; handled
 * events are kept for their retention and removed by `prune()`.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from '@tender/store-postgres';
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL });
 * await store.migrate();
 * const router = createRouter({ sources, store });
 * ```
 * @module
 */
export {
  createPostgresStore,
  type PostgresDedupStore,
  type PostgresQueryable,
  type PostgresStoreOptions,
  type PruneOptions,
} from './postgres-store.ts';
export { createTableSql } from './schema.ts';
export { storageKey } from './storage-key.ts';
