import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A node:http server that turns each request into a Fetch `Request` (streaming its body) and writes the
 * `Response` back: what Hono's Node server, Next.js and other Fetch runtimes do.
 */
export function fetchServer(
  handle: (request: Request) => Promise<Response>,
  prepare?: (request: Request) => Promise<void>,
): Server {
  return createServer(async (req, res) => {
    const request = toRequest(req);
    await prepare?.(request);
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}
