import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import { createPostgresStore, createTableSql, type PostgresDedupStore } from '@tender/store-postgres';
import pg from 'pg';
import { postgresUrl } from '../support/servers.ts';
import { claimedToken, storeContract } from '../webhooks/support/store-contract.ts';

const pool = new pg.Pool({ connectionString: postgresUrl(), max: 20 });

before(async () => {
  await createPostgresStore({ pool }).migrate();
});
after(async () => {
  await pool.end();
});

/** A store on its own scope of the shared table, with a clock the test moves. */
function scoped(clock = { now: 1_700_000_000_000 }, scope = randomUUID()): PostgresDedupStore {
  return createPostgresStore({ pool, scope, now: () => clock.now });
}

async function rowsIn(scope: string, table = 'tender_webhook_events'): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE scope = $1`, [scope]);
  return (rows[0] as { n: number }).n;
}

describe('createPostgresStore: the DedupStore contract', () => {
  storeContract(() => {
    const clock = { now: 1_700_000_000_000 };
    const scope = randomUUID();
    const store = scoped(clock, scope);
    return {
      store,
      advance: (ms) => {
        clock.now += ms;
      },
      stored: () => rowsIn(scope),
      prune: async () => {
        await store.prune();
      },
    };
  });
});

describe('createPostgresStore: PostgreSQL specifics', () => {
  it('keeps scopes apart: the same id in two scopes is two events', async () => {
    const clock = { now: 1_700_000_000_000 };
    const one = scoped(clock);
    const two = scoped(clock);
    await one.complete(
      'k2:same',
      { kind: 'accepted' },
      60_000,
      claimedToken(await one.claim('k2:same', 1_000)),
    );
    claimedToken(await two.claim('k2:same', 1_000), 'another scope has not seen it');
  });

  it('uses the database clock when given none, so instances with skewed clocks agree', async () => {
    const store = createPostgresStore({ pool, scope: randomUUID() });
    claimedToken(await store.claim('db-clock', 200));
    assert.deepEqual(await store.claim('db-clock', 200), { status: 'in_progress' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    claimedToken(await store.claim('db-clock', 200), 'the lease ran out by the database clock');
  });

  it('refuses a prune batch that is not a positive whole number (zero rows a batch would never end)', async () => {
    const store = scoped();
    for (const batchSize of [0, -1, 1.5, Number.NaN]) {
      await assert.rejects(store.prune({ batchSize }), /batchSize must be a positive whole number/);
    }
  });

  it('prunes in batches and answers how many rows it deleted', async () => {
    const clock = { now: 1_700_000_000_000 };
    const scope = randomUUID();
    const store = scoped(clock, scope);
    for (let index = 0; index < 25; index += 1) await store.claim(`batch-${index}`, 1_000);
    clock.now += 1_000;
    assert.equal(await store.prune({ batchSize: 10 }), 25);
    assert.equal(await rowsIn(scope), 0);
  });

  it('creates its table with migrate(), safely from many instances at once, under any allowed name', async () => {
    const table = `tender_migrate_${randomUUID().replaceAll('-', '')}`;
    const stores = Array.from({ length: 8 }, () => createPostgresStore({ pool, table }));
    await Promise.all(stores.map((store) => store.migrate()));
    const store = stores[0]!;
    claimedToken(await store.claim('k2:1', 1_000));
    assert.equal(await rowsIn('default', table), 1);
    await pool.query(`DROP TABLE ${table}`);
  });

  it('the README’s SQL is the table migrate() creates', async () => {
    const readme = await import('node:fs/promises').then((fs) =>
      fs.readFile(new URL('../../packages/store-postgres/README.md', import.meta.url), 'utf8'),
    );
    assert.ok(
      readme.includes(createTableSql('tender_webhook_events')),
      'README shows createTableSql() verbatim',
    );
  });

  it('says how to create a missing table instead of failing obscurely', async () => {
    const store = createPostgresStore({ pool, table: 'tender_missing_table' });
    await assert.rejects(
      store.claim('k2:1', 1_000),
      /tender_missing_table does not exist: call store\.migrate\(\)/,
    );
  });

  it('with a connection string, makes its own pool and ends it on close()', async () => {
    const store = createPostgresStore({ connectionString: postgresUrl(), scope: randomUUID() });
    claimedToken(await store.claim('own-pool', 1_000));
    await store.close();
    await assert.rejects(
      Promise.resolve(store.claim('own-pool', 1_000)),
      /Cannot use a pool after calling end/,
    );
  });

  it('checks its options', () => {
    assert.throws(() => createPostgresStore({ pool, connectionString: 'postgres://x' }), ValidationError);
    assert.throws(() => createPostgresStore({}), /give either pool or connectionString/);
    assert.throws(
      () => createPostgresStore({ pool, table: 'events; DROP TABLE x' }),
      /table: must be a lower-case identifier/,
    );
  });
});
