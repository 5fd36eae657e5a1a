/**
 * @tender/store-redis: a de-duplication store for many router instances behind a load balancer, in Redis.
 * Claims are `SET … NX GET PX` with a token; complete and release are Lua compare-and-set and
 * compare-and-delete; retention is each key's time-to-live. Redis replicates asynchronously, so a failover
 * can lose a completion: for money, `@tender/store-postgres` is the source of truth.
 *
 * @example
 * ```ts
 * import { createRedisStore } from '@tender/store-redis';
 * const router = createRouter({ sources, store: createRedisStore({ url: process.env.REDIS_URL }) });
 * ```
 * @module
 */
export {
  createRedisStore,
  type RedisCommander,
  type RedisDedupStore,
  type RedisStoreOptions,
} from './redis-store.ts';
export { storageKey } from './storage-key.ts';
