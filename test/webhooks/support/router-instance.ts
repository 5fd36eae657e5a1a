// One router instance of the many-instances test, in its own process: node:http on its own port, the K2
// source, the shared store named by its configuration, and a handler that logs each run's start and end to
// a file (appendFileSync: the line is with the operating system when the call returns, so it outlives a
// SIGKILL). The instance told to hold stops inside its `holdAt`-th handler run and tells its parent, which
// then kills it while that handler runs.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createK2WebhookSource } from '@tender/k2';
import { createPostgresStore } from '@tender/store-postgres';
import { createRedisStore } from '@tender/store-redis';
import { createRouter, createSqliteStore, type DedupStore, toNodeHandler } from '@tender/webhooks';

/** What the parent passes, as JSON in argv[2]. */
export interface InstanceConfig {
  readonly store:
    | { kind: 'postgres'; url: string; scope: string }
    | { kind: 'redis'; url: string; scope: string }
    | { kind: 'sqlite'; filename: string };
  readonly port: number;
  readonly log: string;
  readonly apiKey: string;
  readonly leaseMs: number;
  readonly holdAt?: number;
}

function openStore(store: InstanceConfig['store']): DedupStore {
  if (store.kind === 'postgres')
    return createPostgresStore({ connectionString: store.url, scope: store.scope });
  if (store.kind === 'redis') return createRedisStore({ url: store.url, scope: store.scope });
  return createSqliteStore({ filename: store.filename });
}

const config = JSON.parse(process.argv[2] ?? '{}') as InstanceConfig;
const router = createRouter({
  sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: config.apiKey }) }],
  store: openStore(config.store),
  leaseMs: config.leaseMs,
});
let runs = 0;
router.on('payment.succeeded', async (event) => {
  runs += 1;
  appendFileSync(config.log, `start ${event.id}\n`);
  if (runs === config.holdAt) {
    process.send?.('holding');
    await new Promise(() => {});
  }
  // A few milliseconds of "work", so many runs overlap and a kill finds some of them under way.
  await new Promise((resolve) => setTimeout(resolve, runs % 4));
  appendFileSync(config.log, `done ${event.id}\n`);
});
const server = createServer(toNodeHandler(router));
server.listen(config.port, '127.0.0.1', () => process.send?.('ready'));
