import { parseOrThrow } from '@tender/core';
import * as v from 'valibot';
import type { ClaimResult, Clock, DedupStore, HandledOutcome } from './store.ts';

const MemoryStoreOptionsSchema = v.object({
  /** Milliseconds since the epoch. @default Date.now */
  now: v.optional(v.custom<Clock>((value) => typeof value === 'function', 'must be a function')),
  /** How often, at most, expired entries are swept out (on the next call after the interval). @default 60_000 */
  sweepIntervalMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});

/**
 * Options of {@link createMemoryStore}.
 *
 * @example
 * ```ts
 * const options: MemoryStoreOptions = { sweepIntervalMs: 10_000 };
 * ```
 */
export type MemoryStoreOptions = v.InferInput<typeof MemoryStoreOptionsSchema>;

/**
 * The in-memory {@link DedupStore}, with `size` for metrics and tests.
 *
 * @example
 * ```ts
 * const store: MemoryDedupStore = createMemoryStore();
 * store.size; // 0
 * ```
 */
export interface MemoryDedupStore extends DedupStore {
  /** Entries held, including expired ones not swept yet. */
  readonly size: number;
  /** Sweeps out expired entries now, whatever the sweep interval; answers how many. */
  prune(): number;
}

/**
 * One remembered event: claimed while `outcome` is absent, handled once it is set. `token` names the claim
 * that wrote it (a completed entry keeps none), so a stale holder cannot finish or free a claim taken since. Completing
 * a claim updates its entry in place rather than replacing it, so a handled event costs one object.
 */
interface Entry {
  expiresAt: number;
  outcome: HandledOutcome | undefined;
  token: string | undefined;
}

const IN_PROGRESS: ClaimResult = Object.freeze({ status: 'in_progress' });

/**
 * A de-duplication store in this process's memory: the router's default. It forgets everything on restart
 * and is not shared between processes; use {@link createSqliteStore} to survive restarts on one machine.
 *
 * Memory stays bounded: every entry expires (claims after their lease, completions after their TTL) and
 * expired entries are swept out at most once per `sweepIntervalMs`, during a later call. A sweep walks the
 * whole map; once a minute that costs far less than a timer or a priority queue would on every call.
 *
 * @example
 * ```ts
 * const router = createRouter({ sources, store: createMemoryStore() });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryDedupStore {
  const parsed = parseOrThrow(MemoryStoreOptionsSchema, options, 'Invalid memory store options');
  const now = parsed.now ?? Date.now;
  const sweepIntervalMs = parsed.sweepIntervalMs ?? 60_000;
  const entries = new Map<string, Entry>();
  /** Claims made so far: each claim's token is this count, in base 36. */
  let claims = 0;
  let nextSweepAt = now() + sweepIntervalMs;

  /** Sweeps out expired entries; answers how many. */
  function sweep(at: number): number {
    const before = entries.size;
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    nextSweepAt = at + sweepIntervalMs;
    return before - entries.size;
  }

  /** Sweeps out expired entries if a sweep is due. */
  function sweepIfDue(at: number): void {
    if (at >= nextSweepAt) sweep(at);
  }

  /** The live entry for `id`; an expired one reads as absent. */
  function live(id: string, at: number): Entry | undefined {
    const entry = entries.get(id);
    if (entry === undefined || entry.expiresAt > at) return entry;
    entries.delete(id);
    return undefined;
  }

  return {
    get size() {
      return entries.size;
    },
    claim(id, leaseMs): ClaimResult {
      const at = now();
      sweepIfDue(at);
      const entry = live(id, at);
      if (entry === undefined) {
        // Tokens only need to differ within this store: a counter is enough, and cheaper than a UUID.
        claims += 1;
        const token = claims.toString(36);
        entries.set(id, { expiresAt: at + leaseMs, outcome: undefined, token });
        return { status: 'claimed', token };
      }
      return entry.outcome === undefined ? IN_PROGRESS : { status: 'done', outcome: entry.outcome };
    },
    /**
     * With a token, the outcome is recorded unless the entry is someone else's and unexpired: a stale
     * holder does not overwrite the run of the holder that took over (that one completes or releases
     * itself), nor an outcome already recorded. When nobody holds the event any more (absent, or every
     * claim on it expired), the handlers did succeed, so the outcome is recorded: a redelivery is then
     * acknowledged rather than run again. Without a token it is recorded unconditionally, as before tokens.
     */
    complete(id, outcome, ttlMs, token) {
      const at = now();
      sweepIfDue(at);
      const entry = entries.get(id);
      if (entry === undefined) {
        entries.set(id, { expiresAt: at + ttlMs, outcome, token: undefined });
        return;
      }
      if (token !== undefined && entry.token !== token && entry.expiresAt > at) return;
      entry.expiresAt = at + ttlMs;
      entry.outcome = outcome;
      // A completed entry is never overwritten by a holder's token again, so it keeps none (memory).
      entry.token = undefined;
    },
    /** Forgets a claim, never a completion; with a token, only the claim that token names. */
    release(id, token) {
      const entry = entries.get(id);
      if (entry === undefined || entry.outcome !== undefined) return;
      if (token === undefined || entry.token === token) entries.delete(id);
    },
    prune() {
      return sweep(now());
    },
    close() {
      entries.clear();
    },
  };
}
