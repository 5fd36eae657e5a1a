import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createRouter, toFetchHandler, type WebhookError, type WebhookRouter } from '@tender/webhooks';
import { createFakeSource, fakeBody, sign } from './support/fake-source.ts';
import { fetchServer } from './support/fetch-bridge.ts';
import { close, listen, send } from './support/http.ts';

const LIMIT = 1_024;
let router: WebhookRouter;
let server: Server;
let base = '';
const handled: string[] = [];
const errors: WebhookError[] = [];

before(async () => {
  router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    maxBodyBytes: LIMIT,
  })
    .onAny((event) => {
      handled.push(event.id);
    })
    .onError((error) => {
      errors.push(error);
    });
  server = fetchServer(toFetchHandler(router), async (request) => {
    // A framework that read the body before handing the Request over.
    if (request.headers.get('x-test-read-first') === 'yes') await request.text();
  });
  base = await listen(server);
});
after(async () => {
  await close(server);
  await router.close();
});

function signed(id: string) {
  const body = fakeBody([{ id, type: 'payment' }]);
  return { body, headers: { 'content-type': 'application/json', 'x-fake-signature': sign(body) } };
}

describe('toFetchHandler through a node:http server that converts to Request', () => {
  it('answers a signed delivery and runs the handlers', async () => {
    const { body, headers } = signed('f1');
    const reply = await send(`${base}/webhooks/fake`, { headers, chunks: [body] });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(reply.body), { received: true, duplicate: false });
    assert.ok(handled.includes('fake:f1'));
  });

  it('answers 404, 405 with Allow, 415 and 401', async () => {
    const { body, headers } = signed('f2');
    assert.equal((await send(`${base}/nope`, { headers, chunks: [body] })).status, 404);
    const get = await send(`${base}/webhooks/fake`, { method: 'GET' });
    assert.deepEqual([get.status, get.headers.allow], [405, 'POST']);
    const xml = await send(`${base}/webhooks/fake`, {
      headers: { ...headers, 'content-type': 'text/xml' },
      chunks: [body],
    });
    assert.equal(xml.status, 415);
    const unsigned = await send(`${base}/webhooks/fake`, {
      headers: { 'content-type': 'application/json' },
      chunks: [body],
    });
    assert.equal(unsigned.status, 401);
  });

  it('answers 413 from Content-Length, and stops reading a streamed body past the limit', async () => {
    const { headers } = signed('f3');
    const declared = await send(`${base}/webhooks/fake`, {
      headers: { ...headers, 'content-length': 5 * LIMIT },
      chunks: ['{'],
      end: false,
    });
    assert.equal(declared.status, 413);
    const streamed = await send(`${base}/webhooks/fake`, {
      headers,
      chunks: ['x'.repeat(700), 'x'.repeat(700)],
      end: false,
    });
    assert.equal(streamed.status, 413);
    assert.deepEqual(JSON.parse(streamed.body), { error: `body is larger than ${LIMIT} bytes` });
  });

  it('refuses a Request whose body was already read, saying how to pass it', async () => {
    const { body, headers } = signed('f4');
    const reply = await send(`${base}/webhooks/fake`, {
      headers: { ...headers, 'x-test-read-first': 'yes' },
      chunks: [body],
    });
    assert.equal(reply.status, 500);
    assert.match(reply.body, /request\.bodyUsed is true/);
    assert.match(reply.body, /before reading it/);
    assert.equal(errors.at(-1)?.stage, 'adapter');
    assert.ok(!handled.includes('fake:f4'));
  });

  it('can be called directly with a Request, as Workers, Deno and Bun do', async () => {
    const { body, headers } = signed('f5');
    const response = await toFetchHandler(router)(
      new Request('https://shop.example/webhooks/fake', { method: 'POST', headers, body }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { received: true, duplicate: false });
    const empty = await toFetchHandler(router)(
      new Request('https://shop.example/webhooks/fake?id=f6&type=payment', {
        method: 'POST',
        headers: { 'x-fake-signature': sign('') },
      }),
    );
    assert.equal(empty.status, 200, 'no body and no content type: fields from the query');
  });
});
