import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import { createMemoryStore, createRouter, type DedupStore, WebhookError } from '@tender/webhooks';
import { bodyOf, createFakeSource, fakeDelivery } from './support/fake-source.ts';
import { gate, settle } from './support/gate.ts';

const source = createFakeSource();

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    assert.match(error.message, /^Invalid webhook router options/);
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  assert.fail('expected a ValidationError');
}

describe('createRouter options', () => {
  it('needs at least one source, each with a name, a path starting with "/" and a real source', () => {
    assert.deepEqual(
      issuesOf(() => createRouter({ sources: [] })),
      ['sources: register at least one source'],
    );
    const issues = issuesOf(() =>
      createRouter({
        sources: [
          { name: '', path: 'webhooks/k2', source },
          // @ts-expect-error not a source
          { name: 'x', path: '/x', source: { provider: 'x', contentTypes: [] } },
        ],
      }),
    );
    assert.deepEqual(issues, [
      'sources.0.name: must not be empty',
      'sources.0.path: must start with "/"',
      'sources.1.source: must be a WebhookSource: provider, contentTypes, verify(), decode() and answer()',
    ]);
  });

  it('refuses two sources on one path (trailing slashes do not count) or under one name', () => {
    assert.deepEqual(
      issuesOf(() =>
        createRouter({
          sources: [
            { name: 'a', path: '/hooks', source },
            { name: 'b', path: '/hooks/', source },
          ],
        }),
      ),
      ['sources: every source needs its own path'],
    );
    assert.deepEqual(
      issuesOf(() =>
        createRouter({
          sources: [
            { name: 'a', path: '/one', source },
            { name: 'a', path: '/two', source },
          ],
        }),
      ),
      ['sources: every source needs its own name'],
    );
  });

  it('checks the store, the limits and the logger, listing every problem at once', () => {
    const issues = issuesOf(() =>
      createRouter({
        sources: [{ name: 'fake', path: '/f', source }],
        // @ts-expect-error not a store
        store: { claim() {} },
        maxBodyBytes: 0,
        leaseMs: 1.5,
        dedupTtlMs: -1,
        handlerTimeoutMs: 0,
        // @ts-expect-error not a function
        logger: 'console',
      }),
    );
    assert.deepEqual(
      issues.map((issue) => issue.split(':')[0]),
      ['store', 'maxBodyBytes', 'leaseMs', 'dedupTtlMs', 'handlerTimeoutMs', 'logger'],
    );
  });

  it('refuses a handler timeout that outlasts the lease, or longer than a timer can wait, and TTLs past safe integers', () => {
    const sources = [{ name: 'fake', path: '/f', source }];
    const refused = (extra: Record<string, number>) => issuesOf(() => createRouter({ sources, ...extra }));
    assert.match(
      refused({ handlerTimeoutMs: 60_000 })[0] ?? '',
      /^handlerTimeoutMs: must be shorter than leaseMs \(60000 by default\)/,
    );
    assert.match(
      refused({ handlerTimeoutMs: 5_000, leaseMs: 5_000 })[0] ?? '',
      /^handlerTimeoutMs: must be shorter than leaseMs/,
    );
    assert.match(
      refused({ handlerTimeoutMs: 3_000_000_000, leaseMs: 4_000_000_000 })[0] ?? '',
      /^handlerTimeoutMs: must be at most 2147483647/,
    );
    assert.match(
      refused({ dedupTtlMs: Number.MAX_VALUE })[0] ?? '',
      /^dedupTtlMs: must be at most Number.MAX_SAFE_INTEGER/,
    );
    assert.doesNotThrow(() => createRouter({ sources, handlerTimeoutMs: 59_999 }));
    assert.doesNotThrow(() => createRouter({ sources, handlerTimeoutMs: 90_000, leaseMs: 120_000 }));
  });

  it('defaults to a 1 MiB body limit', () => {
    assert.equal(createRouter({ sources: [{ name: 'fake', path: '/f', source }] }).maxBodyBytes, 1_048_576);
  });
});

describe('the adapter-author surface', () => {
  const router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source }],
    maxBodyBytes: 100,
  });
  const head = {
    method: 'POST',
    path: '/webhooks/fake',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
  };

  it('handles() tells which paths have a source', () => {
    assert.equal(router.handles('/webhooks/fake/'), true);
    assert.equal(router.handles('/webhooks'), false);
  });

  it('screen() refuses from the head alone, using Content-Length or the bytes read so far', () => {
    assert.equal(router.screen(head), undefined);
    assert.equal(
      router.screen({ ...head, headers: { ...head.headers, 'content-length': '101' } })?.status,
      413,
    );
    assert.equal(router.screen(head, 101)?.status, 413);
    assert.equal(router.screen({ ...head, path: '/other' })?.status, 404);
    assert.equal(router.screen({ ...head, method: 'DELETE' })?.headers.allow, 'POST');
  });
});

describe('errors with no onError handler', () => {
  it('are written to console.error in their safe form rather than lost', async (t) => {
    const router = createRouter({ sources: [{ name: 'fake', path: '/webhooks/fake', source }] });
    router.onAny(() => {
      throw new Error('unwatched failure');
    });
    const logged = t.mock.method(console, 'error', () => {});
    await router.receive(fakeDelivery([{ id: 'u1', type: 'payment' }]));
    assert.equal(logged.mock.callCount(), 1);
    const [error] = logged.mock.calls[0]?.arguments ?? [];
    assert.ok(error instanceof WebhookError);
    assert.equal(error.stage, 'handler');
  });

  it('an onError handler that throws is ignored', async () => {
    const router = createRouter({ sources: [{ name: 'fake', path: '/webhooks/fake', source }] });
    router.onAny(() => Promise.reject(new Error('handler')));
    router.onError(() => {
      throw new Error('error handler');
    });
    assert.equal((await router.receive(fakeDelivery([{ id: 'u2', type: 'payment' }]))).status, 503);
  });
});

describe('router.close()', () => {
  it('answers new deliveries 503, waits for those in progress, then closes the store once', async () => {
    let closes = 0;
    const memory = createMemoryStore();
    const store: DedupStore = {
      claim: (id, leaseMs) => memory.claim(id, leaseMs),
      complete: (id, outcome, ttlMs) => memory.complete(id, outcome, ttlMs),
      release: (id) => memory.release(id),
      close: () => {
        closes += 1;
      },
    };
    const router = createRouter({ sources: [{ name: 'fake', path: '/webhooks/fake', source }], store });
    const held = gate();
    router.onAny(() => held.opened);
    const inProgress = router.receive(fakeDelivery([{ id: 'z1', type: 'payment' }]));
    await settle();
    const closing = router.close();
    assert.equal(router.close(), closing, 'close() is idempotent');
    const late = await router.receive(fakeDelivery([{ id: 'z2', type: 'payment' }]));
    assert.deepEqual([late.status, bodyOf(late)], [503, { error: 'the webhook router is shutting down' }]);
    await settle();
    assert.equal(closes, 0, 'the store stays open while a delivery is in progress');
    held.open();
    assert.equal((await inProgress).status, 200);
    await closing;
    assert.equal(closes, 1);
  });
});
