import { UnsupportedOperationError } from '../errors/index.ts';
import {
  CancelLinkRequestSchema,
  CollectRequestSchema,
  ConfirmRequestSchema,
  CreateLinkRequestSchema,
  NotifyRequestSchema,
  type Operation,
  PayoutRequestSchema,
  ReverseRequestSchema,
} from '../operations/index.ts';
import { parseOrThrow } from '../validation/parse.ts';
import type { Capability, CapabilityMethods, MethodsOf, RequestOf } from './capabilities.ts';
import { type WaitForFinalOptions, waitForFinalStatus } from './wait-for-final.ts';

/**
 * What every provider has, whatever it declares: a name, its capabilities and a status look-up.
 *
 * @example
 * ```ts
 * if (provider.supports('reverse')) console.log(`${provider.name} can reverse`);
 * ```
 */
export interface ProviderBase<TCapability extends Capability> {
  readonly name: string;
  readonly capabilities: readonly TCapability[];
  /** Whether the provider declared `capability`. */
  supports(capability: Capability): boolean;
  /** The current state of an operation this provider returned. */
  status(operation: Operation): Promise<Operation>;
  /**
   * Asks `status()` until the operation is final and resolves with it: exponential backoff with jitter,
   * at least the provider's `Retry-After` after a rate limit, `FinalStatusTimeoutError` after `timeoutMs`
   * (default 2 minutes), `signal.reason` when `signal` aborts. See {@link waitForFinalStatus}.
   *
   * @example
   * ```ts
   * const final = await k2.waitForFinal(await k2.collect(request), { timeoutMs: 90_000 });
   * final.status; // 'succeeded', 'failed', 'cancelled', ...
   * ```
   */
  waitForFinal(operation: Operation, options?: WaitForFinalOptions): Promise<Operation>;
}

/**
 * A payment provider behind the neutral API. Only the methods of the declared capabilities exist in the
 * type, so calling an undeclared one is a compile error; at run time it throws
 * {@link UnsupportedOperationError}.
 *
 * @example
 * ```ts
 * declare const widget: Provider<'collect' | 'notify'>;
 * await widget.collect(request);
 * // @ts-expect-error: KTWidget cannot reverse
 * await widget.reverse({ transactionReference: 'x' });
 * ```
 */
export type Provider<TCapability extends Capability = Capability> = ProviderBase<TCapability> &
  MethodsOf<TCapability>;

/**
 * What an adapter hands to {@link defineProvider}: the methods of exactly the capabilities it declares.
 *
 * @example
 * ```ts
 * const definition: ProviderDefinition<'collect'> = { name: 'demo', capabilities: ['collect'], collect, status };
 * ```
 */
export type ProviderDefinition<TCapability extends Capability> = {
  readonly name: string;
  readonly capabilities: readonly TCapability[];
  /** Reads the current state of an operation this provider returned. */
  status(operation: Operation): Promise<Operation>;
} & MethodsOf<TCapability>;

type Method = (request: unknown) => Promise<Operation>;

/** Each method, the capability it belongs to and the schema its request must satisfy. */
const METHODS = [
  { method: 'collect', capability: 'collect', schema: CollectRequestSchema },
  { method: 'confirm', capability: 'confirm', schema: ConfirmRequestSchema },
  { method: 'payout', capability: 'payout', schema: PayoutRequestSchema },
  { method: 'reverse', capability: 'reverse', schema: ReverseRequestSchema },
  { method: 'createLink', capability: 'link', schema: CreateLinkRequestSchema },
  { method: 'cancelLink', capability: 'link', schema: CancelLinkRequestSchema },
  { method: 'notify', capability: 'notify', schema: NotifyRequestSchema },
] as const satisfies readonly { method: string; capability: Capability; schema: unknown }[];

/**
 * Builds a {@link Provider} from an adapter's definition. Every request is checked against the core
 * schema before the adapter sees it (a {@link ValidationError} lists every bad field and nothing is sent),
 * and every undeclared method exists at run time only to throw {@link UnsupportedOperationError}, so
 * untyped callers get a clear error instead of `undefined is not a function`.
 *
 * @example
 * ```ts
 * const provider = defineProvider({
 *   name: 'k2',
 *   capabilities: ['collect'],
 *   collect: async (request) => client.stkPush(request),
 *   status: async (operation) => client.status(operation),
 * });
 * ```
 */
export function defineProvider<const TCapability extends Capability>(
  definition: ProviderDefinition<TCapability>,
): Provider<TCapability> {
  const declared = new Set<Capability>(definition.capabilities);
  const provider: Record<string, unknown> = {
    name: definition.name,
    capabilities: Object.freeze([...definition.capabilities]),
    supports: (capability: Capability) => declared.has(capability),
    status: (operation: Operation) => definition.status(operation),
    waitForFinal: (operation: Operation, options?: WaitForFinalOptions) =>
      waitForFinalStatus((current) => definition.status(current), operation, options),
  };
  const implementations = definition as unknown as Record<string, Method | undefined>;
  for (const { method, capability, schema } of METHODS) {
    const implementation = implementations[method];
    if (!declared.has(capability)) {
      provider[method] = async () => {
        throw new UnsupportedOperationError(definition.name, method, definition.capabilities);
      };
      continue;
    }
    if (typeof implementation !== 'function') {
      throw new TypeError(`${definition.name} declares ${capability} but does not implement ${method}()`);
    }
    provider[method] = async (request: unknown) =>
      implementation(
        parseOrThrow(schema, request, `Invalid ${method} request`, {
          provider: definition.name,
          operation: method,
        }),
      );
  }
  return Object.freeze(provider) as unknown as Provider<TCapability>;
}

/**
 * Runs one verb on any provider by name. The verb must be one the provider's type declares; at run time an
 * undeclared verb throws {@link UnsupportedOperationError}. For `link`, this creates a link.
 *
 * @example
 * ```ts
 * const operation = await perform(k2, 'payout', { amount, destination });
 * ```
 */
export async function perform<TCapability extends Capability, TKind extends TCapability>(
  provider: Provider<TCapability>,
  kind: TKind,
  request: RequestOf<TKind>,
): Promise<Operation> {
  if (!provider.supports(kind)) {
    throw new UnsupportedOperationError(provider.name, kind, provider.capabilities);
  }
  const method = kind === 'link' ? 'createLink' : kind;
  const methods = provider as unknown as Record<keyof CapabilityMethods | 'createLink', Method>;
  return methods[method as keyof typeof methods](request);
}
