import { inspect } from 'node:util';
import { type K2Config, resolveK2Config } from '../config.ts';
import { createExternalRecipients, type K2ExternalRecipients } from './external-recipients.ts';
import { createIncomingPayments, type K2IncomingPayments } from './incoming-payments.ts';
import { createOAuth, type K2OAuth } from './oauth.ts';
import { createPaymentLinks, type K2PaymentLinksActions } from './payment-links.ts';
import { createPolling, type K2Polling } from './polling.ts';
import { createReversals, type K2Reversals } from './reversals.ts';
import { createSendMoney, type K2SendMoneyCreate } from './send-money.ts';
import { createStatusReader, type K2StatusReader } from './status.ts';
import { createTransferAccounts, type K2TransferAccounts } from './transfer-accounts.ts';
import { createK2Transport } from './transport.ts';
import { createWebhooks, type K2Webhooks } from './webhook-subscriptions.ts';

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
  readonly incomingPayments: K2IncomingPayments & { status: K2StatusReader['incomingPayment'] };
  /** Recipients saved for later payouts. */
  readonly externalRecipients: K2ExternalRecipients;
  /** The merchant's own bank accounts and wallets. */
  readonly transferAccounts: K2TransferAccounts;
  /** Payouts to external destinations and own accounts, and sweeps. */
  readonly sendMoney: K2SendMoneyCreate & { status: K2StatusReader['sendMoney'] };
  /** Replays of past transactions to a callback URL. */
  readonly polling: K2Polling;
  /** Reversals of incoming transactions. */
  readonly reversals: K2Reversals;
  /** Payment links: create, cancel, status. */
  readonly paymentLinks: K2PaymentLinksActions & { status: K2StatusReader['paymentLink'] };
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
  const client: K2Client = {
    baseUrl: transport.config.baseUrl,
    oauth: Object.freeze(createOAuth(transport)),
    webhooks: Object.freeze(createWebhooks(transport)),
    incomingPayments: Object.freeze({ ...createIncomingPayments(transport), status: status.incomingPayment }),
    externalRecipients: Object.freeze(createExternalRecipients(transport)),
    transferAccounts: Object.freeze(createTransferAccounts(transport)),
    sendMoney: Object.freeze({ ...createSendMoney(transport), status: status.sendMoney }),
    polling: Object.freeze(createPolling(transport)),
    reversals: Object.freeze(createReversals(transport)),
    paymentLinks: Object.freeze({ ...createPaymentLinks(transport), status: status.paymentLink }),
    status: status.any,
  };
  Object.defineProperties(client, {
    toJSON: { value: () => ({ baseUrl: client.baseUrl }) },
    [inspect.custom]: { value: () => `K2Client { baseUrl: '${client.baseUrl}' }` },
  });
  return Object.freeze(client);
}
