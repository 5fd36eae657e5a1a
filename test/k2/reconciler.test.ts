/**
 * The K2 reconciler's own rules, with a scripted status() and a recording router: what it sends (K2's
 * status document, signed, at the source's path), when it looks again, what it gives up on, and how it
 * refuses bad options. The whole recovery over real HTTP is in test/e2e/k2-reconciler.test.ts.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import {
  NetworkError,
  type Operation,
  type OperationStatus,
  ValidationError,
  type WebhookAnswer,
  type WebhookRequest,
} from '@tender/core';
import {
  createK2Reconciler,
  type K2ReconcilerOptions,
  verifyK2Signature,
} from '../../packages/k2/src/index.ts';

const API_KEY = 'ak_PLANTED_APIKEY_44c2b8';

function pendingOperation(id: string): Operation {
  return {
    provider: 'k2',
    kind: 'collect',
    id,
    reference: `https://sandbox.kopokopo.com/api/v2/incoming_payments/${id}`,
    status: 'pending',
    raw: undefined,
  };
}

function document(id: string, status: string) {
  return { data: { id, type: 'incoming_payment', attributes: { status } } };
}

/** A status() answering from a script per operation id (the last step repeats). */
function scriptedProvider(script: Record<string, readonly (OperationStatus | Error)[]>) {
  const asked: string[] = [];
  return {
    asked,
    async status(operation: Operation): Promise<Operation> {
      asked.push(operation.id);
      const steps = script[operation.id] ?? ['pending'];
      const count = asked.filter((id) => id === operation.id).length;
      const step = steps[Math.min(count, steps.length) - 1] ?? 'pending';
      if (step instanceof Error) throw step;
      const word = step === 'succeeded' ? 'Success' : 'Pending';
      return { ...operation, status: step, providerStatus: word, raw: document(operation.id, word) };
    },
  };
}

function recordingRouter(answers: readonly number[] = [200]) {
  const requests: WebhookRequest[] = [];
  return {
    requests,
    async receive(request: WebhookRequest): Promise<WebhookAnswer> {
      requests.push(request);
      const status = answers[Math.min(requests.length, answers.length) - 1] ?? 200;
      return { status, headers: {}, body: '' };
    },
  };
}

function options(overrides: Partial<K2ReconcilerOptions> & Pick<K2ReconcilerOptions, 'provider' | 'router'>) {
  let clock = 0;
  const settings: K2ReconcilerOptions = {
    path: '/webhooks/k2',
    apiKey: API_KEY,
    delayMs: 1_000,
    recheckMs: 500,
    now: () => clock,
    ...overrides,
  };
  return { settings, advance: (ms: number) => (clock += ms) };
}

