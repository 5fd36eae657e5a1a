import type { TenderEvent } from '@tender/core';
import type { HandlerRegistry } from './handlers.ts';
import type { DedupStore, HandledOutcome } from './stores/store.ts';
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

/**
 * Runs one event through claim -> handlers -> complete (or release), exactly once however many deliveries
 * of it arrive together.
 *
 * Concurrent deliveries of one event:
 * - in this process, the later ones wait for the first and answer like it: accepted (as a duplicate) or
 *   declined when it was handled; when it failed, the next one claims the event and runs the handlers itself;
 * - across processes sharing a store, a delivery that finds the event claimed by someone else fails at once
 *   (the provider delivers again later, when the holder has finished). Claims are leases, so a crashed holder
 *   blocks the event for at most `leaseMs`.
 *
 * With `handlerTimeoutMs`, a delivery stops waiting after that long, aborts the handlers' `signal` and
 * fails; the claim stays held until the handlers actually settle and is then completed or released as usual,
 * so a redelivery never runs them a second time while the first run is still going.
 *
 * @example
 * ```ts
 * const runEvent = createEventRunner(settings);
 * const result = await runEvent(event, { source: 'k2', path: '/webhooks/k2' });
 * ```
 */
export function createEventRunner(
  settings: EventRunnerSettings,
): (event: TenderEvent, origin: Origin) => Promise<EventResult> {
  const { store, registry, leaseMs, ttlMs, handlerTimeoutMs, report } = settings;
  const inflight = new Map<string, Promise<EventResult>>();

  const failure = (stage: 'store' | 'handler', cause: unknown, event: TenderEvent, origin: Origin) =>
    report(
      new WebhookError(
        stage === 'store'
          ? `the de-duplication store failed for event ${event.id}`
          : `a handler failed for event ${event.id} (${event.type})`,
        { stage, status: 500, path: origin.path, source: origin.source, event, cause },
      ),
    );

  async function attempt(event: TenderEvent, origin: Origin, signal: AbortSignal): Promise<EventResult> {
    let claim: Awaited<ReturnType<DedupStore['claim']>>;
    try {
      claim = await store.claim(event.id, leaseMs);
    } catch (error) {
      await failure('store', error, event, origin);
      return { kind: 'failed', reason: 'error' };
    }
    if (claim.status === 'done') return { kind: 'handled', outcome: claim.outcome, duplicate: true };
    if (claim.status === 'in_progress') return { kind: 'failed', reason: 'in_progress' };

    const verdict = await registry.run(event, { source: origin.source, signal });
    if (verdict.kind === 'failed') {
      for (const error of verdict.errors) await failure('handler', error, event, origin);
      await release(event, origin);
      return { kind: 'failed', reason: 'error' };
    }
    const outcome: HandledOutcome =
      verdict.kind === 'declined'
        ? { kind: 'declined', reason: verdict.reason, message: verdict.message }
        : { kind: 'accepted' };
    try {
      await store.complete(event.id, outcome, ttlMs);
    } catch (error) {
      // The handlers ran but the store cannot remember it: the provider must deliver again, and the next
      // delivery runs the handlers again (at-least-once, never lost).
      await failure('store', error, event, origin);
      await release(event, origin);
      return { kind: 'failed', reason: 'error' };
    }
    return { kind: 'handled', outcome, duplicate: false };
  }

  async function release(event: TenderEvent, origin: Origin): Promise<void> {
    try {
      await store.release(event.id);
    } catch (error) {
      await failure('store', error, event, origin);
    }
  }

  /** `running`, or `'timeout'` once `handlerTimeoutMs` has passed (`onTimeout` runs first). */
  async function bounded(
    running: Promise<EventResult>,
    onTimeout: () => void,
  ): Promise<EventResult | 'timeout'> {
    if (handlerTimeoutMs === undefined) return running;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        onTimeout();
        resolve('timeout');
      }, handlerTimeoutMs);
    });
    try {
      return await Promise.race([running, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  return async function runEvent(event, origin) {
    for (;;) {
      const running = inflight.get(event.id);
      if (running !== undefined) {
        const first = await bounded(running, () => {});
        if (first === 'timeout') return { kind: 'failed', reason: 'timeout' };
        if (first.kind === 'handled') return { ...first, duplicate: true };
        continue;
      }
      const controller = handlerTimeoutMs === undefined ? undefined : new AbortController();
      const mine = attempt(event, origin, controller?.signal ?? NEVER_ABORTED);
      inflight.set(event.id, mine);
      if (handlerTimeoutMs === undefined) {
        // Without a timeout the delivery simply waits for its own run: no race and no `.finally` chain.
        try {
          return await mine;
        } finally {
          if (inflight.get(event.id) === mine) inflight.delete(event.id);
        }
      }
      void mine.finally(() => {
        if (inflight.get(event.id) === mine) inflight.delete(event.id);
      });
      const result = await bounded(mine, () =>
        controller?.abort(
          new DOMException(`handlers ran longer than ${handlerTimeoutMs} ms`, 'TimeoutError'),
        ),
      );
      if (result !== 'timeout') return result;
      await report(
        new WebhookError(`the handlers of event ${event.id} did not finish within ${handlerTimeoutMs} ms`, {
          stage: 'timeout',
          status: 500,
          path: origin.path,
          source: origin.source,
          event,
        }),
      );
      return { kind: 'failed', reason: 'timeout' };
    }
  };
}
