/**
 * K2 resource documents: the `{ data: { id, type, attributes } }` documents `GET <Location>` returns and
 * result callbacks POST, one tolerant valibot schema per type, and K2's amounts as exact Money.
 *
 * @example
 * ```ts
 * import { k2AmountToMoney, parseK2Resource } from '@tender/k2';
 *
 * const resource = parseK2Resource(document);
 * if (resource.type === 'payment_link') k2AmountToMoney(resource.attributes.amount, resource.attributes.currency);
 * ```
 * @module
 */
export { type K2Amount, K2AmountSchema, k2AmountToMoney } from './amount.ts';
export { k2ResourceDocument } from './define.ts';
export {
  K2_RESOURCE_TYPES,
  type K2OtherResource,
  type K2Resource,
  type K2ResourceDocument,
  type K2ResourceOf,
  K2ResourceSchema,
  parseK2Resource,
} from './document.ts';
export {
  K2EchoedMetadataSchema,
  K2ErrorsSchema,
  K2PhoneSchema,
  K2ResourceLinksSchema,
  K2TextSchema,
  k2ErrorText,
  k2Status,
} from './fields.ts';
export { type K2IncomingPaymentDocument, K2IncomingPaymentDocumentSchema } from './incoming-payment.ts';
export { type K2PayRecipientDocument, K2PayRecipientDocumentSchema } from './pay-recipient.ts';
export { type K2PaymentLinkDocument, K2PaymentLinkDocumentSchema } from './payment-link.ts';
export { type K2PollingDocument, K2PollingDocumentSchema } from './polling.ts';
export { type K2ReversalDocument, K2ReversalDocumentSchema } from './reversal.ts';
export { type K2SendMoneyDocument, K2SendMoneyDocumentSchema } from './send-money.ts';
export { type K2SmsNotificationDocument, K2SmsNotificationDocumentSchema } from './sms-notification.ts';
export { type K2TransactionResource, K2TransactionResourceSchema } from './transaction.ts';
export {
  type K2MerchantBankAccountDocument,
  K2MerchantBankAccountDocumentSchema,
  type K2MerchantWalletDocument,
  K2MerchantWalletDocumentSchema,
} from './transfer-account.ts';
export {
  type K2Disbursement,
  K2DisbursementSchema,
  type K2TransferBatch,
  K2TransferBatchSchema,
} from './transfer-batch.ts';
export {
  type K2SettlementTransferDocument,
  K2SettlementTransferDocumentSchema,
  type K2V1PaymentDocument,
  K2V1PaymentDocumentSchema,
} from './v1-transfer.ts';
export {
  type K2WebhookSubscriptionDocument,
  K2WebhookSubscriptionDocumentSchema,
} from './webhook-subscription.ts';
