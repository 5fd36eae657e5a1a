/**
 * The deliveries a sandbox made (result callbacks, webhooks, legacy notifications) and every answer it got,
 * for tests to inspect. The `authorization` header of legacy deliveries is kept only up to its scheme.
 */
import type { DeliveryAttempt, DeliveryResult } from './deliver.ts';

/**
 * What a delivery carried.
 *
 * @example
 * ```ts
 * sandbox.deliveries().filter((delivery) => delivery.kind === 'callback');
 * ```
 */
export type DeliveryKind = 'callback' | 'webhook' | 'legacy';

/**
 * One delivery: what was sent, each attempt's answer, and how it ended (`result` is absent while the
 * delivery is still being retried).
 *
 * @example
 * ```ts
 * const callback = sandbox.deliveries().find((delivery) => delivery.kind === 'callback');
 * callback?.result?.status; // 200
 * ```
 */
export interface DeliveryRecord {
  readonly id: number;
  readonly kind: DeliveryKind;
  /** The webhook topic, the result document's `data.type`, or `legacy`. */
  readonly label: string;
  readonly url: string;
  /** The exact body bytes sent, as text. */
  readonly body: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly attempts: readonly DeliveryAttempt[];
  readonly result?: DeliveryResult;
}

/**
 * A record being filled in while its delivery runs.
 *
 * @example
 * ```ts
 * const open = log.open(entry);
 * open.addAttempt(attempt);
 * open.finish(result);
 * ```
 */
export interface OpenDelivery {
  addAttempt(attempt: DeliveryAttempt): void;
  finish(result: DeliveryResult): void;
}

/**
 * The log of deliveries, in start order.
 *
 * @example
 * ```ts
 * const log: DeliveryLog = createDeliveryLog();
 * log.list(); // []
 * ```
 */
export interface DeliveryLog {
  open(entry: Omit<DeliveryRecord, 'id' | 'attempts' | 'result'>): OpenDelivery;
  list(): DeliveryRecord[];
}

function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    copy[lower] = lower === 'authorization' ? `${value.split(' ')[0] ?? ''} [redacted]` : value;
  }
  return copy;
}

/**
 * Creates an empty delivery log.
 *
 * @example
 * ```ts
 * const log = createDeliveryLog();
 * const open = log.open({ kind: 'webhook', label: 'customer_created', url, body, headers });
 * ```
 */
export function createDeliveryLog(): DeliveryLog {
  const records: { record: DeliveryRecord; attempts: DeliveryAttempt[]; result?: DeliveryResult }[] = [];
  return {
    open(entry) {
      const slot: (typeof records)[number] = {
        record: { ...entry, headers: redactHeaders(entry.headers), id: records.length + 1, attempts: [] },
        attempts: [],
      };
      records.push(slot);
      return {
        addAttempt(attempt) {
          slot.attempts.push(attempt);
        },
        finish(result) {
          slot.result = result;
        },
      };
    },
    list() {
      return records.map((slot) => ({
        ...slot.record,
        attempts: [...slot.attempts],
        ...(slot.result ? { result: slot.result } : {}),
      }));
    },
  };
}
