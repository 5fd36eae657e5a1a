/**
 * The Fetch API handler (`Request` → `Response`), as Hono, Next.js route handlers, Bun, Deno and Workers
 * use it. Here Node serves it by turning each request into a `Request`. Run: pnpm example examples/webhooks-fetch.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { toFetchHandler } from '@tender/webhooks';
import { closeOnSignal, createExampleRouter } from './support/router.ts';

const router = createExampleRouter();
const handle = toFetchHandler(router);
const server = createServer(async (incoming, outgoing) => {
  const body = incoming.method === 'GET' || incoming.method === 'HEAD' ? null : Readable.toWeb(incoming);
  const request = new Request(`http://127.0.0.1${incoming.url ?? '/'}`, {
    method: incoming.method ?? 'GET',
    headers: incoming.headers as Record<string, string>,
    body: body as ReadableStream<Uint8Array> | null,
    duplex: 'half',
  } as RequestInit);
  const response = await handle(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/k2`);
});
closeOnSignal(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
});
