import type { DatabaseSync } from 'node:sqlite';

/** One queued call: its work, run inside the batch's transaction, and who waits for its result. */
interface Job {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for the SQLite store: calls queue up during one turn of the event loop and run together in
 * one transaction (`setImmediate`, after the turn's I/O callbacks), and each call's promise settles after
 * that transaction committed.
 *
 * Why: in WAL mode a commit's fixed cost (taking and releasing the locks, appending frames, updating the
 * WAL index) is most of a small write, so with many deliveries in flight one commit per call is what
 * limited throughput. Batching shares that cost; under light load a batch is one call and costs what
 * a call did. Durability is unchanged: a promise resolves only once its write is committed.
 *
 * A call whose own work throws (an unreadable row) rejects alone; a transaction that cannot start or
 * commit (the file locked by another process past the busy timeout) rejects every call of the batch.
 *
 * @example
 * ```ts
 * const batch = createCommitBatcher(db);
 * const taken = await batch.enqueue(() => take.get(key, until, token, now));
 * ```
 */
export function createCommitBatcher(db: DatabaseSync) {
  let queue: Job[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const jobs = queue;
    queue = [];
    if (jobs.length === 0) return;
    if (!db.isOpen) {
      for (const job of jobs) job.reject(new Error('the SQLite de-duplication store is closed'));
      return;
    }
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    const settled = jobs.map((job) => {
      try {
        return { ok: true as const, value: job.run() };
      } catch (error) {
        return { ok: false as const, error };
      }
    });
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, index) => {
      const outcome = settled[index];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
  }

  return {
    /** Queues `run` for the next batch; resolves with its result once the batch committed. */
    enqueue<T>(run: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    /** Runs the queued calls now (before the database is closed, so none is lost). */
    flushNow: flush,
  };
}
