/**
 * The HTTP client's `text` body (added for KTPay, whose create call takes a bare base64 body): sent as it
 * is with `Content-Type: text/plain`, a call's own content type still wins, and it goes alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpClient, ValidationError } from '@tender/core';
import { type Receiver, startReceiver } from '../sandbox/support/receiver.ts';

let receiver: Receiver;
before(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: '{"ok":true}' }));
});
after(() => receiver.close());

describe('HTTP client text body', () => {
  it('sends the text byte for byte as text/plain', async () => {
    const http = createHttpClient({ provider: 'test', baseUrl: receiver.url });
    const text = 'h09acJ8QSLPw40XZ+dNfLbq4/XzWInC5zXL319RdXUI=';
    const answer = await http.request({
      method: 'POST',
      path: '/p',
      text,
      operation: 'create',
      movesMoney: true,
    });
    assert.deepEqual(answer.body, { ok: true });
    const [sent] = receiver.received.slice(-1);
    assert.equal(sent?.body, text);
    assert.equal(sent?.headers['content-type'], 'text/plain');
    assert.equal(sent?.headers['content-length'], String(text.length));
  });

  it("lets the call's own Content-Type win", async () => {
    const http = createHttpClient({ provider: 'test', baseUrl: receiver.url });
    await http.request({
      method: 'POST',
      path: '/p',
      text: 'x',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      operation: 'create',
      movesMoney: false,
    });
    assert.equal(receiver.received.at(-1)?.headers['content-type'], 'text/plain; charset=utf-8');
  });

  it('refuses text together with json or form, sending nothing', async () => {
    const http = createHttpClient({ provider: 'test', baseUrl: receiver.url });
    const count = receiver.received.length;
    for (const extra of [{ json: {} }, { form: { a: 'b' } }]) {
      await assert.rejects(
        http.request({
          method: 'POST',
          path: '/p',
          text: 'x',
          ...extra,
          operation: 'create',
          movesMoney: true,
        }),
        (error: unknown) => error instanceof ValidationError && /give text alone/.test(error.message),
      );
    }
    assert.equal(receiver.received.length, count);
  });
});
