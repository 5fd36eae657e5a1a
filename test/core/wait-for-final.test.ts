/**
 * waitForFinal: polls `status()` until a final status, backs off, honours Retry-After, gives up with a
 * typed timeout error, stops on abort. Time is mocked (node:test fake timers), so nothing here depends on
 * how fast the machine is: "not yet asked" and "asked" are checked after exact amounts of fake time.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import {
  defineProvider,
  FinalStatusTimeoutError,
  NetworkError,
  type Operation,
  type OperationStatus,
  ProviderError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  waitForFinalStatus,
} from '../../packages/core/src/index.ts';

const PENDING: Operation = {
  provider: 'demo',
  kind: 'collect',
  id: 'op-1',
  reference: 'ref:op-1',
  status: 'pending',
  raw: undefined,
};

/** A status function answering from a script: a status, or an error to throw. */
function scripted(steps: readonly (OperationStatus | Error)[]) {
  const calls: Operation[] = [];
  const status = async (operation: Operation): Promise<Operation> => {
    calls.push(operation);
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (step instanceof Error) throw step;
    return { ...operation, status: step ?? 'pending', providerStatus: `step ${calls.length}` };
  };
  return { status, calls };
}

/** Lets pending promise callbacks run (setImmediate is not mocked). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Advances fake time in `stepMs` slices until `promise` settles (at most `maxSteps` slices). */
async function settle<T>(promise: Promise<T>, stepMs = 100, maxSteps = 100_000): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let step = 0; !done && step < maxSteps; step += 1) {
    await flush();
    if (!done) mock.timers.tick(stepMs);
  }
  return promise;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

