import type { TenderEvent } from '@tender/core';
import * as v from 'valibot';
import type { HandlerContext, HandlerRegistry, HandlersVerdict } from './handlers.ts';
import { andThen, isPromiseLike, type MaybePromise } from './maybe-async.ts';
import {
  type ClaimResult,
  type DedupStore,
  type HandledOutcome,
  HandledOutcomeSchema,
} from './stores/store.ts';
import { WebhookError } from './webhook-error.ts';

/**
 * What became of one event of a delivery: handled (now, or before: `duplicate`) with the outcome its
 * deliveries are answered with, or failed, so the provider must deliver it again. `reason` says why, for
 * the log: a handler or store error, the handler timeout, or a claim held by another process.
 *
 * @example
 * ```ts
 * const result: EventResult = { kind: 'handled', outcome: { kind: 'accepted' }, duplicate: true };
 * ```
 */
export type EventResult =
  | { readonly kind: 'handled'; readonly outcome: HandledOutcome; readonly duplicate: boolean }
  | { readonly kind: 'failed'; readonly reason: 'error' | 'timeout' | 'in_progress' };

/**
 * Settings of {@link createEventRunner}.
 *
 * @example
 * ```ts
 * const settings: EventRunnerSettings = { store, registry, leaseMs: 60_000, ttlMs: 259_200_000, report };
 * ```
 */
export interface EventRunnerSettings {
  readonly store: DedupStore;
  readonly registry: HandlerRegistry;
  readonly leaseMs: number;
  readonly ttlMs: number;
  readonly handlerTimeoutMs?: number | undefined;
  readonly report: (error: WebhookError) => Promise<void>;
}

/**
 * Where a delivery comes from, for handler contexts and error reports.
 *
 * @example
 * ```ts
 * const origin: Origin = { source: 'k2', path: '/webhooks/k2' };
 * ```
 */
export interface Origin {
  readonly source: string;
  readonly path: string;
}

const NEVER_ABORTED = new AbortController().signal;

/** The event a run is about: its id (read once), the event, where it came from. */
interface Subject {
  readonly id: string;
  readonly event: TenderEvent;
  readonly origin: Origin;
}

/**
 * One event's run: what its steps need, the token of its claim once claimed (handed back to `complete` and
 * `release`, so they act only while this run still holds the claim), and the outcome its handlers decided
 * once they have run.
 */
interface Run extends Subject {
  readonly context: HandlerContext;
  token: string | undefined;
  outcome: HandledOutcome;
}
const ACCEPTED: HandledOutcome = Object.freeze({ kind: 'accepted' });
const FAILED_BY_ERROR: EventResult = Object.freeze({ kind: 'failed', reason: 'error' });
const FAILED_IN_PROGRESS: EventResult = Object.freeze({ kind: 'failed', reason: 'in_progress' });
const FAILED_BY_TIMEOUT: EventResult = Object.freeze({ kind: 'failed', reason: 'timeout' });

/** A short description of a value for an error message: its type, or `status` for an object with one. */
function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  return `an object with status ${JSON.stringify((value as { status?: unknown }).status)}`;
}

/**
 * Runs one event of a delivery; the result comes synchronously when the store and the handlers answered
 * synchronously (see {@link createEventRunner}).
 *
 * @example
 * ```ts
 * const result = await runEvent(event, { source: 'k2', path: '/webhooks/k2' });
 * ```
 */
export type RunEvent = (event: TenderEvent, origin: Origin) => MaybePromise<EventResult>;

/**
 * What {@link createEventRunner} makes: `run` for each event, and `settled` for shutting down, which waits
 * for every run still going, including handlers whose delivery already gave up on them (`handlerTimeoutMs`)
 * and whose claim is completed or released only when they finish.
 *
 * @example
 * ```ts
 * const runner = createEventRunner(settings);
 * await runner.run(event, origin);
 * await runner.settled();
 * ```
 */
export interface EventRunner {
  readonly run: RunEvent;
  settled(): Promise<void>;
}

