import type { Money } from '@tender/core';
import * as v from 'valibot';
import type { WidgetUrlStyle } from '../config.ts';

/**
 * KTPay's success answer to a created transaction (§6.3, API v2.1): `response.data.transaction_hash` and,
 * since v2.1, `show_close_button`. The hash is checked to be a plain token (40 hex characters in every
 * sample) because it goes into the widget URL.
 *
 * @example
 * ```ts
 * v.parse(KtwidgetCreatedSchema, { error: [], response: { success: true, data: { transaction_hash: 'af7e…', show_close_button: true } } });
 * ```
 */
export const KtwidgetCreatedSchema = v.object({
  response: v.object({
    success: v.literal(true),
    data: v.object({
      transaction_hash: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/)),
      show_close_button: v.optional(v.boolean()),
    }),
  }),
});

/** @example const created: KtwidgetCreated = v.parse(KtwidgetCreatedSchema, body); */
export type KtwidgetCreated = v.InferOutput<typeof KtwidgetCreatedSchema>;

/**
 * A transaction KTPay created: its hash (persist it with the order: callbacks are matched by it), the
 * widget URL to show the payer, and what was sent.
 *
 * @example
 * ```ts
 * const transaction: KtwidgetTransaction = await client.createTransaction(order);
 * response.redirect(transaction.widgetUrl);
 * ```
 */
export interface KtwidgetTransaction {
  readonly orderId: string;
  readonly amount: Money;
  readonly transactionHash: string;
  readonly showCloseButton: boolean;
  /** `{widget}/payment-card?hash=…` as configured by `widgetUrlStyle`. */
  readonly widgetUrl: string;
  /** The widget's origin: the only origin whose messages the browser part trusts. */
  readonly widgetOrigin: string;
  /** The `callback_post_url` sent with the order (with its token), when one was. */
  readonly callbackPostUrl: string | undefined;
  /** KTPay's answer as received. */
  readonly raw: unknown;
}

/**
 * The widget URL (§6.4). With the default `'original'` style it is formed exactly as KTPay's browser client
 * forms it: `{widget}/payment-card?hash=<hash>&show_close_button<true|false>`, no `=`.
 *
 * @example
 * ```ts
 * ktwidgetWidgetUrl('https://widget.nplus.tech', 'af7e…', true, 'original');
 * // 'https://widget.nplus.tech/payment-card?hash=af7e…&show_close_buttontrue'
 * ```
 */
export function ktwidgetWidgetUrl(
  widgetHost: string,
  transactionHash: string,
  showCloseButton: boolean,
  style: WidgetUrlStyle,
): string {
  const base = `${widgetHost}/payment-card?hash=${encodeURIComponent(transactionHash)}`;
  if (style === 'omit') return base;
  return style === 'query'
    ? `${base}&show_close_button=${String(showCloseButton)}`
    : `${base}&show_close_button${String(showCloseButton)}`;
}
