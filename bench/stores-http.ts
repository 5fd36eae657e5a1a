/**
 * End-to-end webhook throughput per de-duplication store, over real HTTP: a node:http endpoint
 * (`toNodeHandler`, the K2 source, one no-op handler) in its own process, and autocannon in another
 * process sending 20 connections' worth of signed `buygoods_transaction_received` webhooks, every request a
 * new event. Measured for the memory store, SQLite (the default `synchronous: 'normal'`, and `'full'`,
 * which syncs the disk on every call, as the store did before), PostgreSQL, Redis, and PostgreSQL shared by
 * three endpoints behind a round-robin proxy. Reports deliveries per second and the 99th-percentile answer
 * time, and both as ratios to the memory store. PostgreSQL runs with its durability settings on (each
 * commit synced to disk), as in production.
 *
 * Runnable alone (`pnpm bench:stores`); `measureStoresHttp` is what bench/run.ts can call.
 *
 * @example
 * ```ts
 * const result = await measureStoresHttp({ connections: 20, warmUpSeconds: 3, durationSeconds: 10 });
 * result.stores.sqlite.ratioToMemory.deliveriesPerSecond; // e.g. 0.8
 * ```
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresStore } from '@tender/store-postgres';
import type { Result } from 'autocannon';
import { freePort, type LocalServer, startPostgres, startRedis } from '../scripts/local-servers.ts';
import { WEBHOOK_PATH } from './support/k2-deliveries.ts';
import type { BenchStore } from './support/store-server.ts';

/**
 * How long and how hard each store is measured.
 *
 * @example
 * ```ts
 * const options: StoresHttpOptions = { connections: 20, warmUpSeconds: 3, durationSeconds: 10 };
 * ```
 */
export interface StoresHttpOptions {
  readonly connections: number;
  readonly warmUpSeconds: number;
  readonly durationSeconds: number;
}

/**
 * One store's figures.
 *
 * @example
 * ```ts
 * figure.deliveriesPerSecond; // 4200
 * ```
 */
export interface StoreFigure {
  readonly deliveriesPerSecond: number;
  readonly p99Ms: number;
  /** Answers that were not 2xx, and connection errors or time-outs: both should be 0. */
  readonly non2xx: number;
  readonly errors: number;
  readonly ratioToMemory: { readonly deliveriesPerSecond: number; readonly p99: number };
}

/** The configurations measured, in order. */
export const STORE_CONFIGURATIONS = [
  'memory',
  'sqlite',
  'sqliteFull',
  'postgres',
  'redis',
  'postgresThreeInstances',
] as const;

/**
 * Every configuration's figures, and the SQLite targets of issue #15 (at least half the memory store's
 * deliveries per second; a 99th percentile at most twice the memory store's).
 *
 * @example
 * ```ts
 * result.targets.sqliteThroughput.met; // true
 * ```
 */
export interface StoresHttpResult extends StoresHttpOptions {
  readonly unit: 'deliveries/s';
  readonly stores: Record<(typeof STORE_CONFIGURATIONS)[number], StoreFigure>;
  readonly targets: {
    readonly sqliteThroughput: { readonly atLeast: 0.5; readonly ratio: number; readonly met: boolean };
    readonly sqliteP99: { readonly atMost: 2; readonly ratio: number; readonly met: boolean };
  };
}

const SUPPORT = fileURLToPath(new URL('./support/', import.meta.url));