/**
 * Runs one event through claim -> handlers -> complete (or release), exactly once however many deliveries
 * of it arrive together. Each step continues synchronously when the step before answered synchronously (the
 * in-memory and SQLite stores do, and so do handlers that are not async), so such an event costs no turn of
 * the microtask queue; a step that returns a promise makes the rest wait for it.
 *
 * Concurrent deliveries of one event:
 * - in this process, the later ones wait for the first and answer like it: accepted (as a duplicate) or
 *   declined when it was handled; when it failed, the next one claims the event and runs the handlers itself;
 * - across processes sharing a store, a delivery that finds the event claimed by someone else fails at once
 *   (the provider delivers again later, when the holder has finished). Claims are leases, so a crashed holder
 *   blocks the event for at most `leaseMs`.
 *
 * With `handlerTimeoutMs`, a delivery stops waiting after that long, aborts the handlers' `signal` and
 * fails; the claim stays held until the handlers actually settle (or its lease runs out: keep
 * `handlerTimeoutMs` below `leaseMs`) and is then completed or released as usual, so a redelivery never runs
 * them a second time while the first run is still going. Complete and release carry the claim's token, so a
 * run that outlived its lease can neither free nor finish the claim another process took since. The limit
 * is per delivery: one that joins a run in flight, and runs the handlers itself when that run fails, does
 * both within its own `handlerTimeoutMs`.
 *
 * @example
 * ```ts
 * const { run } = createEventRunner(settings);
 * const result = await run(event, { source: 'k2', path: '/webhooks/k2' });
 * ```
 */
