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
}

/**
 * One remembered event: claimed while `outcome` is absent, handled once it is set. Completing a claim
 * updates its entry in place rather than replacing it, so a handled event costs one object.
 */
interface Entry {
  expiresAt: number;
  outcome: HandledOutcome | undefined;
}

const CLAIMED: ClaimResult = Object.freeze({ status: 'claimed' });
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
  let nextSweepAt = now() + sweepIntervalMs;

  /** Sweeps out expired entries if a sweep is due. */
  function sweepIfDue(at: number): void {
    if (at < nextSweepAt) return;
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    nextSweepAt = at + sweepIntervalMs;
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
        entries.set(id, { expiresAt: at + leaseMs, outcome: undefined });
        return CLAIMED;
      }
      return entry.outcome === undefined ? IN_PROGRESS : { status: 'done', outcome: entry.outcome };
    },
    complete(id, outcome, ttlMs) {
      const at = now();
      sweepIfDue(at);
      const entry = entries.get(id);
      if (entry === undefined) entries.set(id, { expiresAt: at + ttlMs, outcome });
      else {
        entry.expiresAt = at + ttlMs;
        entry.outcome = outcome;
      }
    },
    release(id) {
      if (entries.get(id)?.outcome === undefined) entries.delete(id);
    },
    close() {
      entries.clear();
    },
  };
}
