import { currencyExponent, type Money, MoneySchema, parseOrThrow, toWireNumber } from '@tender/core';
import * as v from 'valibot';

const UrlSchema = v.pipe(
  v.string('must be a URL string'),
  v.url('must be an absolute URL'),
  v.check((url) => /^https?:\/\//i.test(url), 'must use http or https'),
);

const KztAmountSchema = v.pipe(
  MoneySchema,
  v.check((amount) => amount.currency === 'KZT', 'must be in KZT: KTPay amounts carry no currency (§5)'),
  v.check((amount) => amount.minor > 0, 'must be more than zero'),
);

/**
 * A KTWidget order (reference §5) in tender's words. `amount` is exact `Money` in KZT (sent as a JSON number
 * with at most two decimals); `service` is required for `type: 'service'`. The URLs are KTPay's optional
 * redirect targets; `callbackPostUrl` replaces the configured callback URL for this order (its token is
 * added either way).
 *
 * @example
 * ```ts
 * const order: KtwidgetOrder = {
 *   orderId: 'INV-20240412-0098',
 *   amount: parseMoney('15500.50', 'KZT'),
 *   type: 'ecom',
 *   description: 'Order 98',
 *   successUrl: 'https://shop.example.kz/pay/ok',
 *   failedUrl: 'https://shop.example.kz/pay/fail',
 * };
 * ```
 */
export const KtwidgetOrderSchema = v.pipe(
  v.object({
    orderId: v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be blank')),
    amount: KztAmountSchema,
    type: v.optional(v.picklist(['ecom', 'service'], "must be 'ecom' or 'service'"), 'ecom'),
    service: v.optional(
      v.object({
        serviceId: v.union(
          [v.pipe(v.number(), v.integer(), v.minValue(1)), v.pipe(v.string(), v.trim(), v.nonEmpty())],
          'must be a positive whole number or a non-blank string',
        ),
        contractValue: v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be blank')),
      }),
    ),
    description: v.optional(v.string('must be a string')),
    backUrl: v.optional(UrlSchema),
    successUrl: v.optional(UrlSchema),
    failedUrl: v.optional(UrlSchema),
    forceBackUrl: v.optional(UrlSchema),
    forceSuccessUrl: v.optional(UrlSchema),
    forceFailedUrl: v.optional(UrlSchema),
    callbackPostUrl: v.optional(UrlSchema),
    /** @default true */
    showCloseButton: v.optional(v.boolean('must be a boolean')),
  }),
  v.forward(
    v.check(
      (order) => order.type !== 'service' || order.service !== undefined,
      "is required when type is 'service'",
    ),
    ['service'],
  ),
  v.forward(
    v.check((order) => order.type === 'service' || order.service === undefined, "is only for type 'service'"),
    ['service'],
  ),
);

/** @example const order: KtwidgetOrder = { orderId: 'INV-1', amount: money(100000, 'KZT') }; */
export type KtwidgetOrder = v.InferInput<typeof KtwidgetOrderSchema>;

/** @example const checked: CheckedKtwidgetOrder = checkKtwidgetOrder(order); // type is 'ecom' when not given */
export type CheckedKtwidgetOrder = v.InferOutput<typeof KtwidgetOrderSchema>;

/**
 * The `order` object exactly as KTPay reads it (§5), with snake_case names.
 *
 * @example
 * ```ts
 * const wire: KtwidgetWireOrder = { order_id: 'INV-1', amount: 1000, type: 'ecom' };
 * ```
 */
export interface KtwidgetWireOrder {
  order_id: string;
  amount: number;
  type: 'ecom' | 'service';
  service?: { service_id: number | string; contract_value: string };
  description?: string;
  callback_back_url?: string;
  callback_success_url?: string;
  callback_failed_url?: string;
  callback_post_url?: string;
  callback_force_back_url?: string;
  callback_force_success_url?: string;
  callback_force_failed_url?: string;
  show_close_button?: boolean;
}

/**
 * Checks an order; a bad one throws a `ValidationError` naming each field, and nothing is sent.
 *
 * @example
 * ```ts
 * const checked = checkKtwidgetOrder({ orderId: 'INV-1', amount: parseMoney('1000', 'KZT') });
 * ```
 */
export function checkKtwidgetOrder(order: KtwidgetOrder): CheckedKtwidgetOrder {
  return parseOrThrow(KtwidgetOrderSchema, order, 'Invalid KTWidget order', {
    provider: 'ktwidget',
    operation: 'createTransaction',
  });
}

/**
 * The amount as KTPay's `amount`: a JSON number with at most two decimals (`1550050` minor KZT is `15500.5`).
 * KZT has two decimals, so `Money` already enforces the limit; the number is exact on the wire.
 *
 * @example
 * ```ts
 * ktwidgetWireAmount(money(1550050, 'KZT')); // 15500.5
 * ```
 */
export function ktwidgetWireAmount(amount: Money): number {
  if (currencyExponent(amount.currency) > 2) throw new TypeError('KTPay amounts have at most two decimals');
  return toWireNumber(amount, { path: 'amount' });
}

/**
 * The wire `order` of a checked order, fields in the order KTPay's documentation lists them.
 *
 * @example
 * ```ts
 * JSON.stringify({ order: toWireOrder(checked, callbackPostUrl) });
 * ```
 */
export function toWireOrder(
  order: CheckedKtwidgetOrder,
  callbackPostUrl: string | undefined,
): KtwidgetWireOrder {
  const wire: KtwidgetWireOrder = {
    order_id: order.orderId,
    amount: ktwidgetWireAmount(order.amount),
    type: order.type,
  };
  if (order.service) {
    wire.service = { service_id: order.service.serviceId, contract_value: order.service.contractValue };
  }
  if (order.description !== undefined) wire.description = order.description;
  if (order.backUrl !== undefined) wire.callback_back_url = order.backUrl;
  if (order.successUrl !== undefined) wire.callback_success_url = order.successUrl;
  if (order.failedUrl !== undefined) wire.callback_failed_url = order.failedUrl;
  if (callbackPostUrl !== undefined) wire.callback_post_url = callbackPostUrl;
  if (order.forceBackUrl !== undefined) wire.callback_force_back_url = order.forceBackUrl;
  if (order.forceSuccessUrl !== undefined) wire.callback_force_success_url = order.forceSuccessUrl;
  if (order.forceFailedUrl !== undefined) wire.callback_force_failed_url = order.forceFailedUrl;
  if (order.showCloseButton !== undefined) wire.show_close_button = order.showCloseButton;
  return wire;
}
