/**
 * Exactly once across processes: three router processes on their own ports share one store (PostgreSQL;
 * Redis; SQLite on one file), and a provider process sends 2,000 distinct signed K2 events, each three
 * times at once, spread over the instances, re-sending every non-2xx until it gets a 2xx. One instance is
 * killed with SIGKILL while one of its handlers runs, and restarted on its port. Every event must end
 * handled; no event acknowledged before the kill may run again; an event may run twice only because a run
 * of it was cut short by the kill. The figures are printed.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPostgresStore } from '@tender/store-postgres';
import { freePort } from '../../scripts/local-servers.ts';
import { postgresUrl, redisUrl } from '../support/servers.ts';
import { buygoodsEventId } from './support/k2-buygoods.ts';
import type { ProviderConfig, ProviderReport } from './support/provider.ts';
import type { InstanceConfig } from './support/router-instance.ts';

const EVENTS = 2_000;
const COPIES = 3;
const API_KEY = 'many-instances-api-key-6c1e';
/** Long enough for any handler here; the held event's claim frees this long after the kill. */
const LEASE_MS = 3_000;
/** The killed instance holds in its 200th handler run (it gets about a third of 2,000). */
const HOLD_AT = 200;
const INSTANCE = join(import.meta.dirname, 'support', 'router-instance.ts');
const PROVIDER = join(import.meta.dirname, 'support', 'provider.ts');

let directory = '';
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tender-many-'));
});
after(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** One process of an instance: its log, and whether it was the one killed. */
interface Incarnation {
  readonly child: ChildProcess;
  readonly log: string;
  killed: boolean;
}

async function startInstance(config: InstanceConfig): Promise<Incarnation> {
  const child = fork(INSTANCE, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`instance on port ${config.port} exited before it was ready`);
  });
  await Promise.race([once(child, 'message'), exited]);
  exited.catch(() => {});
  return { child, log: config.log, killed: false };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Runs the whole scenario on one store and checks it; returns the figures. */
async function proveExactlyOnce(name: string, store: InstanceConfig['store']) {
  const ports = [await freePort(), await freePort(), await freePort()];
  const incarnations: Incarnation[] = [];
  let logs = 0;
  const configFor = (index: number, holdAt?: number): InstanceConfig => {
    logs += 1;
    const config = {
      store,
      port: ports[index]!,
      log: join(directory, `${name}-${logs}.log`),
      apiKey: API_KEY,
      leaseMs: LEASE_MS,
    };
    return holdAt === undefined ? config : { ...config, holdAt };
  };
  const instances = await Promise.all(
    ports.map((_, index) => startInstance(configFor(index, index === 0 ? HOLD_AT : undefined))),
  );
  incarnations.push(...instances);

  let killedAt: number | undefined;
  const victim = instances[0]!;
  const restarted = new Promise<void>((resolve, reject) => {
    victim.child.once('message', async () => {
      try {
        killedAt = Date.now();
        const exited = once(victim.child, 'exit');
        victim.child.kill('SIGKILL');
        await exited;
        victim.killed = true;
        incarnations.push(await startInstance(configFor(0)));
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });

  const providerConfig: ProviderConfig = {
    ports,
    events: EVENTS,
    copies: COPIES,
    inFlight: 24,
    apiKey: API_KEY,
    maxAttempts: 400,
  };
  const provider = spawn(process.execPath, [...process.execArgv, PROVIDER, JSON.stringify(providerConfig)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  provider.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  try {
    const [code] = await once(provider, 'exit');
    assert.equal(code, 0, 'the provider finished');
    // Only a kill that happened has a restart to wait for; no kill at all fails below.
    if (killedAt !== undefined) await restarted;
  } finally {
    // Also when something failed: a live instance would keep this test file's process from ending.
    await Promise.all(incarnations.map((incarnation) => stop(incarnation.child)));
  }
  const report = JSON.parse(output) as ProviderReport;

  assert.ok(killedAt !== undefined, 'an instance was killed while a handler ran');
  assert.deepEqual(report.unacknowledged, [], 'every delivery got a 2xx in the end');

  const runs = new Map<string, { killed: number; other: number }>();
  const done = new Set<string>();
  for (const incarnation of incarnations) {
    for (const line of (await readFile(incarnation.log, 'utf8')).split('\n')) {
      const [kind, id] = line.split(' ');
      if (id === undefined) continue;
      if (kind === 'done') done.add(id);
      const count = runs.get(id) ?? { killed: 0, other: 0 };
      if (kind === 'start') {
        if (incarnation.killed) count.killed += 1;
        else count.other += 1;
      }
      runs.set(id, count);
    }
  }
  const ids = Array.from({ length: EVENTS }, (_, index) =>
    buygoodsEventId(`TM${index.toString(36).toUpperCase().padStart(8, '0')}`),
  );
  let handlerRuns = 0;
  let repeated = 0;
  for (const id of ids) {
    const count = runs.get(id);
    assert.ok(count !== undefined && done.has(id), `${id}: its handler completed`);
    handlerRuns += count.killed + count.other;
    assert.ok(count.other <= 1, `${id} ran ${count.other} times outside the killed process`);
    assert.ok(count.killed <= 1, `${id} ran ${count.killed} times in the killed process`);
    if (count.killed + count.other > 1) repeated += 1;
    const acknowledged = report.firstAcknowledged[id];
    if (acknowledged !== undefined && acknowledged < killedAt) {
      assert.equal(count.killed + count.other, 1, `${id} was acknowledged before the kill, and ran again`);
    }
  }
  assert.equal(runs.size, EVENTS, 'no run of an event that was not sent');
  assert.ok(repeated >= 1, 'the run cut short by the kill was run again');
  const figures = {
    deliveries: report.deliveries,
    handlerRuns,
    resends: report.resends,
    repeatedBecauseOfTheKill: repeated,
  };
  console.log(
    `[${name}] ${EVENTS} events x ${COPIES}: deliveries ${figures.deliveries}, handler runs ${handlerRuns}, re-sends ${figures.resends}, runs repeated because of the kill ${repeated}`,
  );
  return figures;
}

// Each store's run takes seconds on an idle 2-core machine; the bound leaves room for a busy one.
describe('many instances sharing one store: exactly once, with an instance killed mid-handler', () => {
  it('PostgreSQL', { timeout: 150_000 }, async () => {
    const scope = randomUUID();
    const setup = createPostgresStore({ connectionString: postgresUrl(), scope });
    await setup.migrate();
    await setup.close();
    await proveExactlyOnce('postgres', { kind: 'postgres', url: postgresUrl(), scope });
  });

  it('Redis', { timeout: 150_000 }, async () => {
    await proveExactlyOnce('redis', { kind: 'redis', url: redisUrl(), scope: randomUUID() });
  });

  it('SQLite on one file', { timeout: 150_000 }, async () => {
    await proveExactlyOnce('sqlite', { kind: 'sqlite', filename: join(directory, 'shared.sqlite') });
  });
});
