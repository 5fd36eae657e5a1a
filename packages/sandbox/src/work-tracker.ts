/**
 * Counts the sandbox's unfinished work (resources waiting to settle, deliveries in flight) so a test can
 * wait until everything started so far has finished.
 */

/**
 * Begin/end counter with a promise for "nothing left".
 *
 * @example
 * ```ts
 * const work: WorkTracker = createWorkTracker();
 * await work.idle();
 * ```
 */
export interface WorkTracker {
  begin(): void;
  end(): void;
  idle(): Promise<void>;
}

/**
 * Creates a tracker with nothing pending.
 *
 * @example
 * ```ts
 * const work = createWorkTracker();
 * work.begin();
 * setTimeout(() => work.end(), 10);
 * await work.idle();
 * ```
 */
export function createWorkTracker(): WorkTracker {
  let pending = 0;
  let waiters: (() => void)[] = [];
  return {
    begin() {
      pending += 1;
    },
    end() {
      pending -= 1;
      if (pending > 0) return;
      const ready = waiters;
      waiters = [];
      for (const wake of ready) wake();
    },
    idle() {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
