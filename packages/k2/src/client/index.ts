export { createK2Client, type K2Client } from './client.ts';
export { type K2Created, resourceIdFromLocation } from './created.ts';
export { parseK2ErrorBody } from './errors.ts';
export {
  type K2ExternalRecipientRequest,
  K2ExternalRecipientRequestSchema,
  type K2ExternalRecipients,
} from './external-recipients.ts';
export {
  K2_STK_PAYMENT_CHANNEL,
  type K2IncomingPaymentRequest,
  K2IncomingPaymentRequestSchema,
  type K2IncomingPayments,
} from './incoming-payments.ts';
export { formatK2Time } from './k2-time.ts';
export {
  K2AccessToken,
  type K2OAuth,
  type K2TokenInfo,
  type K2TokenInfoRequest,
  type K2TokenIntrospection,
  type K2TokenRequest,
} from './oauth.ts';
export {
  type K2PaymentLinkCancelled,
  type K2PaymentLinkRequest,
  K2PaymentLinkRequestSchema,
  type K2PaymentLinksActions,
} from './payment-links.ts';
export {
  KENYAN_PHONE_MESSAGE,
  type KenyanPhoneStyle,
  kenyanPhoneSchema,
  normalizeKenyanPhone,
} from './phone.ts';
export { type K2Polling, type K2PollingRequest, K2PollingRequestSchema } from './polling.ts';
export { type K2ReversalRequest, K2ReversalRequestSchema, type K2Reversals } from './reversals.ts';
export {
  type K2SendMoneyCreate,
  type K2SendMoneyDestination,
  K2SendMoneyDestinationSchema,
  type K2SendMoneyRequest,
  K2SendMoneyRequestSchema,
} from './send-money.ts';
export {
  type K2MerchantBankAccountRequest,
  K2MerchantBankAccountRequestSchema,
  type K2MerchantWalletRequest,
  K2MerchantWalletRequestSchema,
  type K2TransferAccounts,
} from './transfer-accounts.ts';
export { K2_MAX_METADATA_ENTRIES, type K2Metadata, K2MetadataSchema, type K2Scope } from './validation.ts';
export {
  isK2SubscriptionEventType,
  K2_DARAJA_EVENT_TYPES,
  K2_SUBSCRIPTION_EVENT_TYPES,
  type K2SubscriptionEventType,
  type K2WebhookSubscriptionRequest,
  K2WebhookSubscriptionRequestSchema,
  type K2Webhooks,
} from './webhook-subscriptions.ts';
