import type { Metadata } from '@tender/core';

/**
 * Text worth keeping: a non-blank string as is, a number written out (K2 sends some phones as JSON numbers),
 * otherwise `undefined`.
 *
 * @example
 * ```ts
 * text(254711000111); // '254711000111'
 * text(''); // undefined
 * ```
 */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Drops the `undefined` fields of an object, so optional properties stay absent rather than present and
 * `undefined` (exactOptionalPropertyTypes, and cleaner `deepEqual` for users).
 *
 * @example
 * ```ts
 * compact({ phone: '+254711000111', email: undefined }); // { phone: '+254711000111' }
 * ```
 */
export function compact<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  // A plain loop: this runs several times per delivery, and entries/filter/fromEntries showed in profiles.
  const kept: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) kept[key] = value[key];
  return kept as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * The merchant's metadata K2 echoed, as event metadata: its scalar entries (K2 documents a flat object),
 * or `undefined` when there are none.
 *
 * @example
 * ```ts
 * metadataOf({ order_id: 'ORD-1', nested: { x: 1 } }); // { order_id: 'ORD-1' }
 * ```
 */
export function metadataOf(
  value: Readonly<Record<string, unknown>> | null | undefined,
): Metadata | undefined {
  const entries = Object.entries(value ?? {}).filter(
    (entry): entry is [string, string | number | boolean | null] =>
      entry[1] === null || ['string', 'number', 'boolean'].includes(typeof entry[1]),
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * The merchant's reference of an operation, from the metadata K2 echoes in results. tender's K2 provider
 * sends it as `metadata.reference`; K2's own examples use `metadata.order_id`, so that is read next. Webhooks
 * for payments the merchant did not ask for carry no metadata and so no merchant reference.
 *
 * @example
 * ```ts
 * merchantReferenceOf({ reference: 'INV-7' }); // 'INV-7'
 * ```
 */
export function merchantReferenceOf(
  metadata: Readonly<Record<string, unknown>> | null | undefined,
): string | undefined {
  return text(metadata?.reference) ?? text(metadata?.order_id);
}

/**
 * The last path segment of a URL (`_links.resource` of a webhook names the resource this way).
 *
 * @example
 * ```ts
 * lastSegment('https://sandbox.kopokopo.com/mobile_money_user/4f5e'); // '4f5e'
 * ```
 */
export function lastSegment(url: string | null | undefined): string | undefined {
  return text(url?.split(/[?#]/)[0]?.split('/').filter(Boolean).at(-1));
}
