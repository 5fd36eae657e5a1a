import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '@tender/core';
import { createRouter, createSqliteStore, type SqliteDedupStore, toNodeHandler } from '@tender/webhooks';
import { createFakeSource, fakeBody, sign } from './support/fake-source.ts';
import { close, listen, send } from './support/http.ts';
import { claimedToken, storeContract } from './support/store-contract.ts';

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

/** Rows in the store's table, read through a connection of its own, as another process would. */
function countRows(filename: string): number {
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
  const peek = new DatabaseSync(filename);
  const row = peek.prepare('SELECT count(*) AS n FROM tender_webhook_events').get();
  peek.close();
  return Number(row?.n);
}

function open(filename: string, clock = { now: 1_700_000_000_000 }): SqliteDedupStore {
  const store = createSqliteStore({ filename, now: () => clock.now });
  opened.push(store);
  return store;
}

describe('createSqliteStore: the DedupStore contract', () => {
  storeContract(() => {
    const clock = { now: 1_700_000_000_000 };
    const filename = freshFile();
    const store = open(filename, clock);
    return {
      store,
      advance: (ms) => {
        clock.now += ms;
      },
      stored: () => countRows(filename),
      prune: () => {
        store.prune();
      },
    };
  });
});

describe('createSqliteStore: durable and shared', () => {
  it('two stores on one file (two processes) see each other’s claims and completions', async () => {
    const filename = freshFile();
    const one = open(filename);
    const two = open(filename);
    const token = claimedToken(await one.claim('s1', 60_000));
    assert.deepEqual(await two.claim('s1', 60_000), { status: 'in_progress' });
    await one.complete('s1', { kind: 'accepted' }, 60_000, token);
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

  it('an unreadable row makes claim() reject with a ValidationError instead of guessing an outcome', async () => {
    const filename = freshFile();
    const store = open(filename);
    await store.claim('bad', 60_000);
    await store.complete('bad', { kind: 'accepted' }, 60_000);
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const db = new DatabaseSync(filename);
    db.exec(`UPDATE tender_webhook_events SET outcome = '{"kind":"maybe"}'`);
    db.close();
    await assert.rejects(store.claim('bad', 60_000), ValidationError);
  });

  it('checks its options', () => {
    assert.throws(() => createSqliteStore({ filename: '' }), /filename: must name a file/);
    assert.throws(
      () => createSqliteStore({ filename: freshFile(), synchronous: 'off' as 'full' }),
      /synchronous: Invalid type/,
    );
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

/** The table as the version before claim tokens created it (`git show` of that sqlite.ts). */
const PREVIOUS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS tender_webhook_events (
    id TEXT PRIMARY KEY NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'done')),
    outcome TEXT,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS tender_webhook_events_expiry ON tender_webhook_events (expires_at);
`;

describe('createSqliteStore: a file created before claim tokens', () => {
  it('is migrated when opened: its rows keep their meaning and new claims have tokens', async () => {
    const filename = freshFile();
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const old = new DatabaseSync(filename);
    old.exec('PRAGMA journal_mode = WAL');
    old.exec(PREVIOUS_SCHEMA);
    // Column by column, as the previous version wrote its rows.
    const insert = old.prepare(
      'INSERT INTO tender_webhook_events (id, state, outcome, expires_at) VALUES (?, ?, ?, ?)',
    );
    insert.run('k2:done', 'done', '{"kind":"accepted"}', 1_700_000_060_000);
    insert.run('k2:held', 'claimed', null, 1_700_000_001_000);

    const clock = { now: 1_700_000_000_000 };
    const store = open(filename, clock);
    const columns = old.prepare('SELECT name FROM pragma_table_info(?)').all('tender_webhook_events');
    assert.deepEqual(
      columns.map((column) => column.name),
      ['id', 'state', 'outcome', 'expires_at', 'token'],
    );
    assert.deepEqual(await store.claim('k2:done', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
    assert.deepEqual(await store.claim('k2:held', 1_000), { status: 'in_progress' }, 'an old claim holds');
    await store.release('k2:held', 'not-its-token');
    assert.deepEqual(await store.claim('k2:held', 1_000), { status: 'in_progress' });
    clock.now += 1_000;
    const token = claimedToken(await store.claim('k2:held', 1_000), 'and expires like any lease');
    await store.complete('k2:held', { kind: 'accepted' }, 60_000, token);
    assert.deepEqual(await store.claim('k2:held', 1_000), { status: 'done', outcome: { kind: 'accepted' } });

    // A process still running the previous version writes rows without a token: they keep working.
    insert.run('k2:older', 'claimed', null, clock.now + 1_000);
    assert.deepEqual(await store.claim('k2:older', 1_000), { status: 'in_progress' });
    old.close();
    store.close();
    const again = open(filename, clock);
    assert.deepEqual(await again.claim('k2:done', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
  });
});

describe('createSqliteStore: times SQLite can store', () => {
  it('remembers a completion with a TTL as large as Number.MAX_VALUE, practically forever', async () => {
    const clock = { now: 1_700_000_000_000 };
    const store = open(freshFile(), clock);
    const token = claimedToken(await store.claim('forever', Number.MAX_VALUE));
    assert.deepEqual(await store.claim('forever', 1_000), { status: 'in_progress' });
    await store.complete('forever', { kind: 'accepted' }, Number.MAX_VALUE, token);
    clock.now += 100 * 365 * 24 * 3_600_000;
    assert.deepEqual(await store.claim('forever', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
  });

  it('works with a clock that has fractions of a millisecond, and rounds a lease up, never down', async () => {
    const clock = { now: 1_700_000_000_000.25 };
    const store = open(freshFile(), clock);
    const token = claimedToken(await store.claim('frac', 1_000.5));
    clock.now += 1_000.6; // 1_700_000_001_000.85: the lease (until ...001_000.75, stored as ...001_001) holds
    assert.deepEqual(await store.claim('frac', 1_000), { status: 'in_progress' });
    clock.now += 0.15;
    const next = claimedToken(await store.claim('frac', 1_000));
    assert.notEqual(next, token);
    clock.now += 0.5;
    await store.complete('frac', { kind: 'accepted' }, 60_000.5, next);
    assert.deepEqual(await store.claim('frac', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
  });

  it('a router with a fractional clock and the largest dedupTtlMs acknowledges and de-duplicates', async () => {
    const store = createSqliteStore({
      filename: ':memory:',
      now: () => performance.timeOrigin + performance.now(),
    });
    let runs = 0;
    const router = createRouter({
      sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
      store,
      dedupTtlMs: Number.MAX_SAFE_INTEGER,
    }).on('payment.succeeded', () => {
      runs += 1;
    });
    const body = fakeBody([{ id: 'ttl-1', type: 'payment' }]);
    const headers = { 'content-type': 'application/json', 'x-fake-signature': sign(body) };
    const request = {
      method: 'POST',
      path: '/webhooks/fake',
      query: new URLSearchParams(),
      headers,
      rawBody: new TextEncoder().encode(body),
    };
    assert.equal((await router.receive(request)).status, 200);
    assert.equal((await router.receive(request)).status, 200);
    assert.equal(runs, 1);
    await router.close();
  });
});

describe('createSqliteStore: any JavaScript string is its own event id', () => {
  it('keeps ids with lone surrogates apart from each other, from U+FFFD and from their escaped form', async () => {
    const filename = freshFile();
    const store = open(filename);
    for (const id of ['k2:\uD800', 'k2:a\uD800', 'k2:\\ud800']) {
      await store.complete(id, { kind: 'accepted' }, 60_000, claimedToken(await store.claim(id, 1_000)));
    }
    claimedToken(await store.claim('k2:\uDFFF', 1_000), 'another lone surrogate is another event');
    claimedToken(await store.claim('k2:\uFFFD', 1_000), 'U+FFFD is another event');
    claimedToken(await store.claim('k2:a\uFFFD', 1_000));
    claimedToken(await store.claim('\uFDD0k2:\\ud800', 1_000), 'the escaped form is another event');
    claimedToken(await store.claim('k2:\uD800\uD800', 1_000));
    store.close();

    const reopened = open(filename);
    for (const id of ['k2:\uD800', 'k2:a\uD800', 'k2:\\ud800']) {
      assert.deepEqual(
        await reopened.claim(id, 1_000),
        { status: 'done', outcome: { kind: 'accepted' } },
        id,
      );
    }
  });

  it('stores a well-formed id as it is, so rows stay readable and older files keep their meaning', async () => {
    const filename = freshFile();
    const store = open(filename);
    await store.claim('k2:plain-\u00e9-\u{1F600}', 1_000);
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const peek = new DatabaseSync(filename);
    assert.deepEqual(
      peek
        .prepare('SELECT id FROM tender_webhook_events')
        .all()
        .map((row) => row.id),
      ['k2:plain-\u00e9-\u{1F600}'],
    );
    peek.close();
  });
});

/**
 * Holds a write lock on `filename` from a worker thread (another connection, as another process would) for
 * `ms`; the worker lets go by its own timer, so it does while this thread is blocked opening the store.
 */
async function holdWriteLock(filename: string, ms: number): Promise<{ done: Promise<unknown> }> {
  const worker = new Worker(
    `const { DatabaseSync } = require('node:sqlite');
    const { workerData, parentPort } = require('node:worker_threads');
    const db = new DatabaseSync(workerData.filename);
    db.exec('BEGIN IMMEDIATE');
    parentPort.postMessage('held');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, workerData.ms);`,
    { eval: true, workerData: { filename, ms } },
  );
  const done = new Promise((resolve) => worker.once('exit', resolve));
  await new Promise((resolve) => worker.once('message', resolve));
  return { done };
}

describe('createSqliteStore: opening a new file while another process holds a lock on it', () => {
  // Switching a new file to WAL needs an exclusive lock, and SQLite refuses it at once, without waiting for
  // the busy timeout, while another connection holds a write lock: several processes starting together on
  // one new file used to fail that way. A worker thread holding the lock reproduces it deterministically.
  it('waits for the lock (within busyTimeoutMs) instead of failing with "database is locked"', async () => {
    const filename = freshFile();
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    new DatabaseSync(filename).close();
    const lock = await holdWriteLock(filename, 200);
    const startedAt = performance.now();
    const store = createSqliteStore({ filename, busyTimeoutMs: 5_000 });
    opened.push(store);
    assert.ok(performance.now() - startedAt >= 100, 'it waited for the lock to be let go');
    claimedToken(await store.claim('after-open', 1_000));
    await lock.done;
  });

  it('still gives up once busyTimeoutMs has passed', async () => {
    const filename = freshFile();
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    new DatabaseSync(filename).close();
    const lock = await holdWriteLock(filename, 1_000);
    const startedAt = performance.now();
    assert.throws(() => createSqliteStore({ filename, busyTimeoutMs: 50 }), /database is locked/);
    const waited = performance.now() - startedAt;
    assert.ok(waited >= 40 && waited < 900, `gave up after ${waited.toFixed(0)} ms`);
    await lock.done;
  });
});

describe('createSqliteStore: a process killed with SIGKILL', () => {
  // The default synchronous level (WAL, NORMAL) does not wait for the disk on each commit; what it promises
  // is that every commit that returned survives the process dying, because the operating system holds it.
  it('loses no completion that returned before the kill, and leaves a sound file', async () => {
    const filename = freshFile();
    const writer = spawn(
      process.execPath,
      [...process.execArgv, join(import.meta.dirname, 'support', 'sqlite-writer.ts'), filename],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const reported: string[] = [];
    let partial = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      writer.once('exit', (_, signal) => resolve(signal)),
    );
    writer.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      reported.push(...lines);
      if (reported.length >= 2_000 && writer.exitCode === null) writer.kill('SIGKILL');
    });
    assert.equal(await exited, 'SIGKILL');
    assert.ok(reported.length >= 2_000, `${reported.length} completions reported`);

    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const check = new DatabaseSync(filename);
    assert.equal(check.prepare('PRAGMA integrity_check').get()?.integrity_check, 'ok');
    check.close();
    const store = open(filename, { now: Date.now() });
    for (const id of reported) {
      assert.deepEqual(await store.claim(id, 1_000), { status: 'done', outcome: { kind: 'accepted' } }, id);
    }
  });
});

describe('createSqliteStore: calls of one turn are committed together', () => {
  it('answers each of many concurrent calls once their shared transaction is committed', async () => {
    const filename = freshFile();
    const store = open(filename);
    const claims = await Promise.all(
      Array.from({ length: 100 }, (_, index) => store.claim(`g${index}`, 60_000)),
    );
    for (const claim of claims) claimedToken(claim);
    assert.equal(countRows(filename), 100, 'another connection sees every answered call');
  });

  it('rejects only the call whose own work failed, not the others of its batch', async () => {
    const filename = freshFile();
    const store = open(filename);
    await store.complete(
      'broken',
      { kind: 'accepted' },
      60_000,
      claimedToken(await store.claim('broken', 1_000)),
    );
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const db = new DatabaseSync(filename);
    db.exec(`UPDATE tender_webhook_events SET outcome = 'not json' WHERE id = 'broken'`);
    db.close();
    const [bad, good] = await Promise.allSettled([store.claim('broken', 1_000), store.claim('fine', 1_000)]);
    assert.equal(bad.status, 'rejected');
    assert.equal(good.status, 'fulfilled');
    assert.equal(countRows(filename), 2);
  });

  it('close() writes the calls already made before it closes the file, and refuses later ones', async () => {
    const filename = freshFile();
    const store = createSqliteStore({ filename });
    const pending = store.claim('before-close', 60_000);
    store.close();
    claimedToken(await pending);
    await assert.rejects(store.claim('after-close', 60_000), /closed/);
    const reopened = open(filename);
    assert.deepEqual(await reopened.claim('before-close', 60_000), { status: 'in_progress' });
  });
});