export function createEventRunner(settings: EventRunnerSettings): EventRunner {
  const { store, registry, leaseMs, ttlMs, handlerTimeoutMs, report } = settings;
  /** Events whose run is waiting on a promise: a second delivery of one of them joins the first. */
  const inflight = new Map<string, Promise<EventResult>>();

  const failure = (stage: 'store' | 'handler', cause: unknown, { id, event, origin }: Subject) =>
    report(
      new WebhookError(
        stage === 'store'
          ? `the de-duplication store failed for event ${id}`
          : `a handler failed for event ${id} (${String(event.type)})`,
        { stage, status: 500, path: origin.path, source: origin.source, event, cause },
      ),
    );

  function attempt(run: Run): MaybePromise<EventResult> {
    return andThen(run, claimStep, afterClaim, claimFailed);
  }

  function claimStep(run: Run) {
    return store.claim(run.id, leaseMs);
  }

  function afterClaim(claim: ClaimResult, run: Run): MaybePromise<EventResult> {
    const valid = typeof claim === 'object' && claim !== null;
    if (valid && claim.status === 'done' && v.is(HandledOutcomeSchema, claim.outcome)) {
      return { kind: 'handled', outcome: claim.outcome, duplicate: true };
    }
    if (valid && claim.status === 'in_progress') return FAILED_IN_PROGRESS;
    if (!valid || claim.status !== 'claimed') {
      // A custom store broke its contract: nothing says the event is ours, so no handler may run.
      const problem = new TypeError(`store.claim() returned ${describe(claim)}, not a ClaimResult`);
      return storeFailed(problem, run, false);
    }
    // From here on the event is ours: every way out completes or releases it, with this claim's token.
    run.token = claim.token;
    let verdict: MaybePromise<HandlersVerdict>;
    try {
      verdict = registry.run(run.event, run.context);
    } catch (error) {
      return handlersFailed([error], run);
    }
    return isPromiseLike(verdict)
      ? verdict.then(
          (settled) => afterHandlers(settled, run),
          // Only a bug gets here (handlers' errors are in the verdict), but the claim must still be let go.
          (error: unknown) => handlersFailed([error], run),
        )
      : afterHandlers(verdict, run);
  }

  function claimFailed(error: unknown, run: Run): Promise<EventResult> {
    return storeFailed(error, run, false);
  }

  function afterHandlers(verdict: HandlersVerdict, run: Run): MaybePromise<EventResult> {
    if (verdict.kind === 'failed') return handlersFailed(verdict.errors, run);
    run.outcome =
      verdict.kind === 'declined'
        ? { kind: 'declined', reason: verdict.reason, message: verdict.message }
        : ACCEPTED;
    return andThen(run, completeStep, afterComplete, completeFailed);
  }

  /** Passes the token only when the claim had one, so a store written before tokens is called as before. */
  function completeStep({ id, outcome, token }: Run) {
    return token === undefined
      ? store.complete(id, outcome, ttlMs)
      : store.complete(id, outcome, ttlMs, token);
  }

  function afterComplete(_stored: unknown, run: Run): EventResult {
    return { kind: 'handled', outcome: run.outcome, duplicate: false };
  }

  /**
   * The handlers ran but a store that cannot remember it means the provider must deliver again, and the
   * next delivery runs the handlers again (at-least-once, never lost).
   */
  function completeFailed(error: unknown, run: Run): Promise<EventResult> {
    return storeFailed(error, run, true);
  }

  async function handlersFailed(errors: readonly unknown[], run: Run): Promise<EventResult> {
    try {
      for (const error of errors) await failure('handler', error, run);
    } finally {
      await release(run);
    }
    return FAILED_BY_ERROR;
  }

  async function storeFailed(error: unknown, run: Run, claimed: boolean): Promise<EventResult> {
    try {
      await failure('store', error, run);
    } finally {
      if (claimed) await release(run);
    }
    return FAILED_BY_ERROR;
  }

  /** Lets go of the claim: with its token when it had one (a stale run then frees nobody else's claim). */
  async function release(run: Run): Promise<void> {
    try {
      await (run.token === undefined ? store.release(run.id) : store.release(run.id, run.token));
    } catch (error) {
      await failure('store', error, run);
    }
  }

  /** `running`, or `'timeout'` once `deadline` has passed (`onTimeout` runs first); no deadline, no limit. */
  async function bounded(
    running: Promise<EventResult>,
    deadline: number | undefined,
    onTimeout: () => void,
  ): Promise<EventResult | 'timeout'> {
    if (deadline === undefined) return running;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(
        () => {
          onTimeout();
          resolve('timeout');
        },
        Math.max(0, deadline - performance.now()),
      );
    });
    try {
      return await Promise.race([running, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A later delivery of an event in flight answers like the first, or runs it again if the first failed:
   * all within its own `handlerTimeoutMs`, counted from when it arrived, however long the first took.
   */
  async function join(
    running: Promise<EventResult>,
    subject: Subject,
    deadline: number | undefined,
  ): Promise<EventResult> {
    const first = await bounded(running, deadline, () => {});
    if (first === 'timeout') return FAILED_BY_TIMEOUT;
    if (first.kind === 'handled') return { ...first, duplicate: true };
    // No time left to run the handlers: fail now rather than start them only to abort them at once.
    if (deadline !== undefined && deadline <= performance.now()) return FAILED_BY_TIMEOUT;
    return runWithin(subject, deadline);
  }

  /** Waits for a run in flight, up to `handlerTimeoutMs`; on timeout, aborts its handlers' signal. */
  async function withinTimeout(
    running: Promise<EventResult>,
    controller: AbortController,
    { id, event, origin }: Subject,
    deadline: number,
  ): Promise<EventResult> {
    const result = await bounded(running, deadline, () =>
      controller.abort(new DOMException(`handlers ran longer than ${handlerTimeoutMs} ms`, 'TimeoutError')),
    );
    if (result !== 'timeout') return result;
    await report(
      new WebhookError(`the handlers of event ${id} did not finish within ${handlerTimeoutMs} ms`, {
        stage: 'timeout',
        status: 500,
        path: origin.path,
        source: origin.source,
        event,
      }),
    );
    return FAILED_BY_TIMEOUT;
  }

  function runEvent(event: TenderEvent, origin: Origin): MaybePromise<EventResult> {
    const deadline = handlerTimeoutMs === undefined ? undefined : performance.now() + handlerTimeoutMs;
    // The id is read once: every step (claim, complete, release, joining) uses this very string.
    return runWithin({ id: event.id, event, origin }, deadline);
  }

  function runWithin(subject: Subject, deadline: number | undefined): MaybePromise<EventResult> {
    const { id, event, origin } = subject;
    const running = inflight.get(id);
    if (running !== undefined) return join(running, subject, deadline);
    const controller = deadline === undefined ? undefined : new AbortController();
    const signal = controller?.signal ?? NEVER_ABORTED;
    const result = attempt({
      id,
      event,
      origin,
      context: { source: origin.source, signal },
      token: undefined,
      outcome: ACCEPTED,
    });
    // Finished without waiting: no other delivery can have run in between, so none needs to join it.
    if (!isPromiseLike(result)) return result;
    inflight.set(id, result);
    const forget = () => {
      if (inflight.get(id) === result) inflight.delete(id);
    };
    if (controller === undefined || deadline === undefined) return result.finally(forget);
    result.then(forget, forget);
    return withinTimeout(result, controller, subject, deadline);
  }

  /** Every run still going has settled; runs that start meanwhile are waited for too. */
  async function settled(): Promise<void> {
    while (inflight.size > 0) await Promise.allSettled(inflight.values());
  }

  return { run: runEvent, settled };
}
