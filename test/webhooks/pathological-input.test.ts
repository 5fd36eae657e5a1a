/**
 * No request can stall the server: each pathological input below is answered, and a genuine delivery sent
 * at the same time is not held up. "Held up" is measured as the event loop's delay (how late its timers
 * fire, `monitorEventLoopDelay`), not by wall-clock timing of the machine. With the quadratic
 * `path.replace(/\/+$/, '')` that `normalizePath` used, the first input blocked the loop for about 2 s.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';
import { createFakeSource, fakeBody, sign } from './support/fake-source.ts';
import { close, listen, send } from './support/http.ts';

/** How long the event loop may be late while both requests are served: far below a quadratic input's cost. */
const BOUND_MS = 150;
/** Node refuses longer request heads by default (16 KiB); the server takes more, so inputs can be larger. */
const MAX_HEADER_BYTES = 256 * 1024;

let router: WebhookRouter;
let server: Server;
let base = '';
let handled = 0;

before(async () => {
  router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
  }).on('payment.succeeded', () => {
    handled += 1;
  });
  server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, toNodeHandler(router));
  base = await listen(server);
  // Warm up, so that the first measurement does not include compiling the code a delivery runs.
  assert.equal((await genuineDelivery()).status, 200);
});
after(async () => {
  await close(server);
  await router.close();
});

/** The longest the event loop was late, in milliseconds, while `work` ran. */
async function loopDelayDuring<T>(work: () => Promise<T>): Promise<{ result: T; maxDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    const result = await work();
    return { result, maxDelayMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}

let deliveries = 0;
function genuineDelivery() {
  deliveries += 1;
  const body = fakeBody([{ id: `normal-${deliveries}`, type: 'payment' }]);
  return send(`${base}/webhooks/fake`, {
    headers: { 'content-type': 'application/json', 'x-fake-signature': sign(body) },
    chunks: [body],
  });
}

const slashes = '/'.repeat(40_000);
const INPUTS: {
  name: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  status: number;
}[] = [
  {
    name: 'a path of 40,000 slashes then "x/"',
    path: `/a${slashes}x/`,
    method: 'GET',
    headers: {},
    status: 404,
  },
  {
    name: 'a registered path followed by 40,000 slashes',
    path: `/webhooks/fake${slashes}`,
    method: 'GET',
    headers: {},
    status: 405,
  },
  {
    name: 'a path of 40,000 encoded slashes then "x%2F"',
    path: `/a${'%2F'.repeat(40_000)}x%2F`,
    method: 'GET',
    headers: {},
    status: 404,
  },
  {
    name: 'a Content-Type of 40,000 characters',
    path: '/webhooks/fake',
    method: 'POST',
    headers: { 'content-type': `application/${'j'.repeat(40_000)}; ${';'.repeat(20_000)}` },
    status: 415,
  },
];

describe('pathological requests', () => {
  for (const input of INPUTS) {
    it(`${input.name} is answered ${input.status}, and a delivery meanwhile is not held up`, async () => {
      const before = handled;
      const { result, maxDelayMs } = await loopDelayDuring(() =>
        Promise.all([
          send(`${base}${input.path}`, {
            method: input.method,
            headers: { ...input.headers, 'content-length': 0 },
          }),
          genuineDelivery(),
        ]),
      );
      const [pathological, genuine] = result;
      assert.equal(pathological.status, input.status);
      assert.ok(pathological.body.length < 200, 'the answer does not echo the input');
      assert.equal(genuine.status, 200);
      assert.equal(handled, before + 1);
      assert.ok(maxDelayMs < BOUND_MS, `the event loop was ${maxDelayMs.toFixed(0)} ms late`);
    });
  }

  it('receive(), screen() and handles() take the same path without a server in between', async () => {
    const path = `/a${slashes}x/`;
    const head = { method: 'POST', path, query: new URLSearchParams(), headers: {} };
    const { result, maxDelayMs } = await loopDelayDuring(async () => ({
      handles: router.handles(path),
      screened: router.screen(head)?.status,
      received: (await router.receive({ ...head, rawBody: new Uint8Array(0) })).status,
    }));
    assert.deepEqual(result, { handles: false, screened: 404, received: 404 });
    assert.ok(maxDelayMs < BOUND_MS, `the event loop was ${maxDelayMs.toFixed(0)} ms late`);
  });
});
