import {
  type PlainJson,
  parseJsonText,
  parseMoneyFromWire,
  parseWireOrThrow,
  ValidationError,
} from '@tender/core';
import { type KtwidgetCallback, KtwidgetCallbackSchema } from './callback.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a callback body: strict UTF-8, JSON (read by core's `parseJsonText`, so a numeric amount a double
 * cannot hold exactly stays its source text and is never rounded; nesting is bounded), then the schema.
 * Throws `ValidationError` (the router answers 400) naming what is wrong.
 *
 * @example
 * ```ts
 * const callback = readKtwidgetCallback(request.rawBody);
 * ```
 */
export function readKtwidgetCallback(rawBody: Uint8Array): KtwidgetCallback {
  let text: string;
  try {
    text = decoder.decode(rawBody);
  } catch {
    throw new ValidationError('Invalid KTWidget callback', [{ path: '', message: 'is not UTF-8 JSON' }], {
      provider: 'ktwidget',
    });
  }
  const parsed: PlainJson = parseJsonText(text, { provider: 'ktwidget' });
  const callback = parseWireOrThrow(KtwidgetCallbackSchema, parsed, 'Invalid KTWidget callback', {
    provider: 'ktwidget',
  });
  // Checked here once, so every later step can read the amount without a second failure mode.
  parseMoneyFromWire(callback.amount, 'KZT');
  return callback;
}

/**
 * The order id of a callback as text (`1` and `"1"` name the same order).
 *
 * @example
 * ```ts
 * orderIdOf(callback); // 'INV-20240412-0098'
 * ```
 */
export function orderIdOf(callback: KtwidgetCallback): string {
  return String(callback.order_id);
}
