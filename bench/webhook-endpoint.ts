/**
 * The webhook endpoint over HTTP, what users run: for every provider, tender (`toNodeHandler` on
 * `node:http`, one no-op handler, the memory store) against that provider's floor and its rivals; and
 * tender's K2 endpoint with every de-duplication store. Each server runs in its own process, the load
 * generator (autocannon) in another, and every request carries a new signed event. See bench/README.md.
 *
 * @example
 * ```ts
 * const load = await startLoadGenerator();
 * const providers = await measureProviderEndpoints(load, plan);
 * providers.k2.ratios.floor.deliveriesPerSecond; // tender / floor
 * ```
 * @module
 */
import type { JsonValue, PreparedStore, StoreContender, WebhookProviderBench } from './endpoint/contract.ts';
import type { LoadGenerator } from './endpoint/load-process.ts';
import {
  type EndpointContender,
  type EndpointFigures,
  type EndpointPlan,
  measureEndpoint,
} from './endpoint/measure-endpoint.ts';
import { WEBHOOK_PROVIDERS } from './endpoint/providers/index.ts';
import { k2Provider } from './endpoint/providers/k2.ts';
import type { ServerSpec } from './endpoint/server-process.ts';
import { DEDUP_STORES } from './endpoint/stores/index.ts';
import { ratio } from './support/statistics.ts';

/**
 * tender's medians over another contender's: deliveries per second (higher is better for tender),
 * 99th-percentile answer time and server CPU time per delivery (lower is better for tender).
 *
 * @example
 * ```ts
 * const versusFloor: EndpointRatio = { deliveriesPerSecond: 1.02, p99Ms: 0.97, serverCpuMicrosPerDelivery: 1.1 };
 * ```
 */
export interface EndpointRatio {
  readonly deliveriesPerSecond: number;
  readonly p99Ms: number;
  /** Server CPU time per delivery (lower is better for tender). */
  readonly serverCpuMicrosPerDelivery: number;
}

/**
 * One provider's endpoint measurement.
 *
 * @example
 * ```ts
 * result.contenders.tender.deliveriesPerSecond.median;
 * result.ratios.k2ConnectNode.deliveriesPerSecond; // tender / k2-connect-node
 * ```
 */
export interface ProviderEndpointResult extends EndpointPlan {
  readonly label: string;
  /** Size of one delivery's body in bytes (the first one built). */
  readonly bodyBytes: number;
  /** `tender`, `floor` and each rival by name. */
  readonly contenders: Readonly<Record<string, EndpointFigures>>;
  /** tender over each other contender, by its name. */
  readonly ratios: Readonly<Record<string, EndpointRatio>>;
}

/**
 * tender's K2 endpoint with each de-duplication store.
 *
 * @example
 * ```ts
 * result.ratios.sqlite.deliveriesPerSecond; // SQLite / memory
 * ```
 */
export interface StoreEndpointResult extends EndpointPlan {
  /** The provider whose deliveries are sent. */
  readonly provider: string;
  /** The store the others are compared with. */
  readonly reference: string;
  readonly contenders: Readonly<Record<string, EndpointFigures>>;
  /** Each store's medians over the reference store's, by store name. */
  readonly ratios: Readonly<Record<string, EndpointRatio>>;
}

function ratioOf(figures: EndpointFigures, reference: EndpointFigures): EndpointRatio {
  return {
    deliveriesPerSecond: ratio(figures.deliveriesPerSecond.median, reference.deliveriesPerSecond.median),
    p99Ms: ratio(figures.p99Ms.median, reference.p99Ms.median),
    serverCpuMicrosPerDelivery: ratio(
      figures.serverCpuMicrosPerDelivery.median,
      reference.serverCpuMicrosPerDelivery.median,
    ),
  };
}

function tenderWith(provider: WebhookProviderBench, store: StoreContender, config: JsonValue): ServerSpec {
  return { provider: provider.name, contender: 'tender', store: { name: store.name, config } };
}

/**
 * Measures one provider's endpoint: tender with the memory store, the provider's floor and its rivals.
 *
 * @example
 * ```ts
 * const k2 = await measureProviderEndpoint(load, k2Provider, plan);
 * ```
 */
export async function measureProviderEndpoint(
  load: LoadGenerator,
  provider: WebhookProviderBench,
  plan: EndpointPlan,
): Promise<ProviderEndpointResult> {
  const memory = DEDUP_STORES[0]!;
  const prepared = await memory.prepare();
  try {
    const contenders: EndpointContender[] = [
      { name: 'tender', label: 'tender', spec: tenderWith(provider, memory, prepared.config) },
      { name: 'floor', label: 'floor', spec: { provider: provider.name, contender: 'floor' } },
      ...provider.rivals.map((rival) => ({
        name: rival.name,
        label: rival.label,
        spec: { provider: provider.name, contender: rival.name },
      })),
    ];
    const figures = await measureEndpoint(load, provider.name, contenders, plan);
    const tender = figures.tender!;
    const ratios: Record<string, EndpointRatio> = {};
    for (const contender of contenders.slice(1)) {
      ratios[contender.name] = ratioOf(tender, figures[contender.name]!);
    }
    return {
      ...plan,
      label: provider.label,
      bodyBytes: provider.deliveries(1)[0]!.rawBody.length,
      contenders: figures,
      ratios,
    };
  } finally {
    await prepared.cleanUp();
  }
}

/**
 * Measures every provider in bench/endpoint/providers, one after another.
 *
 * @example
 * ```ts
 * const results = await measureProviderEndpoints(load, plan);
 * results.k2Legacy.ratios.floor;
 * ```
 */
export async function measureProviderEndpoints(
  load: LoadGenerator,
  plan: EndpointPlan,
  providers: readonly WebhookProviderBench[] = WEBHOOK_PROVIDERS,
): Promise<Record<string, ProviderEndpointResult>> {
  const results: Record<string, ProviderEndpointResult> = {};
  for (const provider of providers)
    results[provider.name] = await measureProviderEndpoint(load, provider, plan);
  return results;
}

/**
 * Measures tender's K2 endpoint with every store in bench/endpoint/stores, alternating between them; each
 * store is prepared (files, servers) before and cleaned up after.
 *
 * @example
 * ```ts
 * const stores = await measureStoreEndpoints(load, plan);
 * stores.ratios.sqlite.p99Ms; // SQLite's p99 over memory's
 * ```
 */
export async function measureStoreEndpoints(
  load: LoadGenerator,
  plan: EndpointPlan,
  stores: readonly StoreContender[] = DEDUP_STORES,
): Promise<StoreEndpointResult> {
  const provider = k2Provider;
  const prepared: PreparedStore[] = [];
  try {
    for (const store of stores) prepared.push(await store.prepare());
    const contenders = stores.map((store, index) => ({
      name: store.name,
      label: store.label,
      spec: tenderWith(provider, store, prepared[index]!.config),
      instances: store.instances ?? 1,
    }));
    const figures = await measureEndpoint(load, provider.name, contenders, plan);
    const reference = stores[0]!.name;
    const ratios: Record<string, EndpointRatio> = {};
    for (const store of stores.slice(1)) {
      ratios[store.name] = ratioOf(figures[store.name]!, figures[reference]!);
    }
    return { ...plan, provider: provider.name, reference, contenders: figures, ratios };
  } finally {
    await Promise.all(prepared.map((store) => store.cleanUp()));
  }
}
