/**
 * The transactions this sandbox has seen money arrive through (successful STK pushes and triggered
 * buy-goods / b2b webhooks). Reversals look up the amount they undo here, and polling replays them.
 */

/**
 * One incoming transaction, with the webhook-shaped resource polling replays (reference §5.5).
 *
 * @example
 * ```ts
 * ledger.record({ type: 'Buygoods Transaction', reference: 'TAB3CD4EF5', cents: 45000, tillNumber: '556677', receivedAt, resource });
 * ```
 */
export interface LedgerEntry {
  /** The polling item type, e.g. `Buygoods Transaction`. */
  readonly type: string;
  readonly reference: string;
  readonly cents: number;
  readonly tillNumber: string;
  readonly receivedAt: Date;
  readonly resource: Readonly<Record<string, unknown>>;
}

/**
 * The sandbox's record of incoming transactions.
 *
 * @example
 * ```ts
 * const ledger = createLedger();
 * ledger.record(entry);
 * ledger.find('TAB3CD4EF5')?.cents;
 * ```
 */
export interface Ledger {
  record(entry: LedgerEntry): void;
  find(reference: string): LedgerEntry | undefined;
  /** Entries received in `[from, to]`, oldest first. */
  between(from: Date, to: Date): LedgerEntry[];
  markReversed(reference: string): void;
  isReversed(reference: string): boolean;
}

/**
 * Creates an empty ledger.
 *
 * @example
 * ```ts
 * const ledger = createLedger();
 * ledger.between(new Date(0), new Date()); // []
 * ```
 */
export function createLedger(): Ledger {
  const entries = new Map<string, LedgerEntry>();
  const reversed = new Set<string>();
  return {
    record(entry) {
      entries.set(entry.reference, entry);
    },
    find(reference) {
      return entries.get(reference);
    },
    between(from, to) {
      return [...entries.values()]
        .filter((entry) => entry.receivedAt >= from && entry.receivedAt <= to)
        .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    },
    markReversed(reference) {
      reversed.add(reference);
    },
    isReversed(reference) {
      return reversed.has(reference);
    },
  };
}
