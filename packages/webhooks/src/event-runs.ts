import type { HandledOutcome } from './stores/store.ts';

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

/** The value {@link within} resolves with when time ran out first. */
export const TIMED_OUT = Symbol('timed out');

/**
 * `work`'s value, or {@link TIMED_OUT} once `ms` have passed (`onTimeout` runs first); no `ms`, no limit.
 *
 * @example
 * ```ts
 * if ((await within(store.close(), 1_000)) === TIMED_OUT) console.warn('store did not close in time');
 * ```
 */
export async function within<T>(
  work: Promise<T>,
  ms: number | undefined,
  onTimeout?: () => void,
): Promise<T | typeof TIMED_OUT> {
  if (ms === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(
      () => {
        onTimeout?.();
        resolve(TIMED_OUT);
      },
      Math.max(0, ms),
    );
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

const NEVER_ABORTED = new AbortController().signal;

/** Milliseconds until `deadline` (a `performance.now()` time), or `undefined` for none. */
function msLeft(deadline: number | undefined): number | undefined {
  return deadline === undefined ? undefined : deadline - performance.now();
}
const FAILED_BY_TIMEOUT: EventResult = Object.freeze({ kind: 'failed', reason: 'timeout' });

/**
 * One run per event id at a time in this process, each delivery within its own `handlerTimeoutMs`.
 *
 * @example
 * ```ts
 * const runs = createEventRuns({ handlerTimeoutMs: 10_000, attempt: claimAndHandle, onTimeout: reportTimeout });
 * const result = await runs.run({ id: 'k2:4f1a', event });
 * await runs.settled();
 * ```
 */
export interface EventRuns<TSubject extends { readonly id: string }> {
  /**
   * Runs the event (`attempt`) and resolves with its result, unless a run of the same id is in flight, in
   * which case it joins that one (see {@link createEventRuns}).
   */
  run(subject: TSubject): Promise<EventResult>;
  /** Resolves once every run has settled, also those whose delivery stopped waiting for them. */
  settled(): Promise<void>;
}

/**
 * What {@link createEventRuns} runs: `attempt` handles one event (it must not reject), `onTimeout` hears
 * that a delivery stopped waiting for it.
 *
 * @example
 * ```ts
 * const settings: EventRunSettings<{ id: string }> = { handlerTimeoutMs: undefined, attempt, onTimeout };
 * ```
 */
export interface EventRunSettings<TSubject extends { readonly id: string }> {
  readonly handlerTimeoutMs: number | undefined;
  readonly attempt: (subject: TSubject, signal: AbortSignal) => Promise<EventResult>;
  readonly onTimeout: (subject: TSubject) => Promise<void>;
}

/**
 * Joins concurrent deliveries of one event and bounds how long a delivery waits for its handlers.
 *
 * - A later delivery of an event whose run is in flight waits for that run and answers like it: handled
 *   (as a duplicate) or declined. When that run failed, it runs the event itself. Across processes sharing
 *   a store there is no joining: the store's claim answers `in_progress` and that delivery fails at once.
 * - With `handlerTimeoutMs`, a delivery stops waiting that long after it reached the event (joining
 *   included, so a joiner that then runs the event itself still answers within its own limit), aborts the
 *   handlers' `signal`, calls `onTimeout` and fails. The run goes on: its claim is completed or released
 *   when the handlers settle, so a redelivery meanwhile never runs them a second time (the id stays in
 *   flight; keep `handlerTimeoutMs` below `leaseMs` so other processes are held off too).
 *
 * @example
 * ```ts
 * const runs = createEventRuns({ handlerTimeoutMs: undefined, attempt: handleEvent, onTimeout: reportTimeout });
 * ```
 */
export function createEventRuns<TSubject extends { readonly id: string }>(
  settings: EventRunSettings<TSubject>,
): EventRuns<TSubject> {
  const { handlerTimeoutMs, attempt, onTimeout } = settings;
  const inFlight = new Map<string, Promise<EventResult>>();

  /** Keeps `running` as the run of `id` until it settles, also after a delivery stopped waiting for it. */
  function track(id: string, running: Promise<EventResult>): Promise<EventResult> {
    inFlight.set(id, running);
    const forget = () => {
      if (inFlight.get(id) === running) inFlight.delete(id);
    };
    running.then(forget, forget);
    return running;
  }

  function runBy(deadline: number | undefined, subject: TSubject): Promise<EventResult> {
    const running = inFlight.get(subject.id);
    if (running !== undefined) return join(running, deadline, subject);
    if (deadline === undefined) return track(subject.id, attempt(subject, NEVER_ABORTED));
    return runWithin(deadline, subject);
  }

  /** Answers like the run in flight, or runs the event again when that run failed, all by `deadline`. */
  async function join(
    running: Promise<EventResult>,
    deadline: number | undefined,
    subject: TSubject,
  ): Promise<EventResult> {
    const first = await within(running, msLeft(deadline));
    if (first === TIMED_OUT) return FAILED_BY_TIMEOUT;
    if (first.kind === 'handled') return { ...first, duplicate: true };
    // No time left to run the handlers: fail now rather than start them only to abort them at once.
    if (deadline !== undefined && deadline <= performance.now()) return FAILED_BY_TIMEOUT;
    return runBy(deadline, subject);
  }

  /** Runs the event, waiting until `deadline` at most; then aborts the handlers' signal and fails. */
  async function runWithin(deadline: number, subject: TSubject): Promise<EventResult> {
    const controller = new AbortController();
    const result = await within(
      track(subject.id, attempt(subject, controller.signal)),
      msLeft(deadline),
      () =>
        controller.abort(new DOMException(`handlers ran longer than ${handlerTimeoutMs} ms`, 'TimeoutError')),
    );
    if (result !== TIMED_OUT) return result;
    await onTimeout(subject);
    return FAILED_BY_TIMEOUT;
  }

  return {
    run(subject) {
      const deadline = handlerTimeoutMs === undefined ? undefined : performance.now() + handlerTimeoutMs;
      return runBy(deadline, subject);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled(inFlight.values());
    },
  };
}
