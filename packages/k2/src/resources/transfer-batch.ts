import * as v from 'valibot';
import { K2AmountSchema } from './amount.ts';
import { K2ErrorsSchema, K2PhoneSchema, K2TextSchema, k2Status } from './fields.ts';

/**
 * One payment inside a transfer batch (reference §5.2, §5.4): how much went where, and the M-PESA or bank
 * reference once it moved. The destination's own fields follow `destination_type` (only mobile-wallet
 * samples exist; v2 writes `mobile_wallet`, v1 `"Mobile Wallet"`).
 *
 * @example
 * ```ts
 * v.parse(K2DisbursementSchema, { amount: '1500.0', status: 'Transferred', transaction_reference: 'TCC1LM2NP3' });
 * ```
 */
export const K2DisbursementSchema = v.looseObject({
  amount: K2AmountSchema,
  status: k2Status<'Transferred'>(),
  errors: K2ErrorsSchema,
  destination_type: K2TextSchema,
  destination_reference: K2TextSchema,
  transaction_reference: K2TextSchema,
  origination_time: K2TextSchema,
  phone_number: K2PhoneSchema,
  nickname: K2TextSchema,
});

/** @example const reference = (leg: K2Disbursement) => leg.transaction_reference; */
export type K2Disbursement = v.InferOutput<typeof K2DisbursementSchema>;

/**
 * A batch of disbursements (send money has one per destination in the samples).
 *
 * @example
 * ```ts
 * v.parse(K2TransferBatchSchema, { status: 'Transferred', amount: '1500.0', disbursements: [] });
 * ```
 */
export const K2TransferBatchSchema = v.looseObject({
  status: k2Status<'Transferred'>(),
  amount: K2AmountSchema,
  disbursements: v.nullish(v.array(K2DisbursementSchema)),
});

/** @example const count = (batch: K2TransferBatch) => batch.disbursements?.length ?? 0; */
export type K2TransferBatch = v.InferOutput<typeof K2TransferBatchSchema>;
