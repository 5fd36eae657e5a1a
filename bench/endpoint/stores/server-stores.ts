import { randomUUID } from 'node:crypto';
import { createPostgresStore } from '@tender/store-postgres';
import { createRedisStore } from '@tender/store-redis';
import type { StoreContender } from '../contract.ts';
import { configString } from './config.ts';
import { SHARED_POSTGRES, SHARED_REDIS } from './local-servers.ts';

/** A PostgreSQL contender: the table created once, and a scope of its own so no contender sees another's rows. */
function postgresContender(name: string, label: string, instances: number): StoreContender {
  return {
    name,
    label,
    instances,
    async prepare() {
      const server = await SHARED_POSTGRES.acquire();
      try {
        const setup = createPostgresStore({ connectionString: server.url });
        await setup.migrate();
        await setup.close();
      } catch (error) {
        await server.release();
        throw error;
      }
      return { config: { url: server.url, scope: `bench-${randomUUID()}` }, cleanUp: server.release };
    },
    create: (config) =>
      createPostgresStore({
        connectionString: configString(config, 'url', name),
        scope: configString(config, 'scope', name),
      }),
  };
}

/**
 * `createPostgresStore` on a PostgreSQL server on 127.0.0.1 with each commit synced to disk (fsync on), one
 * tender instance.
 *
 * @example
 * ```ts
 * const { config } = await postgresStore.prepare(); // { url, scope }
 * ```
 */
export const postgresStore = postgresContender('postgres', 'PostgreSQL', 1);

/**
 * Three tender instances sharing one PostgreSQL scope (one table, the same events), behind a round-robin
 * proxy: how a horizontally scaled endpoint de-duplicates.
 *
 * @example
 * ```ts
 * postgresThreeInstancesStore.instances; // 3
 * ```
 */
export const postgresThreeInstancesStore = postgresContender(
  'postgresThreeInstances',
  'PostgreSQL, 3 instances behind a proxy',
  3,
);

/**
 * `createRedisStore` on a Redis server on 127.0.0.1 (persistence off, as the test command starts it), with a
 * scope of its own.
 *
 * @example
 * ```ts
 * const { config } = await redisStore.prepare(); // { url, scope }
 * ```
 */
export const redisStore: StoreContender = {
  name: 'redis',
  label: 'Redis',
  async prepare() {
    const server = await SHARED_REDIS.acquire();
    return { config: { url: server.url, scope: `bench-${randomUUID()}` }, cleanUp: server.release };
  },
  create: (config) =>
    createRedisStore({
      url: configString(config, 'url', 'redis'),
      scope: configString(config, 'scope', 'redis'),
    }),
};
