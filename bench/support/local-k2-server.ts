/**
 * The smallest K2 stand-in the client-call bench needs, run in its own process so its work lands on the
 * other core and its garbage never pauses the client being measured. It answers:
 * - `POST /oauth/token`: a one-hour bearer token (reference §2.1);
 * - `POST /api/v1/incoming_payments` and `POST /api/v2/incoming_payments`: `201` with a `Location` header and
 *   an empty body, as K2 answers an STK push (reference §3.2). k2-connect-node 1.3.0 posts to v1, tender to v2.
 * - `POST /api/v1/merchant-widget/payment`: KTPay's `200` with a transaction hash (reference §5), for the
 *   KTWidget creation calls (the sealed body is not opened).
 * Anything else is a `404`. It prints `listening <port>` once ready and exits when its standard input closes.
 *
 * @example
 * ```sh
 * node bench/support/local-k2-server.ts   # prints "listening 40123"
 * ```
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TOKEN_BODY = JSON.stringify({
  access_token: 'bench_token_4b1f0e3a9c7d',
  token_type: 'Bearer',
  expires_in: 3600,
  created_at: 1767225600,
});

/** KTPay's answer to a created widget transaction (reference §5). */
const KTWIDGET_CREATED_BODY = JSON.stringify({
  response: {
    success: true,
    data: { transaction_hash: 'af7ed500c3b94e1d8a2f6b0e4c7d9a13', show_close_button: true },
  },
});

function answerJson(response: ServerResponse, body: string): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function answer(request: IncomingMessage, response: ServerResponse, origin: string): void {
  const path = request.url ?? '';
  if (request.method === 'POST' && path === '/oauth/token') {
    answerJson(response, TOKEN_BODY);
    return;
  }
  if (request.method === 'POST' && /^\/api\/v[12]\/incoming_payments$/.test(path)) {
    response.writeHead(201, {
      location: `${origin}${path}/247b1bd8-f5a0-4b71-a898-f62f67b8ae1c`,
      'content-length': '0',
    });
    response.end();
    return;
  }
  if (request.method === 'POST' && path === '/api/v1/merchant-widget/payment') {
    answerJson(response, KTWIDGET_CREATED_BODY);
    return;
  }
  response.writeHead(404, { 'content-length': '0' });
  response.end();
}

const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  request.on('end', () => answer(request, response, origin));
});
let origin = '';
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  process.stdout.write(`listening ${port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
