import * as v from 'valibot';

/**
 * What a handled event's deliveries are answered with, stored with its completion so a redelivery gets the
 * same answer: `accepted`, or the `declined` decision a handler made (a redelivery of a declined payment is
 * declined again, not silently accepted).
 *
 * @example
 * ```ts
 * const outcome = v.parse(HandledOutcomeSchema, JSON.parse(row.outcome));
 * ```
 */
export const HandledOutcomeSchema = v.variant('kind', [
  v.object({ kind: v.literal('accepted') }),
  v.object({
    kind: v.literal('declined'),
    reason: v.picklist(['account_not_found', 'invalid_payment']),
    message: v.string(),
  }),
]);

/** @example const outcome: HandledOutcome = { kind: 'declined', reason: 'invalid_payment', message: 'invalid payment' }; */
export type HandledOutcome = v.InferOutput<typeof HandledOutcomeSchema>;

/**
 * The answer to {@link DedupStore.claim}:
 * - `claimed`: the caller holds the event until it completes or releases it, or the lease runs out;
 * - `in_progress`: someone else holds an unexpired claim;
 * - `done`: the event was handled; `outcome` is what its deliveries are answered with.
 *
 * @example
 * ```ts
 * const claim: ClaimResult = { status: 'done', outcome: { kind: 'accepted' } };
 * ```
 */
export type ClaimResult =
  | { readonly status: 'claimed' }
  | { readonly status: 'in_progress' }
  | { readonly status: 'done'; readonly outcome: HandledOutcome };

/**
 * Where the router remembers which events it has handled. Implementations must make `claim` atomic: of any
 * number of concurrent claims of one id (from this process or others sharing the store) at most one gets
 * `claimed` while its lease lasts.
 *
 * - `claim(id, leaseMs)`: take the event for `leaseMs`. An expired claim (its holder crashed) counts as
 *   free, so no event is blocked forever.
 * - `complete(id, outcome, ttlMs)`: the event was handled; remember it and its outcome for `ttlMs`.
 * - `release(id)`: handling failed; forget the claim so the next delivery runs the handlers again.
 * - `close()`: optional; free resources. {@link WebhookRouter.close} calls it.
 *
 * Each method may answer with a promise (a shared database, a network service) or, when it has the answer at
 * once, with the value itself: the router then goes on without waiting a turn of the event loop, which is
 * why the in-memory and SQLite stores answer synchronously.
 *
 * @example
 * ```ts
 * const claim = await store.claim('k2:4f1a', 60_000);
 * if (claim.status === 'claimed') {
 *   await store.complete('k2:4f1a', { kind: 'accepted' }, 3 * 24 * 3_600_000);
 * }
 * ```
 */
export interface DedupStore {
  claim(id: string, leaseMs: number): ClaimResult | Promise<ClaimResult>;
  complete(id: string, outcome: HandledOutcome, ttlMs: number): void | Promise<void>;
  release(id: string): void | Promise<void>;
  close?(): Promise<void> | void;
}

/**
 * A clock in milliseconds since the epoch, injectable so tests can move time.
 *
 * @example
 * ```ts
 * let now = 0;
 * const clock: Clock = () => now;
 * ```
 */
export type Clock = () => number;
