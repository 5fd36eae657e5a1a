import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, createSqliteStore } from '@tender/webhooks';
import type { StoreContender } from '../contract.ts';
import { configString } from './config.ts';
import { postgresStore, postgresThreeInstancesStore, redisStore } from './server-stores.ts';

/**
 * The router's default store, one `Map` in the server process.
 *
 * @example
 * ```ts
 * const store = memoryStore.create(null);
 * ```
 */
export const memoryStore: StoreContender = {
  name: 'memory',
  label: 'memory',
  prepare: async () => ({ config: null, cleanUp: async () => undefined }),
  create: () => createMemoryStore(),
};

/**
 * `createSqliteStore` on a file in a fresh temporary directory (removed afterwards), as a single machine
 * would run it: durable, with the default sweep and busy timeout.
 *
 * @example
 * ```ts
 * const { config } = await sqliteStore.prepare(); // { filename: '/tmp/tender-bench-…/webhooks.sqlite' }
 * ```
 */
export const sqliteStore: StoreContender = {
  name: 'sqlite',
  label: 'SQLite (file)',
  async prepare() {
    const directory = mkdtempSync(join(tmpdir(), 'tender-bench-'));
    return {
      config: { filename: join(directory, 'webhooks.sqlite') },
      cleanUp: async () => rmSync(directory, { recursive: true, force: true }),
    };
  },
  create: (config) => createSqliteStore({ filename: configString(config, 'filename', 'sqlite') }),
};

/**
 * Every store the endpoint is measured with, in table order; the first is the reference the others are
 * compared with. To add one, export a {@link StoreContender} and list it here (see bench/README.md).
 *
 * @example
 * ```ts
 * DEDUP_STORES.map((store) => store.name); // ['memory', 'sqlite', 'postgres', 'redis', 'postgresThreeInstances']
 * ```
 */
export const DEDUP_STORES: readonly StoreContender[] = [
  memoryStore,
  sqliteStore,
  postgresStore,
  redisStore,
  postgresThreeInstancesStore,
];

/**
 * The store called `name`, as server processes look it up.
 *
 * @example
 * ```ts
 * storeNamed('sqlite').label; // 'SQLite (file)'
 * ```
 */
export function storeNamed(name: string): StoreContender {
  const store = DEDUP_STORES.find((candidate) => candidate.name === name);
  if (store === undefined) throw new Error(`no bench store named "${name}"`);
  return store;
}
