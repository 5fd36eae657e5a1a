import * as v from 'valibot';
import { K2AmountSchema } from './amount.ts';
import { k2ResourceDocument } from './define.ts';
import {
  K2EchoedMetadataSchema,
  K2ErrorsSchema,
  K2ResourceLinksSchema,
  K2TextSchema,
  k2Status,
} from './fields.ts';
import { K2TransferBatchSchema } from './transfer-batch.ts';

const v1TransferAttributes = {
  status: k2Status<'Processed'>(),
  created_at: K2TextSchema,
  /** `value` is `null` for a blind settlement transfer. */
  amount: v.nullish(v.looseObject({ currency: K2TextSchema, value: K2AmountSchema })),
  transfer_batches: v.nullish(v.array(K2TransferBatchSchema)),
  errors: K2ErrorsSchema,
  metadata: K2EchoedMetadataSchema,
  _links: K2ResourceLinksSchema,
};

/**
 * A v1 payment to a pay recipient (`payment`, reference §3.9 and §5.4): `amount{currency,value}` plus
 * transfer batches whose `destination_type` is title case (`"Mobile Wallet"`).
 *
 * @example
 * ```ts
 * v.parse(K2V1PaymentDocumentSchema, document).data.attributes.amount?.value; // 2000
 * ```
 */
export const K2V1PaymentDocumentSchema = k2ResourceDocument(v.literal('payment'), v1TransferAttributes);

/** @example const amount = (document: K2V1PaymentDocument) => document.data.attributes.amount; */
export type K2V1PaymentDocument = v.InferOutput<typeof K2V1PaymentDocumentSchema>;

/**
 * A v1 settlement transfer to the merchant's own account (`settlement_transfer`, reference §3.9 and §5.4).
 *
 * @example
 * ```ts
 * v.parse(K2SettlementTransferDocumentSchema, document).data.attributes.transfer_batches?.length;
 * ```
 */
export const K2SettlementTransferDocumentSchema = k2ResourceDocument(
  v.literal('settlement_transfer'),
  v1TransferAttributes,
);

/** @example const batches = (document: K2SettlementTransferDocument) => document.data.attributes.transfer_batches; */
export type K2SettlementTransferDocument = v.InferOutput<typeof K2SettlementTransferDocumentSchema>;
