import { fileURLToPath } from 'node:url';
import type { JsonValue } from './contract.ts';
import { forkChild } from './ipc-child.ts';

/**
 * Which server to start: a provider's `tender`, `floor` or rival contender, and for tender the store.
 *
 * @example
 * ```ts
 * const spec: ServerSpec = { provider: 'k2', contender: 'tender', store: { name: 'memory', config: null } };
 * ```
 */
export interface ServerSpec {
  readonly provider: string;
  readonly contender: string;
  readonly store?: { readonly name: string; readonly config: JsonValue };
}

/**
 * A server process's counters since it started.
 *
 * @example
 * ```ts
 * const { accepted, cpuMicros } = await server.counters();
 * ```
 */
export interface ServerCounters {
  readonly accepted: number;
  readonly cpuMicros: number;
}

/**
 * A server contender running in its own process.
 *
 * @example
 * ```ts
 * const server = await startServer({ provider: 'k2', contender: 'floor' });
 * await server.counters(); // { accepted, cpuMicros }
 * await server.stop();
 * ```
 */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Deliveries accepted as new so far, and the CPU time (user + system, µs) the process used so far. */
  counters(): Promise<ServerCounters>;
  stop(): Promise<void>;
}

const SERVER_FILE = fileURLToPath(new URL('./server-child.ts', import.meta.url));

/**
 * Starts bench/endpoint/server-child.ts for `spec` and waits until it listens.
 *
 * @example
 * ```ts
 * const { origin } = await startServer({ provider: 'k2Legacy', contender: 'tender' });
 * ```
 */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const child = forkChild(SERVER_FILE, [JSON.stringify(spec)]);
  const { port } = await child.next('listening');
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    async counters() {
      const reply = await child.ask({ type: 'count' }, 'count');
      return { accepted: Number(reply.accepted), cpuMicros: Number(reply.cpuMicros) };
    },
    stop: () => child.stop(),
  };
}

const PROXY_FILE = fileURLToPath(new URL('./round-robin-proxy.ts', import.meta.url));

/**
 * `instances` servers for `spec`, each in its own process, behind a round-robin proxy in another when more
 * than one: the origin is the proxy's, and the counters are the servers' summed (the proxy's CPU time is
 * not counted; it stands for a load balancer outside the endpoint).
 *
 * @example
 * ```ts
 * const endpoint = await startEndpoint({ provider: 'k2', contender: 'tender', store }, 3);
 * ```
 */
export async function startEndpoint(spec: ServerSpec, instances = 1): Promise<RunningServer> {
  if (instances === 1) return startServer(spec);
  const servers: RunningServer[] = [];
  try {
    for (let index = 0; index < instances; index += 1) servers.push(await startServer(spec));
    const proxy = forkChild(PROXY_FILE, [JSON.stringify(servers.map((server) => server.origin))]);
    const { port } = await proxy.next('listening');
    return {
      origin: `http://127.0.0.1:${String(port)}`,
      async counters() {
        const all = await Promise.all(servers.map((server) => server.counters()));
        return {
          accepted: all.reduce((sum, counters) => sum + counters.accepted, 0),
          cpuMicros: all.reduce((sum, counters) => sum + counters.cpuMicros, 0),
        };
      },
      async stop() {
        await proxy.stop();
        await Promise.all(servers.map((server) => server.stop()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}
