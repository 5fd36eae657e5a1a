// One webhook endpoint of the stores bench, in its own process: node:http through toNodeHandler, the K2
// source at WEBHOOK_PATH, one no-op `payment.succeeded` handler, and the store named by argv[2] (JSON). It
// sends 'ready' over IPC once it listens, and closes router and store on SIGTERM.
import { createServer } from 'node:http';
import { createK2WebhookSource } from '@tender/k2';
import { createPostgresStore } from '@tender/store-postgres';
import { createRedisStore } from '@tender/store-redis';
import {
  createMemoryStore,
  createRouter,
  createSqliteStore,
  type DedupStore,
  toNodeHandler,
} from '@tender/webhooks';
import { BENCH_API_KEY, WEBHOOK_PATH } from './k2-deliveries.ts';

/**
 * Which store an endpoint uses.
 *
 * @example
 * ```ts
 * const store: BenchStore = { kind: 'sqlite', filename: '/tmp/bench.sqlite', synchronous: 'normal' };
 * ```
 */
export type BenchStore =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly filename: string; readonly synchronous: 'normal' | 'full' }
  | { readonly kind: 'postgres'; readonly url: string; readonly scope: string }
  | { readonly kind: 'redis'; readonly url: string; readonly scope: string };

function openStore(store: BenchStore): DedupStore {
  switch (store.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite':
      return createSqliteStore({ filename: store.filename, synchronous: store.synchronous });
    case 'postgres':
      return createPostgresStore({ connectionString: store.url, scope: store.scope });
    case 'redis':
      return createRedisStore({ url: store.url, scope: store.scope });
  }
}

const { store, port } = JSON.parse(process.argv[2] ?? '{}') as { store: BenchStore; port: number };
const router = createRouter({
  sources: [{ name: 'k2', path: WEBHOOK_PATH, source: createK2WebhookSource({ apiKeys: BENCH_API_KEY }) }],
  store: openStore(store),
}).on('payment.succeeded', () => {});
const server = createServer(toNodeHandler(router));
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void router.close().then(() => process.exit(0));
});
