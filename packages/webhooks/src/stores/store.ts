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
 * - `claimed`: the caller holds the event until it completes or releases it, or the lease runs out.
 *   `token` names this one claim (a value no other claim on the store gets: `crypto.randomUUID()` for a store
 *   shared by processes, a counter for one process); the
 *   router hands it back to `complete` and `release`, so a holder whose lease ran out cannot finish or free
 *   the claim someone else took since. It is optional only so that stores written before it keep working;
 *   without it the router calls `complete` and `release` as it did then, with no token;
 * - `in_progress`: someone else holds an unexpired claim;
 * - `done`: the event was handled; `outcome` is what its deliveries are answered with.
 *
 * @example
 * ```ts
 * const claim: ClaimResult = { status: 'claimed', token: crypto.randomUUID() };
 * const handled: ClaimResult = { status: 'done', outcome: { kind: 'accepted' } };
 * ```
 */
export type ClaimResult =
  | { readonly status: 'claimed'; readonly token?: string }
  | { readonly status: 'in_progress' }
  | { readonly status: 'done'; readonly outcome: HandledOutcome };

/**
 * Where the router remembers which events it has handled. Implementations must make `claim` atomic: of any
 * number of concurrent claims of one id (from this process or others sharing the store) at most one gets
 * `claimed` while its lease lasts.
 *
 * - `claim(id, leaseMs)`: take the event for `leaseMs`, answering a new `token` for this claim. An expired
 *   claim (its holder crashed, or is still running past its lease) counts as free, so no event is blocked
 *   forever.
 * - `complete(id, outcome, ttlMs, token)`: the event was handled; remember it and its outcome for `ttlMs`.
 *   With a token, only while that token still holds the claim: a holder whose lease ran out and was taken
 *   over must not record its outcome over the new holder's run (that holder completes or releases itself).
 * - `release(id, token)`: handling failed; forget the claim so the next delivery runs the handlers again.
 *   With a token, only the claim that token names: a stale holder's release does nothing.
 * - `close()`: optional; free resources. {@link WebhookRouter.close} calls it.
 *
 * The router passes `token` only when `claim` answered one; a store that never answers one keeps working as
 * before, without the protection against stale holders. Called without a token, the built-in stores act
 * unconditionally, as they did before tokens existed.
 *
 * Each method may answer with a promise (a shared database, a network service) or, when it has the answer at
 * once, with the value itself: the router then goes on without waiting a turn of the event loop, which is
 * why the in-memory store answers synchronously (the SQLite store answers with promises: it commits the
 * calls of one turn of the event loop together).
 *
 * @example
 * ```ts
 * const claim = await store.claim('k2:4f1a', 60_000);
 * if (claim.status === 'claimed') {
 *   await store.complete('k2:4f1a', { kind: 'accepted' }, 3 * 24 * 3_600_000, claim.token);
 * }
 * ```
 */
export interface DedupStore {
  /** Takes the event for `leaseMs`, or says who has it or how it ended. */
  claim(id: string, leaseMs: number): ClaimResult | Promise<ClaimResult>;
  /** Remembers the event as handled, with its outcome, for `ttlMs`, while `token` still holds the claim. */
  complete(id: string, outcome: HandledOutcome, ttlMs: number, token?: string): void | Promise<void>;
  /** Forgets the claim (handling failed), while `token` still holds it, so the next delivery runs again. */
  release(id: string, token?: string): void | Promise<void>;
  /** Frees the store's resources; the router's `close()` calls it. */
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
