export {
  createK2Client,
  type K2Client,
  type K2ExternalRecipients,
  type K2IncomingPayments,
  type K2PaymentLinksActions,
  type K2Polling,
  type K2Reversals,
  type K2SendMoneyCreate,
  type K2TransferAccounts,
  type K2Webhooks,
} from './client.ts';
export type { K2Create, K2CreateOperation } from './create-endpoints.ts';
export { type K2Created, resourceIdFromLocation } from './created.ts';
export { parseK2ErrorBody } from './errors.ts';
export {
  type K2ExternalRecipientRequest,
  K2ExternalRecipientRequestSchema,
} from './external-recipients.ts';
export {
  K2_STK_PAYMENT_CHANNEL,
  type K2IncomingPaymentRequest,
  K2IncomingPaymentRequestSchema,
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
} from './payment-links.ts';
export {
  KENYAN_PHONE_MESSAGE,
  type KenyanPhoneStyle,
  kenyanPhoneSchema,
  normalizeKenyanPhone,
} from './phone.ts';
export { type K2PollingRequest, K2PollingRequestSchema } from './polling.ts';
export { type K2ReversalRequest, K2ReversalRequestSchema } from './reversals.ts';
export {
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
} from './transfer-accounts.ts';
export { K2_MAX_METADATA_ENTRIES, type K2Metadata, K2MetadataSchema, type K2Scope } from './validation.ts';
export {
  isK2SubscriptionEventType,
  K2_DARAJA_EVENT_TYPES,
  K2_SUBSCRIPTION_EVENT_TYPES,
  type K2SubscriptionEventType,
  type K2WebhookSubscriptionRequest,
  K2WebhookSubscriptionRequestSchema,
} from './webhook-subscriptions.ts';
