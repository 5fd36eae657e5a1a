/**
 * A small HTTP load balancer in its own process (started by bench/endpoint/server-process.ts): each request
 * goes to the next of the upstream origins in turn, over kept-alive connections. It listens on 127.0.0.1 on a
 * free port, tells its parent the port over IPC like a server child, and closes on `stop`.
 *
 * @example
 * ```sh
 * node --import tsx bench/endpoint/round-robin-proxy.ts '["http://127.0.0.1:41001","http://127.0.0.1:41002"]'
 * ```
 * @module
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstreams = (JSON.parse(process.argv[2] ?? '[]') as string[]).map((origin) => new URL(origin));
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let next = 0;
const server = createServer({ keepAliveTimeout: 60_000 }, (incoming, outgoing) => {
  const upstream = upstreams[next % upstreams.length]!;
  next += 1;
  const forwarded = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers,
      agent,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forwarded.on('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });
  incoming.pipe(forwarded);
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'stop') {
    server.closeAllConnections();
    server.close();
    agent.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
