import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';
import { createFakeSource, FAKE_SECRET, fakeBody, sign } from './support/fake-source.ts';
import { close, listen, send } from './support/http.ts';

const LIMIT = 1_024;
let server: Server;
let base = '';
let router: WebhookRouter;
const handled: string[] = [];

before(async () => {
  router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    maxBodyBytes: LIMIT,
  }).onAny((event) => {
    handled.push(event.id);
  });
  server = createServer(toNodeHandler(router));
  base = await listen(server);
});
after(async () => {
  await close(server);
  await router.close();
});

function signed(id: string, extra: Record<string, string> = {}) {
  const body = fakeBody([{ id, type: 'payment' }]);
  return { body, headers: { 'content-type': 'application/json', 'x-fake-signature': sign(body), ...extra } };
}

describe('toNodeHandler through a real node:http server', () => {
  it('answers a signed delivery with the source answer and runs the handlers', async () => {
    const { body, headers } = signed('n1');
    const reply = await send(`${base}/webhooks/fake`, { headers, chunks: [body] });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(reply.body), { received: true, duplicate: false });
    assert.ok(handled.includes('fake:n1'));
  });

  it('reads a body sent in many small chunks byte for byte', async () => {
    const { body, headers } = signed('n2');
    const chunks = body.match(/.{1,7}/g) ?? [];
    const reply = await send(`${base}/webhooks/fake?ignored=1`, { headers, chunks });
    assert.equal(reply.status, 200);
  });

  it('answers 404, 405 with Allow, 415 and 401 with short bodies and no secret', async () => {
    const { body, headers } = signed('n3');
    const notFound = await send(`${base}/nowhere`, { headers, chunks: [body] });
    assert.deepEqual([notFound.status, notFound.body], [404, 'no webhook source at this path']);
    const wrongMethod = await send(`${base}/webhooks/fake`, { method: 'PUT', headers, chunks: [body] });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'POST');
    const get = await send(`${base}/webhooks/fake`, { method: 'GET' });
    assert.deepEqual([get.status, get.headers.allow], [405, 'POST']);
    const wrongType = await send(`${base}/webhooks/fake`, {
      headers: { ...headers, 'content-type': 'application/xml' },
      chunks: [body],
    });
    assert.equal(wrongType.status, 415);
    const badSignature = await send(`${base}/webhooks/fake`, {
      headers: { ...headers, 'x-fake-signature': 'ab'.repeat(32) },
      chunks: [body],
    });
    assert.equal(badSignature.status, 401);
    for (const reply of [notFound, wrongMethod, wrongType, badSignature]) {
      assert.ok(reply.body.length < 200);
      assert.ok(!reply.body.includes(FAKE_SECRET));
    }
  });

  it('answers 413 from Content-Length alone, before the body is sent', async () => {
    const { headers } = signed('n4');
    const reply = await send(`${base}/webhooks/fake`, {
      headers: { ...headers, 'content-length': 10 * 1024 * 1024 },
      chunks: ['{"events":'],
      end: false,
    });
    assert.equal(reply.status, 413);
    assert.deepEqual(JSON.parse(reply.body), { error: `body is larger than ${LIMIT} bytes` });
    assert.equal(reply.headers.connection, 'close');
  });

  it('stops reading a chunked body as soon as it passes the limit, without waiting for its end', async () => {
    const { headers } = signed('n5');
    const reply = await send(`${base}/webhooks/fake`, {
      headers,
      chunks: ['x'.repeat(600), 'x'.repeat(600)],
      end: false,
    });
    assert.equal(reply.status, 413);
    assert.equal(reply.headers.connection, 'close');
  });

  it('accepts a body of exactly the limit', async () => {
    const padding = ' '.repeat(LIMIT - fakeBody([{ id: 'n6', type: 'payment' }]).length);
    const body = `${fakeBody([{ id: 'n6', type: 'payment' }])}${padding}`;
    assert.equal(Buffer.byteLength(body), LIMIT);
    const reply = await send(`${base}/webhooks/fake`, {
      headers: { 'content-type': 'application/json', 'x-fake-signature': sign(body) },
      chunks: [body],
    });
    assert.equal(reply.status, 200);
  });

  it('takes fields from the query string when there is no body and no content type', async () => {
    const reply = await send(`${base}/webhooks/fake?id=n7&type=payment`, {
      headers: { 'x-fake-signature': sign(''), 'content-length': 0 },
    });
    assert.equal(reply.status, 200);
    assert.ok(handled.includes('fake:n7'));
  });

  it('survives a client that disconnects mid-body, and keeps serving', async () => {
    const { headers } = signed('n8');
    const req = httpRequest(`${base}/webhooks/fake`, {
      method: 'POST',
      headers: { ...headers, 'content-length': 500 },
    });
    req.on('error', () => {});
    req.write('{"events":[');
    await new Promise((resolve) => req.once('socket', () => setImmediate(resolve)));
    req.destroy();
    const { body, headers: fresh } = signed('n9');
    const reply = await send(`${base}/webhooks/fake`, { headers: fresh, chunks: [body] });
    assert.equal(reply.status, 200);
    assert.ok(!handled.includes('fake:n8'));
  });

  it('passes other paths to next() when used as Connect-style middleware', async () => {
    const handler = toNodeHandler(router);
    const passed: string[] = [];
    const middleware = createServer((req, res) => {
      void handler(req, res, () => {
        passed.push(req.url ?? '');
        res.writeHead(418).end('next');
      });
    });
    const url = await listen(middleware);
    const other = await send(`${url}/health`, { method: 'GET' });
    assert.deepEqual([other.status, other.body, passed], [418, 'next', ['/health']]);
    const { body, headers } = signed('n10');
    assert.equal((await send(`${url}/webhooks/fake`, { headers, chunks: [body] })).status, 200);
    await close(middleware);
  });

  it('as middleware after a body reader, answers 500 with how to fix it instead of dropping the connection', async () => {
    const errors: string[] = [];
    router.onError((error) => {
      if (error.stage === 'adapter') errors.push(error.message);
    });
    const handler = toNodeHandler(router);
    const afterReader = createServer((req, res) => {
      req.resume();
      req.once('end', () => void handler(req, res, () => res.writeHead(418).end('next')));
    });
    const url = await listen(afterReader);
    try {
      const { body, headers } = signed('n12');
      const reply = await send(`${url}/webhooks/fake`, { headers, chunks: [body] });
      assert.equal(reply.status, 500);
      assert.match(reply.body, /already read by another middleware/);
      assert.equal(errors.length, 1);
      assert.ok(!handled.includes('fake:n12'));
    } finally {
      await close(afterReader);
    }
  });

  it('routes on the whole path when mounted below a prefix, as Connect strips it from url', async () => {
    const handler = toNodeHandler(router);
    // What Connect's app.use('/webhooks', handler) does: url loses the mount path, originalUrl keeps it.
    const mounted = createServer((req, res) => {
      const prefix = '/webhooks';
      if (!req.url?.startsWith(prefix)) return void res.writeHead(404).end();
      Object.assign(req, { originalUrl: req.url, url: req.url.slice(prefix.length) || '/' });
      void handler(req, res, () => res.writeHead(418).end('next'));
    });
    const url = await listen(mounted);
    try {
      const { body, headers } = signed('n11');
      const reply = await send(`${url}/webhooks/fake`, { headers, chunks: [body] });
      assert.equal(reply.status, 200);
      assert.ok(handled.includes('fake:n11'));
    } finally {
      await close(mounted);
    }
  });
});
