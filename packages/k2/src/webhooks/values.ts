import type { Money, Party } from '@tender/core';
import { k2AmountToMoney } from '../resources/amount.ts';

/** A non-empty string, or a number written as text (K2 sends some phones as numbers); else undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A plain object, or an empty one, so nested K2 fields can be read without guards everywhere. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** An ISO-8601 time with its offset as a Date, or undefined when absent or unreadable. */
export function instant(value: unknown): Date | undefined {
  const written = text(value);
  if (!written) return undefined;
  const date = new Date(written);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Drops undefined fields, so optional properties stay absent (exactOptionalPropertyTypes). */
export function compact<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  // a plain loop: this runs several times per delivery, and entries/filter/fromEntries showed in profiles
  const kept: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) kept[key] = value[key];
  return kept as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The payer of a K2 transaction resource (`sender_*` fields). */
export function sender(resource: Record<string, unknown>): Party {
  return compact({
    firstName: text(resource.sender_first_name),
    middleName: text(resource.sender_middle_name),
    lastName: text(resource.sender_last_name),
    phone: text(resource.sender_phone_number),
    phoneHash: text(resource.hashed_sender_phone),
    account: text(resource.sending_till) ?? text(resource.customer_cc_number),
    name: text(resource.sending_merchant),
  });
}

/** Metadata as K2 echoes it, when it is an object of scalars. */
export function metadataOf(value: unknown): Record<string, string | number | boolean | null> | undefined {
  const entries = Object.entries(record(value)).filter(
    ([, field]) => field === null || ['string', 'number', 'boolean'].includes(typeof field),
  ) as [string, string | number | boolean | null][];
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * The merchant's reference where K2 echoes it: tender's provider sends it as `metadata.reference`; other
 * callers often use `order_id`.
 */
export function merchantReferenceOf(metadata: Record<string, unknown> | undefined): string | undefined {
  return text(metadata?.reference) ?? text(metadata?.order_id);
}

/** An amount read from an untyped field: text or a number as K2 sent it, else nothing. */
export function moneyOf(value: unknown, currency: unknown): Money | undefined {
  const amount = typeof value === 'string' || typeof value === 'number' ? value : undefined;
  return k2AmountToMoney(amount, typeof currency === 'string' ? currency : undefined);
}
