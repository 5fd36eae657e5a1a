/**
 * A local node:http receiver for the sandbox's deliveries: records every request with its exact body and
 * answers with a configurable status and body.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivered {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  readonly body?: string;
}

export interface Receiver {
  readonly url: string;
  readonly received: Delivered[];
  close(): Promise<void>;
}

/** Starts a receiver; `answer` sees each request and its 1-based number (default: 200 `{}`). */
export async function startReceiver(
  answer: (delivered: Delivered, count: number) => Answer = () => ({ status: 200, body: '{}' }),
): Promise<Receiver> {
  const received: Delivered[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivered = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(delivered);
      const { status, body = '' } = answer(delivered, received.length);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The K2 signature computed independently in the test: HMAC-SHA256 hex of the raw body. */
export function expectedSignature(apiKey: string, body: string): string {
  return createHmac('sha256', apiKey).update(body, 'utf8').digest('hex');
}
