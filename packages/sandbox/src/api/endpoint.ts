/**
 * The contract every simulated `/api/v2/<collection>` endpoint fulfils: check the body, then open a
 * resource that a `GET` on its Location shows, that settles once the delay has passed, and whose settled
 * document is POSTed to its callback URL.
 */
import type * as v from 'valibot';
import type { Ledger } from '../ledger.ts';
import type { SubscriptionStore } from '../subscriptions.ts';
import { validateBody } from './validate-body.ts';

/**
 * A K2 result document, `{"data": {"id", "type", "attributes"}}` (reference §5).
 *
 * @example
 * ```ts
 * const document: ResultDocument = { data: { id, type: 'reversal', attributes: { status: 'Received' } } };
 * ```
 */
export interface ResultDocument {
  readonly data: {
    readonly id: string;
    readonly type: string;
    readonly attributes: Readonly<Record<string, unknown>>;
  };
}

/**
 * What an endpoint may use while opening a resource.
 *
 * @example
 * ```ts
 * endpoint.open(body, { id, selfUrl, origin, now, ledger, subscriptions });
 * ```
 */
export interface OpenContext {
  readonly id: string;
  /** Absolute URL of the new resource: the `Location` header and `_links.self`. */
  readonly selfUrl: string;
  /** The sandbox URL, origin of links the documents carry. */
  readonly origin: string;
  readonly now: () => Date;
  readonly ledger: Ledger;
  readonly subscriptions: SubscriptionStore;
}

/**
 * The answer to `POST <Location>/cancel`.
 *
 * @example
 * ```ts
 * const answer: ActionAnswer = { status: 200, body: { message: 'Payment link cancelled.' } };
 * ```
 */
export interface ActionAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * One simulated resource. `current` is what `GET` returns at any moment. `settle` runs once, after the
 * configured delay, and returns the body to POST to `callbackUrl` (or `undefined` when there is nothing to
 * send: no callback URL, or the outcome rules keep it pending).
 *
 * @example
 * ```ts
 * const callbackBody = resource.settle(); // undefined while it stays pending
 * ```
 */
export interface SimulatedResource {
  readonly callbackUrl?: string;
  current(): ResultDocument;
  settle(): ResultDocument | undefined;
  cancel?(): ActionAnswer;
}

/**
 * The result of opening: a resource, or the 400 message K2 would answer with.
 *
 * @example
 * ```ts
 * const opened: OpenResult = endpoint.open(body, context);
 * if (!opened.ok) sendApiError(response, 400, opened.message);
 * ```
 */
export type OpenResult =
  | { readonly ok: true; readonly resource: SimulatedResource }
  | { readonly ok: false; readonly message: string };

/**
 * A simulated endpoint, erased of its input type so the router can hold them all in one list.
 *
 * @example
 * ```ts
 * const opened = endpoint.open(body, context);
 * if (!opened.ok) answer400(opened.message);
 * ```
 */
export interface Endpoint {
  /** The path segment after `/api/v2/`, e.g. `incoming_payments`. */
  readonly collection: string;
  open(body: unknown, context: OpenContext): OpenResult;
}

/**
 * How to define an endpoint: its body schema, optional extra refusals, and how to open a resource.
 *
 * @example
 * ```ts
 * const spec: EndpointSpec<typeof Schema> = { collection: 'reversals', schema: Schema, open };
 * ```
 */
export interface EndpointSpec<TSchema extends v.GenericSchema> {
  readonly collection: string;
  readonly schema: TSchema;
  /** A refusal beyond the schema (a 400 with this message), e.g. an invalid source identifier. */
  readonly refuse?: (input: v.InferOutput<TSchema>, context: OpenContext) => string | undefined;
  readonly open: (input: v.InferOutput<TSchema>, context: OpenContext) => SimulatedResource;
}

/**
 * Defines an endpoint from its schema and behaviour.
 *
 * @example
 * ```ts
 * export const reversals = defineEndpoint({ collection: 'reversals', schema: ReversalRequestSchema, open });
 * ```
 */
export function defineEndpoint<TSchema extends v.GenericSchema>(spec: EndpointSpec<TSchema>): Endpoint {
  return {
    collection: spec.collection,
    open(body, context) {
      const checked = validateBody(spec.schema, body);
      if (!checked.ok) return checked;
      const refusal = spec.refuse?.(checked.value, context);
      if (refusal !== undefined) return { ok: false, message: refusal };
      return { ok: true, resource: spec.open(checked.value, context) };
    },
  };
}

/**
 * Builds a result document with `_links` (callback and self) as the last attribute, as K2 orders them.
 *
 * @example
 * ```ts
 * resultDocument(context, 'reversal', { status: 'Received' }, callbackUrl);
 * ```
 */
export function resultDocument(
  context: OpenContext,
  type: string,
  attributes: Readonly<Record<string, unknown>>,
  callbackUrl?: string,
): ResultDocument {
  const links =
    callbackUrl === undefined
      ? { self: context.selfUrl }
      : { callback_url: callbackUrl, self: context.selfUrl };
  return { data: { id: context.id, type, attributes: { ...attributes, _links: links } } };
}
