import {
  type FieldIssue,
  type PaymentSucceededEvent,
  parseMoney,
  quoteValue,
  toFieldIssues,
  ValidationError,
  type WebhookRequest,
} from '@tender/core';
import * as v from 'valibot';
import { parseWallClock, toInstant } from './date-time.ts';
import { type LegacyFields, LegacyFieldsSchema } from './fields.ts';
import { normalizeKenyanPhone } from './phone.ts';

/**
 * The notification's fields: from the form body, or from the query string when the body is empty (the
 * seed shows both). The two are never mixed: a body with fields is the whole notification.
 *
 * @example
 * ```ts
 * const fields = readLegacyFields(request); // { k2_transaction_id: '15', ... }
 * ```
 */
export function readLegacyFields(request: WebhookRequest): Record<string, string> {
  const body = new TextDecoder('utf-8').decode(request.rawBody).trim();
  const params = body.length > 0 ? new URLSearchParams(body) : request.query;
  return Object.fromEntries(params.entries());
}

/**
 * Turns one legacy notification into a normalized `payment.succeeded` event, or throws a
 * {@link ValidationError} listing every missing or malformed field together.
 *
 * @example
 * ```ts
 * const event = decodeLegacyNotification(fields, 'Africa/Nairobi');
 * event.id; // 'k2-legacy:15'
 * ```
 */
export function decodeLegacyNotification(
  record: Record<string, string>,
  timeZone: string,
): PaymentSucceededEvent {
  const parsed = v.safeParse(LegacyFieldsSchema, record);
  if (!parsed.success) {
    throw new ValidationError('Invalid legacy K2 notification', toFieldIssues(parsed.issues), {
      provider: 'k2-legacy',
    });
  }
  const fields: LegacyFields = parsed.output;
  const issues: FieldIssue[] = [];
  const clock = parseWallClock(fields.transaction_date, fields.transaction_time);
  if (Array.isArray(clock)) issues.push(...clock);
  let amount: ReturnType<typeof parseMoney> | undefined;
  try {
    amount = parseMoney(fields.amount, fields.currency);
  } catch (error) {
    const detail =
      error instanceof ValidationError ? error.issues.map((issue) => issue.message).join('; ') : '';
    issues.push({ path: 'amount', message: detail || `${quoteValue(fields.amount)} is not an amount` });
  }
  if (issues.length > 0 || Array.isArray(clock) || amount === undefined) {
    throw new ValidationError('Invalid legacy K2 notification', issues, { provider: 'k2-legacy' });
  }
  return {
    id: `k2-legacy:${fields.k2_transaction_id}`,
    type: 'payment.succeeded',
    provider: 'k2-legacy',
    providerEvent: 'legacy_notification',
    occurredAt: toInstant(clock, timeZone),
    providerReference: fields.mp_transaction_id,
    amount,
    channel: 'paybill',
    payer: withoutEmpty({
      firstName: fields.first_name,
      middleName: fields.middle_name,
      lastName: fields.last_name,
      phone: normalizeKenyanPhone(fields.sender),
      account: fields.sender,
    }),
    payee: { account: fields.biller_number, id: fields.k2_account_id },
    ...(fields.ac_no ? { accountNumber: fields.ac_no } : {}),
    raw: record,
  };
}

function withoutEmpty<T extends Record<string, string | undefined>>(value: T): { [K in keyof T]?: string } {
  return Object.fromEntries(
    Object.entries(value).filter(([, text]) => text !== undefined && text !== ''),
  ) as {
    [K in keyof T]?: string;
  };
}
