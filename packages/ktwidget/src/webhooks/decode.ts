import { type Metadata, parseMoneyFromWire, type TenderEvent, ValidationError } from '@tender/core';
import type { KtwidgetCallback } from './callback.ts';
import { orderIdOf } from './read.ts';

/**
 * The event id of a callback: stable across KTPay's re-sends (same transaction, same status), different
 * for a new status of the same transaction.
 *
 * @example
 * ```ts
 * ktwidgetEventId(callback); // 'ktwidget:af7ed500…:completed'
 * ```
 */
export function ktwidgetEventId(callback: KtwidgetCallback): string {
  return `ktwidget:${callback.transaction_hash}:${callback.status.status}`;
}

function instantOf(callback: KtwidgetCallback): Date {
  const text = callback.status.created_at ?? callback.updated_at ?? callback.created_at;
  if (text === null || text === undefined) {
    throw new ValidationError(
      'Invalid KTWidget callback',
      [{ path: 'status.created_at', message: 'is missing, and so are updated_at and created_at' }],
      { provider: 'ktwidget' },
    );
  }
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) {
    throw new ValidationError(
      'Invalid KTWidget callback',
      [{ path: 'status.created_at', message: 'must be an ISO 8601 date-time' }],
      { provider: 'ktwidget' },
    );
  }
  return at;
}

/**
 * Turns a verified callback into its event (§9.4):
 * `completed` -> `payment.succeeded`; `error` / `denied` -> `payment.failed` with `failureReason`
 * `"<error_type>: <error_message>"` and both in `metadata` (`errorType`, `errorMessage`); every other status
 * (`pending`, `authorized`, `success`, or one the reference does not list) -> `provider.event`, which is
 * not final. `merchantReference` is the order id, `providerReference` the transaction hash.
 *
 * @example
 * ```ts
 * decodeKtwidgetCallback(callback).type; // 'payment.succeeded'
 * ```
 */
export function decodeKtwidgetCallback(callback: KtwidgetCallback): TenderEvent {
  const status = callback.status.status;
  const base = {
    id: ktwidgetEventId(callback),
    provider: 'ktwidget',
    providerEvent: status,
    occurredAt: instantOf(callback),
    merchantReference: orderIdOf(callback),
    providerReference: callback.transaction_hash,
    raw: callback,
  };
  const amount = parseMoneyFromWire(callback.amount, 'KZT');
  const metadata: Metadata = { merchantId: String(callback.merchant_id) };
  if (callback.description !== null && callback.description !== undefined)
    metadata.description = callback.description;
  if (status === 'completed') {
    return { ...base, type: 'payment.succeeded', amount, channel: 'card', metadata };
  }
  if (status === 'error' || status === 'denied') {
    const errorType = callback.status.error?.error_type ?? undefined;
    const errorMessage = callback.status.error?.error_message ?? undefined;
    if (errorType !== undefined) metadata.errorType = errorType;
    if (errorMessage !== undefined) metadata.errorMessage = errorMessage;
    const reason = [errorType, errorMessage].filter((part) => part !== undefined && part !== '').join(': ');
    return {
      ...base,
      type: 'payment.failed',
      amount,
      channel: 'card',
      failureReason: reason === '' ? status : reason,
      metadata,
    };
  }
  return { ...base, type: 'provider.event', metadata };
}
