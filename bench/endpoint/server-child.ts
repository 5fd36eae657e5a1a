/**
 * One server contender in its own process (started by bench/endpoint/server-process.ts): tender, the floor
 * or a rival for one provider, on `node:http` at 127.0.0.1 on a free port. It tells its parent the port over
 * IPC, answers `count` messages with how many deliveries it accepted so far and the CPU time it used
 * (user + system, µs), and closes (router, store,
 * server) on `stop`.
 *
 * @example
 * ```sh
 * node --import tsx bench/endpoint/server-child.ts '{"provider":"k2","contender":"tender","store":{"name":"memory","config":null}}'
 * ```
 * @module
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, toNodeHandler } from '@tender/webhooks';
import type { ServerContext } from './contract.ts';
import { floorListener } from './floor-listener.ts';
import { providerNamed } from './providers/index.ts';
import type { ServerSpec } from './server-process.ts';
import { storeNamed } from './stores/index.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as ServerSpec;
const provider = providerNamed(spec.provider);
let accepted = 0;
const context: ServerContext = {
  accepted() {
    accepted += 1;
  },
};
let close: () => Promise<void> = async () => undefined;

async function tenderListener(): Promise<RequestListener> {
  const store =
    spec.store === undefined ? undefined : await storeNamed(spec.store.name).create(spec.store.config);
  const router = createRouter({
    sources: [{ name: provider.name, path: provider.path, source: await provider.tenderSource() }],
    ...(store === undefined ? {} : { store }),
  });
  // One no-op handler, as the issue asks; it also proves that every delivery ran the handlers.
  router.onAny(() => {
    context.accepted();
  });
  close = () => router.close({ timeoutMs: 5_000 });
  return toNodeHandler(router);
}

async function listenerFor(): Promise<RequestListener> {
  if (spec.contender === 'tender') return tenderListener();
  if (spec.contender === 'floor') return floorListener(provider.floor, context);
  const rival = provider.rivals.find((candidate) => candidate.name === spec.contender);
  if (rival === undefined) throw new Error(`provider ${provider.name} has no contender "${spec.contender}"`);
  return rival.listener(context);
}

const server = createServer({ keepAliveTimeout: 60_000 }, await listenerFor());
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'count') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'count', accepted, cpuMicros: user + system });
  }
  if (message.type === 'stop') {
    server.closeAllConnections();
    server.close();
    void close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
