import type { HttpClient } from '@tender/core';
import type * as v from 'valibot';
import { type K2Created, postCreate } from './created.ts';
import { externalRecipientBody, K2ExternalRecipientRequestSchema } from './external-recipients.ts';
import { incomingPaymentBody, K2IncomingPaymentRequestSchema } from './incoming-payments.ts';
import { K2PaymentLinkRequestSchema, paymentLinkBody } from './payment-links.ts';
import { K2PollingRequestSchema, pollingBody } from './polling.ts';
import { K2ReversalRequestSchema, reversalBody } from './reversals.ts';
import { K2SendMoneyRequestSchema, sendMoneyBody } from './send-money.ts';
import {
  K2MerchantBankAccountRequestSchema,
  K2MerchantWalletRequestSchema,
  merchantBankAccountBody,
  merchantWalletBody,
} from './transfer-accounts.ts';
import { parseK2Input } from './validation.ts';
import { K2WebhookSubscriptionRequestSchema, webhookSubscriptionBody } from './webhook-subscriptions.ts';

/**
 * One K2 endpoint that creates something: its path, the schema of the caller's camelCase input, the
 * snake_case body built from the checked input, and whether K2 could move money on it (which decides that
 * it is never re-sent and that a lost answer is an OutcomeUnknownError).
 *
 * @example
 * ```ts
 * const polling: K2CreateEndpoint<typeof K2PollingRequestSchema> = K2_CREATE_ENDPOINTS['polling.create'];
 * ```
 */
export interface K2CreateEndpoint<TSchema extends v.GenericSchema> {
  /** The path under the K2 base URL, such as `/api/v2/incoming_payments`. */
  readonly path: string;
  /** The valibot schema the caller's input must pass. */
  readonly schema: TSchema;
  /** Builds K2's JSON body from the checked input. */
  readonly body: (request: v.InferOutput<TSchema>) => Record<string, unknown>;
  /** Whether repeating the call could move money twice: such calls are never re-sent automatically. */
  readonly movesMoney: boolean;
}

/**
 * A row of {@link K2_CREATE_ENDPOINTS}: the endpoint and its `wire` step.
 *
 * @example
 * ```ts
 * const body = K2_CREATE_ENDPOINTS['reversals.create'].wire(input, 'reversals.create');
 * ```
 */
export interface K2CreateRow<TSchema extends v.GenericSchema> extends K2CreateEndpoint<TSchema> {
  /** Checks a caller's input against the schema and builds the body (a ValidationError, nothing sent). */
  readonly wire: (input: unknown, operation: string) => Record<string, unknown>;
}

/**
 * A row of the table: the spec, whose body builder must take its own schema's output, and `wire`, which
 * checks a caller's input against that schema and builds the body (a ValidationError, nothing sent).
 */
const endpoint = <const TSchema extends v.GenericSchema>(
  spec: K2CreateEndpoint<TSchema>,
): K2CreateRow<TSchema> => ({
  ...spec,
  wire: (input: unknown, operation: string) => spec.body(parseK2Input(spec.schema, input, operation)),
});

/**
 * The nine K2 create endpoints, by operation name (the name errors and events carry). Each becomes a
 * client method that checks the input (a ValidationError naming every bad field, nothing sent), posts the
 * body and resolves to the new resource's `{ location, id }`.
 *
 * @example
 * ```ts
 * K2_CREATE_ENDPOINTS['sendMoney.create'].movesMoney; // true
 * ```
 */
export const K2_CREATE_ENDPOINTS = {
  'webhooks.subscribe': endpoint({
    path: '/api/v2/webhook_subscriptions',
    schema: K2WebhookSubscriptionRequestSchema,
    body: webhookSubscriptionBody,
    movesMoney: false,
  }),
  // An STK push sent twice prompts the payer twice and may charge twice.
  'incomingPayments.create': endpoint({
    path: '/api/v2/incoming_payments',
    schema: K2IncomingPaymentRequestSchema,
    body: incomingPaymentBody,
    movesMoney: true,
  }),
  'externalRecipients.create': endpoint({
    path: '/api/v2/external_recipients',
    schema: K2ExternalRecipientRequestSchema,
    body: externalRecipientBody,
    movesMoney: false,
  }),
  'transferAccounts.createBankAccount': endpoint({
    path: '/api/v2/merchant_bank_accounts',
    schema: K2MerchantBankAccountRequestSchema,
    body: merchantBankAccountBody,
    movesMoney: false,
  }),
  'transferAccounts.createWallet': endpoint({
    path: '/api/v2/merchant_wallets',
    schema: K2MerchantWalletRequestSchema,
    body: merchantWalletBody,
    movesMoney: false,
  }),
  'sendMoney.create': endpoint({
    path: '/api/v2/send_money',
    schema: K2SendMoneyRequestSchema,
    body: sendMoneyBody,
    movesMoney: true,
  }),
  // A repeated poll replays the same transactions again; it moves no money.
  'polling.create': endpoint({
    path: '/api/v2/polling',
    schema: K2PollingRequestSchema,
    body: pollingBody,
    movesMoney: false,
  }),
  'reversals.create': endpoint({
    path: '/api/v2/reversals',
    schema: K2ReversalRequestSchema,
    body: reversalBody,
    movesMoney: true,
  }),
  // A second link would let the payer pay twice; treated like a money-moving call.
  'paymentLinks.create': endpoint({
    path: '/api/v2/payment_links',
    schema: K2PaymentLinkRequestSchema,
    body: paymentLinkBody,
    movesMoney: true,
  }),
} as const;

/**
 * The name of one of the nine create operations.
 *
 * @example
 * ```ts
 * const operation: K2CreateOperation = 'reversals.create';
 * ```
 */
export type K2CreateOperation = keyof typeof K2_CREATE_ENDPOINTS;

/**
 * The client method of one create operation: the caller's input in, `{ location, id }` out.
 *
 * @example
 * ```ts
 * const reverse: K2Create<'reversals.create'> = client.reversals.create;
 * ```
 */
export type K2Create<TOperation extends K2CreateOperation> = (
  request: v.InferInput<(typeof K2_CREATE_ENDPOINTS)[TOperation]['schema']>,
) => Promise<K2Created>;

/**
 * Builds the client method of one create operation from its row of {@link K2_CREATE_ENDPOINTS}.
 *
 * @example
 * ```ts
 * const createReversal = k2Create(transport.api, 'reversals.create');
 * ```
 */
export function k2Create<const TOperation extends K2CreateOperation>(
  api: HttpClient,
  operation: TOperation,
): K2Create<TOperation> {
  const { path, wire, movesMoney } = K2_CREATE_ENDPOINTS[operation];
  return async (input) => postCreate(api, { path, body: wire(input, operation), operation, movesMoney });
}
