import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, describe, it } from 'node:test';
import { createRouter, toExpressMiddleware, type WebhookError, type WebhookRouter } from '@tender/webhooks';
import express from 'express';
import { createFakeSource, fakeBody, sign } from './support/fake-source.ts';
import { close, listen, send } from './support/http.ts';

const servers: Server[] = [];
const routers: WebhookRouter[] = [];

after(async () => {
  for (const server of servers) await close(server);
  for (const router of routers) await router.close();
});

function setup() {
  const handled: string[] = [];
  const errors: WebhookError[] = [];
  const router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    maxBodyBytes: 1_024,
  })
    .onAny((event) => {
      handled.push(event.id);
    })
    .onError((error) => {
      errors.push(error);
    });
  routers.push(router);
  return { router, handled, errors };
}

async function serve(app: express.Express): Promise<string> {
  const server = createServer(app);
  servers.push(server);
  return listen(server);
}

function signed(id: string) {
  const body = fakeBody([{ id, type: 'payment' }]);
  return { body, headers: { 'content-type': 'application/json', 'x-fake-signature': sign(body) } };
}

describe('toExpressMiddleware through a real Express 5 app', () => {
  it('mounted before express.json(): serves webhooks raw and leaves every other route to the app', async () => {
    const { router, handled } = setup();
    const app = express();
    app.use(toExpressMiddleware(router));
    app.use(express.json());
    app.post('/api/orders', (req, res) => {
      res.json({ parsed: req.body });
    });
    const base = await serve(app);

    const { body, headers } = signed('e1');
    const reply = await send(`${base}/webhooks/fake`, { headers, chunks: [body] });
    assert.deepEqual([reply.status, JSON.parse(reply.body)], [200, { received: true, duplicate: false }]);
    assert.deepEqual(handled, ['fake:e1']);

    const api = await send(`${base}/api/orders`, {
      headers: { 'content-type': 'application/json' },
      chunks: ['{"sku":"A1"}'],
    });
    assert.deepEqual(JSON.parse(api.body), { parsed: { sku: 'A1' } });
  });

  it('mounted after express.json(): refuses with 500 and says exactly how to pass the raw body', async () => {
    const { router, handled, errors } = setup();
    const app = express();
    app.use(express.json());
    app.use(toExpressMiddleware(router));
    const base = await serve(app);
    const { body, headers } = signed('e2');
    const reply = await send(`${base}/webhooks/fake`, { headers, chunks: [body] });
    assert.equal(reply.status, 500);
    assert.match(reply.body, /already parsed by another middleware \(req\.body is an object\)/);
    assert.match(reply.body, /Mount the tender middleware before express\.json\(\)/);
    assert.match(reply.body, /express\.raw\(\{ type: '\*\/\*' \}\)/);
    assert.deepEqual(handled, []);
    assert.equal(errors[0]?.stage, 'adapter');
  });

  it('behind express.raw() on its path: uses the Buffer as the raw body', async () => {
    const { router, handled } = setup();
    const app = express();
    app.post('/webhooks/fake', express.raw({ type: '*/*' }), toExpressMiddleware(router));
    const base = await serve(app);
    const { body, headers } = signed('e3');
    const reply = await send(`${base}/webhooks/fake`, { headers, chunks: [body] });
    assert.equal(reply.status, 200);
    assert.deepEqual(handled, ['fake:e3']);
  });

  it('behind express.text(): uses the string, re-encoded as UTF-8', async () => {
    const { router, handled } = setup();
    const app = express();
    app.use('/webhooks', express.text({ type: '*/*' }));
    app.use(toExpressMiddleware(router));
    const base = await serve(app);
    const body = fakeBody([{ id: 'e4', type: 'payment', account: 'Wanjirū' }]);
    const reply = await send(`${base}/webhooks/fake`, {
      headers: { 'content-type': 'application/json', 'x-fake-signature': sign(body) },
      chunks: [body],
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(handled, ['fake:e4']);
  });

  it('mounted under a prefix: routes by the original URL', async () => {
    const { router, handled } = setup();
    const app = express();
    app.use('/webhooks', toExpressMiddleware(router));
    const base = await serve(app);
    const { body, headers } = signed('e5');
    assert.equal((await send(`${base}/webhooks/fake`, { headers, chunks: [body] })).status, 200);
    assert.deepEqual(handled, ['fake:e5']);
  });

  it('refuses a request whose stream another middleware already read', async () => {
    const { router, errors } = setup();
    const app = express();
    app.use((req, _res, next) => {
      req.on('data', () => {});
      req.on('end', () => next());
    });
    app.use(toExpressMiddleware(router));
    const base = await serve(app);
    const { body, headers } = signed('e6');
    const reply = await send(`${base}/webhooks/fake`, { headers, chunks: [body] });
    assert.equal(reply.status, 500);
    assert.match(reply.body, /request stream was already read by another middleware/);
    assert.equal(errors[0]?.stage, 'adapter');
    const empty = await send(`${base}/webhooks/fake?id=e6&type=payment`, {
      headers: { 'x-fake-signature': sign(''), 'content-length': 0 },
    });
    assert.equal(empty.status, 500, 'an ended empty stream is refused too, not waited on forever');
  });

  it('answers 405, 413 and 401 like the other adapters', async () => {
    const { router } = setup();
    const app = express();
    app.use(toExpressMiddleware(router));
    const base = await serve(app);
    const get = await send(`${base}/webhooks/fake`, { method: 'GET' });
    assert.deepEqual([get.status, get.headers.allow], [405, 'POST']);
    const { headers } = signed('e7');
    const big = await send(`${base}/webhooks/fake`, {
      headers,
      chunks: ['x'.repeat(800), 'x'.repeat(800)],
      end: false,
    });
    assert.equal(big.status, 413);
    const forged = await send(`${base}/webhooks/fake`, {
      headers: { ...headers, 'x-fake-signature': sign('something else') },
      chunks: [fakeBody([{ id: 'e7', type: 'payment' }])],
    });
    assert.equal(forged.status, 401);
  });
});
