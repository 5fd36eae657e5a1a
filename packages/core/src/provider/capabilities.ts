import type {
  CancelLinkRequest,
  CollectRequest,
  ConfirmRequest,
  CreateLinkRequest,
  NotifyRequest,
  Operation,
  OperationKind,
  PayoutRequest,
  ReverseRequest,
} from '../operations/index.ts';

/**
 * A verb a provider may declare: the words of {@link OperationKind}, plus `confirm`, the payer's second
 * step of a `collect` whose next action is `pay_to` (it returns a `collect` operation, so it is a
 * capability but not an operation kind).
 *
 * @example
 * ```ts
 * const caps: readonly Capability[] = ['collect', 'confirm', 'payout'];
 * ```
 */
export type Capability = OperationKind | 'confirm';

/**
 * The methods each capability brings. `link` brings two: create and cancel.
 *
 * @example
 * ```ts
 * type CollectOnly = CapabilityMethods['collect'];
 * ```
 */
export interface CapabilityMethods {
  collect: {
    /** Ask a payer for money. */
    collect(request: CollectRequest): Promise<Operation>;
  };
  confirm: {
    /** Hand the provider what the payer reports after paying by hand (their wallet's reference, a proof). */
    confirm(request: ConfirmRequest): Promise<Operation>;
  };
  payout: {
    /** Send money out. */
    payout(request: PayoutRequest): Promise<Operation>;
  };
  reverse: {
    /** Undo a received payment. */
    reverse(request: ReverseRequest): Promise<Operation>;
  };
  link: {
    /** Create a shareable payment link. */
    createLink(request: CreateLinkRequest): Promise<Operation>;
    /** Cancel a payment link. */
    cancelLink(request: CancelLinkRequest): Promise<Operation>;
  };
  notify: {
    /** Subscribe to events or ask the provider to poll. */
    notify(request: NotifyRequest): Promise<Operation>;
  };
}

/**
 * The request each capability's main method takes, for the neutral {@link perform} dispatcher.
 *
 * @example
 * ```ts
 * const request: RequestOf<'reverse'> = { transactionReference: 'TAB3CD4EF5' };
 * ```
 */
export interface RequestByCapability {
  collect: CollectRequest;
  confirm: ConfirmRequest;
  payout: PayoutRequest;
  reverse: ReverseRequest;
  link: CreateLinkRequest;
  notify: NotifyRequest;
}

/** @example const request: RequestOf<'collect'> = collectRequest; */
export type RequestOf<TCapability extends Capability> = RequestByCapability[TCapability];

type UnionToIntersection<TUnion> = (TUnion extends unknown ? (arg: TUnion) => void : never) extends (
  arg: infer TIntersection,
) => void
  ? TIntersection
  : never;

/**
 * The methods of a set of capabilities, merged into one object type.
 *
 * @example
 * ```ts
 * type Methods = MethodsOf<'collect' | 'link'>; // collect, createLink, cancelLink
 * ```
 */
export type MethodsOf<TCapability extends Capability> = [TCapability] extends [never]
  ? unknown
  : UnionToIntersection<CapabilityMethods[TCapability]>;
