import * as v from 'valibot';
import { K2AmountSchema } from './amount.ts';
import { K2PhoneSchema, K2TextSchema, k2Status } from './fields.ts';

/**
 * One money movement into the merchant as K2 describes it in webhooks (`event.resource`), in STK push results
 * (`attributes.event.resource`) and in polling results (`transactions[].resource`), reference §4.4, §5.1,
 * §5.5. Every field is optional because each topic carries a different subset: customer-created resources
 * have no `id`, m2m ones no `reference`, card ones a masked card number instead of a phone.
 *
 * @example
 * ```ts
 * const resource = v.parse(K2TransactionResourceSchema, webhook.event.resource);
 * resource.reference; // 'TAB3CD4EF5'
 * ```
 */
export const K2TransactionResourceSchema = v.looseObject({
  id: K2TextSchema,
  /** The M-PESA (or card) transaction reference. */
  reference: K2TextSchema,
  amount: K2AmountSchema,
  currency: K2TextSchema,
  status: k2Status<'Received' | 'Reversed' | 'Complete' | 'Voided'>(),
  /** Free text (`"Lipa Na M-PESA"`, `"Lipa Na Mpesa"`, `"M-PESA"`): not to be matched on. */
  system: K2TextSchema,
  till_number: K2TextSchema,
  /** When the transaction began; on a reversed or voided resource, still the original payment's time. */
  origination_time: K2TextSchema,
  /**
   * When a reversal happened. Only the Python SDK reads it (buy goods reversed) and no fixture has it
   * (reference §4.4, [UNCLEAR]): ISO-8601 text or, as K2 writes times elsewhere, Unix seconds. An
   * unreadable value is ignored rather than refusing the webhook.
   */
  reversal_time: v.nullish(v.union([v.string(), v.number()])),
  sender_phone_number: K2PhoneSchema,
  /** A 64-hex digest of the payer's phone (v2 buy-goods and some STK results). */
  hashed_sender_phone: K2TextSchema,
  sender_first_name: K2TextSchema,
  sender_middle_name: K2TextSchema,
  sender_last_name: K2TextSchema,
  /** b2b: the till that paid. */
  sending_till: K2TextSchema,
  /** m2m: the name of the merchant that paid. */
  sending_merchant: K2TextSchema,
  /** card: the masked card number. */
  customer_cc_number: K2TextSchema,
});

/** @example const reference = (resource: K2TransactionResource) => resource.reference; */
export type K2TransactionResource = v.InferOutput<typeof K2TransactionResourceSchema>;
