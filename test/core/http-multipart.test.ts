/**
 * The core HTTP client sends a FormData body as multipart/form-data (file uploads such as Paykassma's
 * activation screenshot): fetch writes the boundary, the parts arrive intact, and a multipart body goes
 * alone.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createHttpClient, ValidationError } from '@tender/core';

describe('HTTP client: multipart bodies', () => {
  it('sends the parts, text and file, with a boundary in Content-Type', async () => {
    let contentType = '';
    let raw = Buffer.alloc(0);
    const server = createServer((request, response) => {
      contentType = request.headers['content-type'] ?? '';
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        raw = Buffer.concat(chunks);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const http = createHttpClient({
        provider: 'test',
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      });
      const form = new FormData();
      form.set('label', 'user-1');
      form.set('file', new Blob([new Uint8Array([0, 255, 10, 13])], { type: 'image/png' }), 'a.png');
      const answer = await http.request({
        method: 'POST',
        path: '/upload',
        multipart: form,
        operation: 'upload',
        movesMoney: true,
      });
      assert.deepEqual(answer.body, { ok: true });
      assert.match(contentType, /^multipart\/form-data; boundary=/);
      const parsed = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': contentType },
      }).formData();
      assert.equal(parsed.get('label'), 'user-1');
      const file = parsed.get('file') as File;
      assert.equal(file.name, 'a.png');
      assert.equal(file.type, 'image/png');
      assert.deepEqual(new Uint8Array(await file.arrayBuffer()), new Uint8Array([0, 255, 10, 13]));
    } finally {
      server.close();
    }
  });

  it('refuses multipart with json or form, and a multipart that is not FormData, before sending', async () => {
    const http = createHttpClient({
      provider: 'test',
      baseUrl: 'http://127.0.0.1:9',
      fetch: async () => assert.fail('sent'),
    });
    const base = { method: 'POST', path: '/x', operation: 'upload', movesMoney: false } as const;
    for (const extra of [{ json: {} }, { form: { a: 'b' } }]) {
      await assert.rejects(
        http.request({ ...base, multipart: new FormData(), ...extra }),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError);
          assert.match(error.message, /give multipart alone, without json or form/);
          return true;
        },
      );
    }
    await assert.rejects(
      http.request({ ...base, multipart: { a: 'b' } as unknown as FormData }),
      /multipart: must be a FormData/,
    );
  });
});
