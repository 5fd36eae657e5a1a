import type { WebhookOutcome } from '@tender/core';

/**
 * One line about one answered delivery. It never holds headers, bodies, payloads or secrets: only where the
 * delivery came in, how it was answered and which events it carried.
 *
 * @example
 * ```ts
 * const entry: WebhookLogEntry = {
 *   level: 'info', message: 'accepted', path: '/webhooks/k2', source: 'k2',
 *   status: 200, outcome: 'accepted', eventIds: ['k2:4f1a'],
 * };
 * ```
 */
export interface WebhookLogEntry {
  /** `info` for accepted and declined deliveries, `warn` for refused ones, `error` for failed ones. */
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly path: string;
  readonly source?: string;
  readonly status: number;
  readonly outcome: WebhookOutcome['kind'];
  readonly eventIds: readonly string[];
}

/**
 * The router's optional logging hook, called once per answered delivery. Errors it throws are ignored.
 *
 * @example
 * ```ts
 * const logger: WebhookLogger = (entry) => console[entry.level](`${entry.status} ${entry.path}: ${entry.message}`);
 * ```
 */
export type WebhookLogger = (entry: WebhookLogEntry) => void;
