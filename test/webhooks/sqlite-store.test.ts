import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import { createRouter, createSqliteStore, type SqliteDedupStore, toNodeHandler } from '@tender/webhooks';
import { createFakeSource, fakeBody, sign } from './support/fake-source.ts';
import { close, listen, send } from './support/http.ts';
import { storeContract } from './support/store-contract.ts';

let directory = '';
const opened: SqliteDedupStore[] = [];
let files = 0;

function freshFile(): string {
  files += 1;
  return join(directory, `store-${files}.sqlite`);
}

before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tender-webhooks-'));
});
after(async () => {
  for (const store of opened) store.close();
  await rm(directory, { recursive: true, force: true });
});

function open(filename: string, clock = { now: 1_700_000_000_000 }): SqliteDedupStore {
  const store = createSqliteStore({ filename, now: () => clock.now });
  opened.push(store);
  return store;
}

describe('createSqliteStore: the DedupStore contract', () => {
  storeContract(() => {
    const clock = { now: 1_700_000_000_000 };
    return { store: open(freshFile(), clock), clock };
  });
});

describe('createSqliteStore: durable and shared', () => {
  it('two stores on one file (two processes) see each other’s claims and completions', async () => {
    const filename = freshFile();
    const one = open(filename);
    const two = open(filename);
    assert.deepEqual(await one.claim('s1', 60_000), { status: 'claimed' });
    assert.deepEqual(await two.claim('s1', 60_000), { status: 'in_progress' });
    await one.complete('s1', { kind: 'accepted' }, 60_000);
    assert.deepEqual(await two.claim('s1', 60_000), { status: 'done', outcome: { kind: 'accepted' } });
  });

  it('deletes expired rows once the sweep interval has passed', async () => {
    const filename = freshFile();
    const clock = { now: 0 };
    const store = createSqliteStore({ filename, now: () => clock.now, sweepIntervalMs: 1_000 });
    opened.push(store);
    await store.claim('old', 10);
    await store.complete('old', { kind: 'accepted' }, 10);
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const peek = new DatabaseSync(filename);
    const count = () => peek.prepare('SELECT count(*) AS n FROM tender_webhook_events').get()?.n;
    assert.equal(count(), 1);
    clock.now = 1_000;
    await store.claim('new', 60_000);
    assert.equal(count(), 1, 'only the new claim is left');
    peek.close();
  });

  it('an unreadable row makes claim() throw a ValidationError instead of guessing an outcome', () => {
    const filename = freshFile();
    const store = open(filename);
    store.claim('bad', 60_000);
    store.complete('bad', { kind: 'accepted' }, 60_000);
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const db = new DatabaseSync(filename);
    db.exec(`UPDATE tender_webhook_events SET outcome = '{"kind":"maybe"}'`);
    db.close();
    assert.throws(() => store.claim('bad', 60_000), ValidationError);
  });

  it('checks its options', () => {
    assert.throws(() => createSqliteStore({ filename: '' }), /filename: must name a file/);
  });

  it('survives a restart: a redelivery after router, server and store were closed and reopened does not run again', async () => {
    const filename = freshFile();
    const body = fakeBody([{ id: 'restart-1', type: 'payment' }]);
    const headers = { 'content-type': 'application/json', 'x-fake-signature': sign(body) };
    let runs = 0;
    const start = async () => {
      const router = createRouter({
        sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
        store: createSqliteStore({ filename }),
      }).onAny(() => {
        runs += 1;
      });
      const server = createServer(toNodeHandler(router));
      return { router, server, url: `${await listen(server)}/webhooks/fake` };
    };

    const first = await start();
    const answered = await send(first.url, { headers, chunks: [body] });
    assert.deepEqual(
      [answered.status, JSON.parse(answered.body)],
      [200, { received: true, duplicate: false }],
    );
    await close(first.server);
    await first.router.close();

    const second = await start();
    const again = await send(second.url, { headers, chunks: [body] });
    assert.deepEqual([again.status, JSON.parse(again.body)], [200, { received: true, duplicate: true }]);
    assert.equal(runs, 1);
    await close(second.server);
    await second.router.close();
  });
});