describe('createK2Reconciler', () => {
  afterEach(() => mock.timers.reset());

  it('delivers the final status document, signed with the API key, as a POST to the source path', async () => {
    const provider = scriptedProvider({ a1: ['succeeded'] });
    const router = recordingRouter();
    const { settings, advance } = options({ provider, router });
    const reconciler = createK2Reconciler(settings);
    reconciler.track(pendingOperation('a1'));
    advance(1_000);
    const [result] = await reconciler.reconcile();
    assert.equal(result?.outcome, 'delivered');
    const [request] = router.requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/webhooks/k2');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['content-length'], String(request.rawBody.byteLength));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(request.rawBody)), document('a1', 'Success'));
    assert.deepEqual(verifyK2Signature(request.rawBody, request.headers['x-kopokopo-signature'], [API_KEY]), {
      ok: true,
    });
  });

  it('looks again after recheckMs when K2 still says pending, when status() throws, when the router fails', async () => {
    const provider = scriptedProvider({
      p1: ['pending', 'succeeded'],
      e1: [new NetworkError('connection reset', { provider: 'k2' }), 'succeeded'],
      f1: ['succeeded'],
    });
    const router = recordingRouter([500, 200, 200]);
    const { settings, advance } = options({ provider, router });
    const reconciler = createK2Reconciler(settings);
    // f1 first, so its delivery meets the router's 500.
    reconciler.track(pendingOperation('f1'));
    reconciler.track(pendingOperation('p1'));
    reconciler.track(pendingOperation('e1'));
    advance(1_000);
    const first = await reconciler.reconcile();
    assert.deepEqual(
      first.map((result) => [result.operation.id, result.outcome]),
      [
        ['f1', 'failed'],
        ['p1', 'pending'],
        ['e1', 'failed'],
      ],
    );
    assert.equal(first[0]?.outcome === 'failed' ? first[0].answer?.status : undefined, 500);
    assert.ok(first[2]?.outcome === 'failed' && first[2].error instanceof NetworkError);
    advance(499);
    assert.deepEqual(await reconciler.reconcile(), [], 'not before recheckMs');
    advance(1);
    const second = await reconciler.reconcile();
    assert.deepEqual(
      second.map((result) => [result.operation.id, result.outcome]),
      [
        ['f1', 'delivered'],
        ['p1', 'delivered'],
        ['e1', 'delivered'],
      ],
    );
    assert.deepEqual(reconciler.tracked(), []);
  });

  it('gives up on an operation still pending giveUpAfterMs after it was tracked', async () => {
    const provider = scriptedProvider({});
    const { settings, advance } = options({ provider, router: recordingRouter(), giveUpAfterMs: 2_000 });
    const reconciler = createK2Reconciler(settings);
    reconciler.track(pendingOperation('slow'));
    advance(1_000);
    assert.equal((await reconciler.reconcile())[0]?.outcome, 'pending');
    advance(1_000);
    assert.equal((await reconciler.reconcile())[0]?.outcome, 'abandoned');
    assert.deepEqual(reconciler.tracked(), []);
  });

  it('also gives up on an operation whose status() keeps failing, reporting the last error', async () => {
    const refused = new ValidationError('Unexpected K2 resource', [{ path: 'data.type', message: 'x' }]);
    const provider = scriptedProvider({ gone: [refused] });
    const { settings, advance } = options({ provider, router: recordingRouter(), giveUpAfterMs: 2_000 });
    const reconciler = createK2Reconciler(settings);
    reconciler.track(pendingOperation('gone'));
    advance(1_000);
    assert.equal((await reconciler.reconcile())[0]?.outcome, 'failed');
    advance(1_000);
    const [result] = await reconciler.reconcile();
    assert.equal(result?.outcome, 'abandoned');
    assert.equal(result?.outcome === 'abandoned' ? result.error : undefined, refused);
    assert.deepEqual(reconciler.tracked(), []);
  });

  it('ignores final operations, forgets on request, and refuses operations of other providers', async () => {
    const provider = scriptedProvider({});
    const { settings, advance } = options({ provider, router: recordingRouter() });
    const reconciler = createK2Reconciler(settings);
    reconciler.track({ ...pendingOperation('done'), status: 'succeeded' });
    reconciler.track(pendingOperation('gone'));
    assert.deepEqual(
      reconciler.tracked().map((operation) => operation.id),
      ['gone'],
    );
    assert.equal(reconciler.forget('gone'), true);
    assert.equal(reconciler.forget(pendingOperation('gone')), false);
    advance(10_000);
    assert.deepEqual(await reconciler.reconcile(), []);
    assert.deepEqual(provider.asked, []);
    assert.throws(
      () => reconciler.track({ ...pendingOperation('x'), provider: 'paykassma' }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'provider',
    );
  });

  it('runs one pass at a time: a call during a pass gets that pass', async () => {
    const provider = scriptedProvider({ a1: ['succeeded'] });
    const router = recordingRouter();
    const { settings, advance } = options({ provider, router });
    const reconciler = createK2Reconciler(settings);
    reconciler.track(pendingOperation('a1'));
    advance(1_000);
    const [one, two] = [reconciler.reconcile(), reconciler.reconcile()];
    assert.equal(one, two);
    await one;
    assert.equal(router.requests.length, 1);
  });

  it('start() runs passes on an interval until stop()', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const provider = scriptedProvider({ a1: ['pending'] });
    const { settings } = options({ provider, router: recordingRouter(), delayMs: 0, recheckMs: 0 });
    const reconciler = createK2Reconciler(settings);
    reconciler.track(pendingOperation('a1'));
    reconciler.start({ intervalMs: 1_000 });
    mock.timers.tick(999);
    await reconciler.stop();
    assert.equal(provider.asked.length, 0);
    reconciler.start({ intervalMs: 1_000 });
    mock.timers.tick(1_000);
    mock.timers.tick(1_000);
    await reconciler.stop();
    assert.ok(provider.asked.length >= 1);
    const asked = provider.asked.length;
    mock.timers.tick(5_000);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(provider.asked.length, asked, 'no pass after stop()');
    assert.throws(() => reconciler.start({ intervalMs: 0 }), ValidationError);
  });

  it('lists every bad option at once and never echoes the API key', () => {
    assert.throws(
      () =>
        createK2Reconciler({
          provider: {} as K2ReconcilerOptions['provider'],
          router: recordingRouter(),
          path: 'webhooks/k2',
          apiKey: ' ',
          delayMs: -1,
          maxPerPass: 0,
          callbackURL: API_KEY,
        } as K2ReconcilerOptions),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.issues.map((issue) => issue.path).sort(), [
          'apiKey',
          'callbackURL',
          'delayMs',
          'maxPerPass',
          'path',
          'provider',
        ]);
        assert.equal(JSON.stringify(error).includes(API_KEY), false);
        return true;
      },
    );
  });
});