describe('waitForFinalStatus', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());

  it('polls until a final status and resolves with the operation status() returned', async () => {
    const { status, calls } = scripted(['pending', 'unknown', 'succeeded']);
    const final = await settle(waitForFinalStatus(status, PENDING));
    assert.equal(final.status, 'succeeded');
    assert.equal(final.providerStatus, 'step 3');
    assert.equal(final.id, 'op-1');
    assert.equal(calls.length, 3);
    // Each look passes on the operation as last read.
    assert.equal(calls[2]?.providerStatus, 'step 2');
  });

  it('returns an operation that is already final without asking', async () => {
    const { status, calls } = scripted(['pending']);
    const done = { ...PENDING, status: 'failed' as const };
    assert.equal(await waitForFinalStatus(status, done), done);
    assert.equal(calls.length, 0);
  });

  it('backs off exponentially: the pauses grow up to maxDelayMs, each within its jitter band', async () => {
    const { status, calls } = scripted(['pending', 'pending', 'pending', 'pending', 'succeeded']);
    const random = mock.method(Math, 'random', () => 0.999_999);
    const waiting = waitForFinalStatus(status, PENDING, { initialDelayMs: 1_000, maxDelayMs: 3_000 });
    await flush();
    assert.equal(calls.length, 1, 'the first look is immediate');
    // Pauses of about 1000, 2000, 3000 (capped), 3000 ms with the largest jitter.
    for (const [pause, expected] of [
      [1_000, 2],
      [2_000, 3],
      [3_000, 4],
      [3_000, 5],
    ] as const) {
      mock.timers.tick(pause - 1);
      await flush();
      assert.equal(calls.length, expected - 1, `not asked again before ${pause} ms`);
      mock.timers.tick(1);
      await flush();
      assert.equal(calls.length, expected, `asked again after ${pause} ms`);
    }
    assert.equal((await waiting).status, 'succeeded');
    random.mock.restore();
  });

  it('jitter: with the smallest random draw a pause is half the backoff', async () => {
    const { status, calls } = scripted(['pending', 'succeeded']);
    const random = mock.method(Math, 'random', () => 0);
    const waiting = waitForFinalStatus(status, PENDING, { initialDelayMs: 1_000 });
    await flush();
    mock.timers.tick(499);
    await flush();
    assert.equal(calls.length, 1);
    mock.timers.tick(1);
    await flush();
    assert.equal(calls.length, 2);
    assert.equal((await waiting).status, 'succeeded');
    random.mock.restore();
  });

  it("honours a RateLimitError's Retry-After even when it is longer than the backoff", async () => {
    const limited = new RateLimitError('slow down', { provider: 'demo', status: 429, retryAfterMs: 10_000 });
    const { status, calls } = scripted([limited, 'succeeded']);
    const waiting = waitForFinalStatus(status, PENDING, { initialDelayMs: 100, maxDelayMs: 200 });
    await flush();
    mock.timers.tick(9_999);
    await flush();
    assert.equal(calls.length, 1, 'not asked again before Retry-After');
    mock.timers.tick(1);
    await flush();
    assert.equal(calls.length, 2);
    assert.equal((await waiting).status, 'succeeded');
  });

  it('waits out retryable errors (network, 5xx) and throws any other error at once', async () => {
    const flaky = scripted([new NetworkError('connection refused', { provider: 'demo' }), 'succeeded']);
    assert.equal((await settle(waitForFinalStatus(flaky.status, PENDING))).status, 'succeeded');
    assert.equal(flaky.calls.length, 2);

    const refused = new ProviderError('not found', { provider: 'demo', status: 404, retryable: false });
    const broken = scripted([refused, 'succeeded']);
    assert.equal(await rejection(settle(waitForFinalStatus(broken.status, PENDING))), refused);
    assert.equal(broken.calls.length, 1);

    const bug = new TypeError('not a TenderError');
    assert.equal(await rejection(settle(waitForFinalStatus(scripted([bug]).status, PENDING))), bug);
  });

  it('throws FinalStatusTimeoutError with the last operation read when timeoutMs runs out', async () => {
    const { status, calls } = scripted(['pending']);
    const error = await rejection(settle(waitForFinalStatus(status, PENDING, { timeoutMs: 5_000 })));
    assert.ok(error instanceof FinalStatusTimeoutError);
    assert.ok(error instanceof TimeoutError, 'a kind of TimeoutError');
    assert.equal(error.code, 'timeout');
    assert.equal(error.provider, 'demo');
    assert.equal(error.operation, 'waitForFinal');
    assert.equal(error.lastKnown.status, 'pending');
    assert.equal(error.lastKnown.providerStatus, `step ${calls.length}`);
    assert.match(error.message, /^demo collect op-1 was not final after 5000 ms \(last status: pending\)$/);
    assert.ok(calls.length >= 3, 'it kept asking until the deadline');
    assert.equal(Date.now() >= 5_000, true, 'not before the deadline');
    assert.equal(JSON.stringify(error).includes('lastKnown'), false, 'raw payloads stay out of the JSON');
  });

  it('gives up at once when the Retry-After reaches past the deadline', async () => {
    const limited = new RateLimitError('slow down', { provider: 'demo', retryAfterMs: 60_000 });
    const { status, calls } = scripted([limited]);
    const error = await rejection(waitForFinalStatus(status, PENDING, { timeoutMs: 5_000 }));
    assert.ok(error instanceof FinalStatusTimeoutError);
    assert.equal(error.cause, limited);
    assert.equal(calls.length, 1);
    assert.equal(Date.now(), 0, 'no fake time passed');
  });

  it('rejects with the signal reason when aborted between looks, and clears its timer', async () => {
    const { status, calls } = scripted(['pending']);
    const controller = new AbortController();
    const waiting = waitForFinalStatus(status, PENDING, { signal: controller.signal });
    await flush();
    const reason = new Error('user left the page');
    controller.abort(reason);
    assert.equal(await rejection(waiting), reason);
    mock.timers.tick(1_000_000);
    await flush();
    assert.equal(calls.length, 1, 'no look after the abort');
  });

  it('rejects with the signal reason in the middle of a status request', async () => {
    const controller = new AbortController();
    const never = () => new Promise<Operation>(() => {});
    const waiting = waitForFinalStatus(never, PENDING, { signal: controller.signal });
    controller.abort();
    const error = await rejection(waiting);
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
  });

  it('rejects at once with an already aborted signal, without asking', async () => {
    const { status, calls } = scripted(['succeeded']);
    const error = await rejection(waitForFinalStatus(status, PENDING, { signal: AbortSignal.abort('stop') }));
    assert.equal(error, 'stop');
    assert.equal(calls.length, 0);
  });

  it('refuses options that are not whole milliseconds, naming the option', async () => {
    const { status } = scripted(['succeeded']);
    for (const [options, path] of [
      [{ timeoutMs: -1 }, 'timeoutMs'],
      [{ initialDelayMs: 1.5 }, 'initialDelayMs'],
      [{ maxDelayMs: Number.POSITIVE_INFINITY }, 'maxDelayMs'],
    ] as const) {
      const error = await rejection(waitForFinalStatus(status, PENDING, options));
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        [path],
      );
    }
  });

  it('is on every provider built with defineProvider, on top of its status()', async () => {
    const { status, calls } = scripted(['pending', 'cancelled']);
    const provider = defineProvider({
      name: 'demo',
      capabilities: ['collect'],
      collect: async () => PENDING,
      status,
    });
    const final = await settle(provider.waitForFinal(await provider.collect(COLLECT)));
    assert.equal(final.status, 'cancelled');
    assert.equal(calls.length, 2);
  });
});

const COLLECT = {
  amount: { currency: 'KES', minor: 25_000 },
  payer: { phone: '0711000111' },
} as const;