/** Starts a support script in its own process and waits for its 'ready'. */
async function startChild(script: string, config: unknown): Promise<ChildProcess> {
  const child = fork(join(SUPPORT, script), [JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => [new Error(`${script} exited before it was ready`)]),
  ]);
  if (message instanceof Error) throw message;
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Runs the load generator in its own process against `url` and answers autocannon's result. */
async function load(url: string, connections: number, durationSeconds: number): Promise<Result> {
  const child = fork(
    join(SUPPORT, 'load-generator.ts'),
    [JSON.stringify({ url, connections, durationSeconds })],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return JSON.parse(output) as Result;
}

/** Starts the endpoint(s) of one configuration; answers the URL to load and how to stop them. */
async function startEndpoints(
  stores: readonly BenchStore[],
): Promise<{ url: string; stop(): Promise<void> }> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  try {
    const ports: number[] = [];
    for (const store of stores) {
      const port = await freePort();
      children.push(await startChild('store-server.ts', { store, port }));
      ports.push(port);
    }
    let port = ports[0]!;
    if (ports.length > 1) {
      port = await freePort();
      children.push(await startChild('round-robin-proxy.ts', { port, upstreams: ports }));
    }
    return { url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function measureOne(stores: readonly BenchStore[], options: StoresHttpOptions) {
  const endpoints = await startEndpoints(stores);
  try {
    await load(endpoints.url, options.connections, options.warmUpSeconds);
    const result = await load(endpoints.url, options.connections, options.durationSeconds);
    return {
      deliveriesPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
  } finally {
    await endpoints.stop();
  }
}

/** A server from the environment (the test variables), else one started for the bench. */
async function serverUrl(variable: string, start: () => Promise<LocalServer>, started: LocalServer[]) {
  const given = process.env[variable];
  if (given) return given;
  const server = await start();
  started.push(server);
  return server.url;
}

/**
 * Measures every configuration one after the other. PostgreSQL and Redis come from
 * TENDER_TEST_POSTGRES_URL / TENDER_TEST_REDIS_URL when set, else are started for the run and stopped after.
 *
 * @example
 * ```ts
 * const { stores } = await measureStoresHttp({ connections: 20, warmUpSeconds: 3, durationSeconds: 10 });
 * ```
 */
export async function measureStoresHttp(options: StoresHttpOptions): Promise<StoresHttpResult> {
  const started: LocalServer[] = [];
  const directory = await mkdtemp(join(tmpdir(), 'tender-bench-stores-'));
  try {
    const postgresUrl = await serverUrl(
      'TENDER_TEST_POSTGRES_URL',
      () => startPostgres({ durable: true }),
      started,
    );
    const redisUrl = await serverUrl('TENDER_TEST_REDIS_URL', startRedis, started);
    const setup = createPostgresStore({ connectionString: postgresUrl });
    await setup.migrate();
    await setup.close();
    const postgres = (): BenchStore => ({
      kind: 'postgres',
      url: postgresUrl,
      scope: `bench-${randomUUID()}`,
    });
    const shared = postgres();
    const plans: Record<(typeof STORE_CONFIGURATIONS)[number], readonly BenchStore[]> = {
      memory: [{ kind: 'memory' }],
      sqlite: [{ kind: 'sqlite', filename: join(directory, 'normal.sqlite'), synchronous: 'normal' }],
      sqliteFull: [{ kind: 'sqlite', filename: join(directory, 'full.sqlite'), synchronous: 'full' }],
      postgres: [postgres()],
      redis: [{ kind: 'redis', url: redisUrl, scope: `bench-${randomUUID()}` }],
      postgresThreeInstances: [shared, shared, shared],
    };
    const raw: Partial<
      Record<(typeof STORE_CONFIGURATIONS)[number], Awaited<ReturnType<typeof measureOne>>>
    > = {};
    for (const name of STORE_CONFIGURATIONS) raw[name] = await measureOne(plans[name], options);
    const memory = raw.memory!;
    const stores = Object.fromEntries(
      STORE_CONFIGURATIONS.map((name) => {
        const figure = raw[name]!;
        const ratioToMemory = {
          deliveriesPerSecond: figure.deliveriesPerSecond / memory.deliveriesPerSecond,
          p99: figure.p99Ms / memory.p99Ms,
        };
        return [name, { ...figure, ratioToMemory }];
      }),
    ) as StoresHttpResult['stores'];
    const throughput = stores.sqlite.ratioToMemory.deliveriesPerSecond;
    const p99 = stores.sqlite.ratioToMemory.p99;
    return {
      ...options,
      unit: 'deliveries/s',
      stores,
      targets: {
        sqliteThroughput: { atLeast: 0.5, ratio: throughput, met: throughput >= 0.5 },
        sqliteP99: { atMost: 2, ratio: p99, met: p99 <= 2 },
      },
    };
  } finally {
    await Promise.allSettled(started.map((server) => server.stop()));
    await rm(directory, { recursive: true, force: true });
  }
}

/** The figures as a Markdown table. */
export function renderStoresTable(result: StoresHttpResult): string {
  const rows = STORE_CONFIGURATIONS.map((name) => {
    const figure = result.stores[name];
    return `| ${name} | ${figure.deliveriesPerSecond.toFixed(0)} | ${figure.p99Ms.toFixed(1)} | ${figure.ratioToMemory.deliveriesPerSecond.toFixed(2)}x | ${figure.ratioToMemory.p99.toFixed(2)}x | ${figure.non2xx + figure.errors} |`;
  });
  const { sqliteThroughput, sqliteP99 } = result.targets;
  return [
    `End to end over HTTP, ${result.connections} connections, ${result.durationSeconds} s per store after ${result.warmUpSeconds} s of warm-up:`,
    '',
    '| store | deliveries/s | p99 ms | deliveries/s vs memory | p99 vs memory | failed |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `SQLite target: deliveries/s >= 0.5x memory: ${sqliteThroughput.ratio.toFixed(2)}x, ${sqliteThroughput.met ? 'met' : 'MISSED'}; p99 <= 2x memory: ${sqliteP99.ratio.toFixed(2)}x, ${sqliteP99.met ? 'met' : 'MISSED'}`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node --import tsx bench/stores-http.ts [seconds per store]`, 10 by default.
  const durationSeconds = Number(process.argv[2] ?? 10);
  const result = await measureStoresHttp({ connections: 20, warmUpSeconds: 3, durationSeconds });
  process.stdout.write(`${renderStoresTable(result)}\n`);
}
