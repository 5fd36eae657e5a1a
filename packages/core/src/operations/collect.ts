import * as v from 'valibot';
import { HttpUrlSchema, MetadataSchema, NonBlankSchema, RequestAmountSchema } from './common.ts';
import { strictRequest } from './strict-request.ts';

/**
 * Who is asked to pay. Providers need different parts: K2 needs the phone number, KTWidget nothing (the
 * payer types a card), Paykassma the payer's transaction id at activation.
 *
 * @example
 * ```ts
 * const payer: Payer = { phone: '+254711000111', firstName: 'Amina' };
 * ```
 */
export const PayerSchema = strictRequest({
  phone: v.optional(NonBlankSchema),
  firstName: v.optional(v.string()),
  middleName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  email: v.optional(v.pipe(v.string(), v.email('must be an email address'))),
  /** The payer's id in the merchant's system (Paykassma `custom_user_id`). */
  customerId: v.optional(NonBlankSchema),
});

/** @example const payer: Payer = { phone: '0711000111' }; */
export type Payer = v.InferOutput<typeof PayerSchema>;

/**
 * Ask a payer for money.
 *
 * @example
 * ```ts
 * const request: CollectRequest = {
 *   amount: parseMoney('250', 'KES'),
 *   payer: { phone: '+254711000111' },
 *   reference: 'ORD-20931',
 *   callbackUrl: 'https://shop.example/k2/results/stk',
 * };
 * ```
 */
export const CollectRequestSchema = strictRequest({
  amount: RequestAmountSchema,
  /** Who is asked to pay: the phone for M-PESA, the customer id for Paykassma; `{}` for KTPay's card form. */
  payer: PayerSchema,
  /** The merchant's own reference (order id); echoed in events where the provider supports it. */
  reference: v.optional(NonBlankSchema),
  description: v.optional(v.string()),
  /** Where the provider sends the result; providers with a fixed URL ignore it. */
  callbackUrl: v.optional(HttpUrlSchema),
  metadata: v.optional(MetadataSchema),
});

/** @example const request: CollectRequest = { amount: money(25000, 'KES'), payer: { phone: '+254711000111' } }; */
export type CollectRequest = v.InferOutput<typeof CollectRequestSchema>;
