// A small HTTP load balancer for the stores bench, in its own process: each request goes to the next of
// the upstream ports in turn, over kept-alive connections. argv[2] is JSON { port, upstreams }.
import { Agent, createServer, request } from 'node:http';

const { port, upstreams } = JSON.parse(process.argv[2] ?? '{}') as { port: number; upstreams: number[] };
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let next = 0;
const server = createServer((incoming, outgoing) => {
  const upstream = upstreams[next % upstreams.length];
  next += 1;
  const forwarded = request(
    {
      host: '127.0.0.1',
      port: upstream,
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
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  agent.destroy();
  process.exit(0);
});
