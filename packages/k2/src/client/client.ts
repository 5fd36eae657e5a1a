import { inspect } from 'node:util';
import { type K2Config, resolveK2Config } from '../config.ts';
import { type K2Create, k2Create } from './create-endpoints.ts';
import { createOAuth, type K2OAuth } from './oauth.ts';
import { type K2PaymentLinkCancelled, paymentLinkCanceller } from './payment-links.ts';
import { createStatusReader, type K2StatusReader } from './status.ts';
import { createK2Transport } from './transport.ts';

/** `client.webhooks`. @example await client.webhooks.subscribe({ eventType: 'buygoods_transaction_received', url, scope: 'till', scopeReference: '556677' }); */
export type K2Webhooks = { readonly subscribe: K2Create<'webhooks.subscribe'> };
/** `client.incomingPayments` without `status`. @example const { location } = await client.incomingPayments.create(request); */
export type K2IncomingPayments = { readonly create: K2Create<'incomingPayments.create'> };
/** `client.externalRecipients`. @example await client.externalRecipients.create(recipient); */
export type K2ExternalRecipients = { readonly create: K2Create<'externalRecipients.create'> };
/** `client.transferAccounts`. @example await client.transferAccounts.createWallet(wallet); */
export type K2TransferAccounts = {
  readonly createBankAccount: K2Create<'transferAccounts.createBankAccount'>;
  readonly createWallet: K2Create<'transferAccounts.createWallet'>;
};
/** `client.sendMoney` without `status`. @example await client.sendMoney.create(request); */
export type K2SendMoneyCreate = { readonly create: K2Create<'sendMoney.create'> };
/** `client.polling`. @example await client.polling.create(request); */
export type K2Polling = { readonly create: K2Create<'polling.create'> };
/** `client.reversals`. @example await client.reversals.create(request); */
export type K2Reversals = { readonly create: K2Create<'reversals.create'> };
/** `client.paymentLinks` without `status`. @example await client.paymentLinks.cancel(link.location); */
export type K2PaymentLinksActions = {
  readonly create: K2Create<'paymentLinks.create'>;
  /** `POST <Location>/cancel`; `reference` is the Location URL or the link id. */
  readonly cancel: (reference: string) => Promise<K2PaymentLinkCancelled>;
};

/**
 * The full K2 Connect v2 client: every endpoint, grouped by resource, each method taking camelCase input
 * checked by a valibot schema (a ValidationError naming every bad field, and nothing sent) and building
 * K2's snake_case body. Create calls resolve to `{ location, id }`; `status(location)` reads any created
 * resource back.
 *
 * Secrets stay in closures: logging the client, `util.inspect` and `JSON.stringify` show the base URL only.
 *
 * @example
 * ```ts
 * const client = createK2Client({ clientId, clientSecret, apiKey, environment: 'sandbox' });
 * const { location } = await client.incomingPayments.create({
 *   tillNumber: 'K776655',
 *   subscriber: { phoneNumber: '0711000111' },
 *   amount: parseMoney('250', 'KES'),
 *   callbackUrl: 'https://shop.example/k2/results/stk',
 * });
 * const result = await client.status(location);
 * ```
 */
export interface K2Client {
  /** The K2 base URL every path is joined to. */
  readonly baseUrl: string;
  /** Tokens: `token`, `revoke`, `introspect`, `info`. */
  readonly oauth: K2OAuth;
  /** Webhook subscriptions. */
  readonly webhooks: K2Webhooks;
  /** STK push requests and their results. */
  readonly incomingPayments: K2IncomingPayments & {
    /** `GET <Location>` of an incoming payment; throws a ValidationError if the document is of another type. */
    status: K2StatusReader['incomingPayment'];
  };
  /** Recipients saved for later payouts. */
  readonly externalRecipients: K2ExternalRecipients;
  /** The merchant's own bank accounts and wallets. */
  readonly transferAccounts: K2TransferAccounts;
  /** Payouts to external destinations and own accounts, and sweeps. */
  readonly sendMoney: K2SendMoneyCreate & {
    /** `GET <Location>` of a send-money payout; throws a ValidationError if the document is of another type. */
    status: K2StatusReader['sendMoney'];
  };
  /** Replays of past transactions to a callback URL. */
  readonly polling: K2Polling;
  /** Reversals of incoming transactions. */
  readonly reversals: K2Reversals;
  /** Payment links: create, cancel, status. */
  readonly paymentLinks: K2PaymentLinksActions & {
    /** `GET <Location>` of a payment link; throws a ValidationError if the document is of another type. */
    status: K2StatusReader['paymentLink'];
  };
  /** `GET <Location>` of any created resource, parsed into its typed document. */
  readonly status: K2StatusReader['any'];
}

/**
 * Creates a {@link K2Client}. The configuration is checked at once: a bad one throws a ValidationError
 * naming each offending field (and never quoting a secret).
 *
 * @example
 * ```ts
 * const client = createK2Client({
 *   clientId: process.env.K2_CLIENT_ID!,
 *   clientSecret: process.env.K2_CLIENT_SECRET!,
 *   apiKey: process.env.K2_API_KEY!,
 *   environment: 'production',
 * });
 * ```
 */
export function createK2Client(config: K2Config): K2Client {
  const transport = createK2Transport(resolveK2Config(config));
  const status = createStatusReader(transport);
  const create = <const TOperation extends Parameters<typeof k2Create>[1]>(operation: TOperation) =>
    k2Create(transport.api, operation);
  const client: K2Client = {
    baseUrl: transport.config.baseUrl,
    oauth: Object.freeze(createOAuth(transport)),
    webhooks: Object.freeze({ subscribe: create('webhooks.subscribe') }),
    incomingPayments: Object.freeze({
      create: create('incomingPayments.create'),
      status: status.incomingPayment,
    }),
    externalRecipients: Object.freeze({ create: create('externalRecipients.create') }),
    transferAccounts: Object.freeze({
      createBankAccount: create('transferAccounts.createBankAccount'),
      createWallet: create('transferAccounts.createWallet'),
    }),
    sendMoney: Object.freeze({ create: create('sendMoney.create'), status: status.sendMoney }),
    polling: Object.freeze({ create: create('polling.create') }),
    reversals: Object.freeze({ create: create('reversals.create') }),
    paymentLinks: Object.freeze({
      create: create('paymentLinks.create'),
      cancel: paymentLinkCanceller(transport.api),
      status: status.paymentLink,
    }),
    status: status.any,
  };
  Object.defineProperties(client, {
    toJSON: { value: () => ({ baseUrl: client.baseUrl }) },
    [inspect.custom]: { value: () => `K2Client { baseUrl: '${client.baseUrl}' }` },
  });
  return Object.freeze(client);
}
