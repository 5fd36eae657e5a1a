import type { RequestListener } from 'node:http';
import type { WebhookSource } from '@tender/core';
import type { DedupStore } from '@tender/webhooks';

/**
 * One webhook delivery as it leaves the provider: the exact body bytes and the headers sent with them
 * (lower-case names; no `content-length`, which the load generator writes itself).
 *
 * @example
 * ```ts
 * const delivery: BenchDelivery = { rawBody: Buffer.from(body), headers: { 'content-type': 'application/json' } };
 * ```
 */
export interface BenchDelivery {
  readonly rawBody: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** The query string (`?token=…`) when the provider puts something in the URL (KTWidget's callback token). */
  readonly query?: string;
}

/**
 * What a server contender gets from the server process: `accepted()` is called once for every delivery the
 * contender took as new and answered as received (tender's no-op handler, a rival's success callback, the
 * floor's check), so the bench can prove that no delivery was short-cut.
 *
 * @example
 * ```ts
 * const listener = await contender.listener({ accepted: () => { count += 1; } });
 * ```
 */
export interface ServerContext {
  accepted(): void;
}

/**
 * A server that answers one provider's webhooks, other than tender and the floor (which every provider
 * has): for K2, k2-connect-node behind Express. It runs in its own process, on `node:http`.
 *
 * @example
 * ```ts
 * const rival: RivalContender = { name: 'k2ConnectNode', label: 'k2-connect-node 1.3.0 + Express 5', listener: async (context) => app };
 * ```
 */
export interface RivalContender {
  /** Key in results.json. */
  readonly name: string;
  /** Column heading in the table. */
  readonly label: string;
  /** Builds the request listener in the server process (load heavy modules here, with `import()`). */
  listener(context: ServerContext): RequestListener | Promise<RequestListener>;
}

/**
 * The floor for one provider: the bare work any correct receiver must do. `accepts` checks the
 * authentication over the raw bytes in constant time and parses the body; the floor server answers
 * `answer` with 200 when it returns true, 401 otherwise.
 *
 * @example
 * ```ts
 * const floor: ProviderFloor = { accepts: (headers, rawBody) => checkHmac(headers, rawBody), answer: '{"status":"received"}' };
 * ```
 */
export interface ProviderFloor {
  /** `url` is the request target as received (path and query). */
  accepts(
    headers: Readonly<Record<string, string | string[] | undefined>>,
    rawBody: Buffer,
    url: string,
  ): boolean;
  /** The JSON body of the 200 answer, the same bytes tender answers with. */
  readonly answer: string;
}

/**
 * One provider's webhooks as the endpoint bench measures them. Everything here is called in a child
 * process (the load generator or a server), so a provider is found by its `name` in bench/endpoint/providers.
 *
 * @example
 * ```ts
 * export const k2Legacy: WebhookProviderBench = { name: 'k2Legacy', label: 'legacy K2', path: '/webhooks/k2-legacy', ... };
 * ```
 */
export interface WebhookProviderBench {
  /** Key in results.json and the name child processes look the provider up by. */
  readonly name: string;
  /** What one delivery is, for the table. */
  readonly label: string;
  /** The path tender's router serves this source at (the floor and rivals accept any path). */
  readonly path: string;
  /** `count` fresh deliveries, each a new event (load generator, untimed). */
  deliveries(count: number): BenchDelivery[];
  /** tender's webhook source for these deliveries (server process). */
  tenderSource(): WebhookSource | Promise<WebhookSource>;
  readonly floor: ProviderFloor;
  /** Other libraries serving the same webhooks; each is measured beside tender and the floor. */
  readonly rivals: readonly RivalContender[];
}

/**
 * JSON that crosses a process boundary (a store's prepared configuration).
 *
 * @example
 * ```ts
 * const config: JsonValue = { filename: '/tmp/bench/webhooks.sqlite' };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What a store needs from the bench process before any server starts (a temporary directory, a database
 * server), and how to take it down afterwards.
 *
 * @example
 * ```ts
 * const prepared: PreparedStore = { config: { filename }, cleanUp: async () => rmSync(directory, { recursive: true }) };
 * ```
 */
export interface PreparedStore {
  /** Handed to `create` in every server process that uses the store. */
  readonly config: JsonValue;
  cleanUp(): Promise<void>;
}

/**
 * A de-duplication store tender's endpoint can be measured with. `prepare` runs once in the bench process
 * per measurement; `create` runs in each tender server process.
 *
 * @example
 * ```ts
 * const memory: StoreContender = { name: 'memory', label: 'in memory', prepare: async () => ({ config: null, cleanUp: async () => {} }), create: () => createMemoryStore() };
 * ```
 */
export interface StoreContender {
  /** Key in results.json and the name server processes look the store up by. */
  readonly name: string;
  readonly label: string;
  /**
   * How many tender instances (server processes) share the store, behind a round-robin proxy when more than
   * one. @default 1
   */
  readonly instances?: number;
  prepare(): Promise<PreparedStore>;
  create(config: JsonValue): DedupStore | Promise<DedupStore>;
}
