import {
  type CollectRequest,
  defineProvider,
  type NotifyRequest,
  type Operation,
  type OperationStatus,
  type Provider,
  ValidationError,
} from '@tender/core';
import { createKtwidgetClient, type KtwidgetClient } from '../client/client.ts';
import type { KtwidgetTransaction } from '../client/transaction.ts';
import type { KtwidgetConfig } from '../config.ts';

/**
 * The capabilities KTWidget declares: card collection and per-transaction callbacks. KTPay publishes no
 * payout, refund or link API (§8), so `payout`, `reverse` and `link` are absent.
 *
 * @example
 * ```ts
 * KTWIDGET_CAPABILITIES.includes('reverse'); // false
 * ```
 */
export const KTWIDGET_CAPABILITIES = ['collect', 'notify'] as const;

/**
 * The KTWidget provider's type.
 *
 * @example
 * ```ts
 * const ktwidget: KtwidgetProvider = createKtwidgetProvider(config);
 * ```
 */
export type KtwidgetProvider = Provider<(typeof KTWIDGET_CAPABILITIES)[number]>;

/**
 * The last known state of an operation, from the merchant's own records (fed by callbacks): a KTPay status
 * such as `'completed'`, or `undefined` when nothing is known yet.
 *
 * @example
 * ```ts
 * const lookup: KtwidgetStatusLookup = async (operation) => db.ktpayStatus(operation.id);
 * ```
 */
export type KtwidgetStatusLookup = (operation: Operation) => Promise<string | undefined> | string | undefined;

/**
 * Options of {@link createKtwidgetProvider}: a KTWidget configuration (or an existing `client`) and an
 * optional `lookupStatus` for `status()`.
 *
 * @example
 * ```ts
 * const options: KtwidgetProviderOptions = { ...config, lookupStatus: (operation) => db.ktpayStatus(operation.id) };
 * ```
 */
export type KtwidgetProviderOptions = {
  readonly lookupStatus?: KtwidgetStatusLookup;
  /** Where the widget sends the payer after paying, sent with every `collect` (§9.7). */
  readonly redirectUrls?: KtwidgetRedirectUrls;
} & ({ readonly client: KtwidgetClient } | (KtwidgetConfig & { readonly client?: undefined }));

/**
 * The payer's way back to the shop after paying (`callback_success_url`, `callback_failed_url`,
 * `callback_back_url`). Which of them KTPay prefers when several apply is UNKNOWN (§9.7).
 *
 * @example
 * ```ts
 * const redirectUrls: KtwidgetRedirectUrls = { success: 'https://shop.example.kz/paid', failed: 'https://shop.example.kz/failed' };
 * ```
 */
export interface KtwidgetRedirectUrls {
  readonly success?: string;
  readonly failed?: string;
  readonly back?: string;
}

const STATUS_MAP: Readonly<Record<string, OperationStatus>> = {
  pending: 'pending',
  authorized: 'pending',
  success: 'pending',
  completed: 'succeeded',
  error: 'failed',
  denied: 'failed',
};

function invalid(operation: string, path: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${operation} request`, [{ path, message }], {
    provider: 'ktwidget',
    operation,
  });
}

function collectOperation(transaction: KtwidgetTransaction): Operation {
  return {
    provider: 'ktwidget',
    kind: 'collect',
    id: transaction.transactionHash,
    reference: transaction.transactionHash,
    status: 'pending',
    providerStatus: 'pending',
    merchantReference: transaction.orderId,
    amount: transaction.amount,
    nextAction: {
      type: 'open_widget',
      parameters: {
        url: transaction.widgetUrl,
        widgetOrigin: transaction.widgetOrigin,
        transactionHash: transaction.transactionHash,
      },
    },
    raw: transaction.raw,
  };
}

async function collect(
  client: KtwidgetClient,
  redirectUrls: KtwidgetRedirectUrls,
  request: CollectRequest,
): Promise<Operation> {
  if (request.reference === undefined) {
    throw invalid('collect', 'reference', "is required: it is KTPay's order_id, unique per transaction");
  }
  if (request.amount.currency !== 'KZT') {
    throw invalid('collect', 'amount', 'must be in KZT: KTPay amounts carry no currency');
  }
  const transaction = await client.createTransaction({
    orderId: request.reference,
    amount: request.amount,
    type: 'ecom',
    ...(request.description === undefined ? {} : { description: request.description }),
    ...(request.callbackUrl === undefined ? {} : { callbackPostUrl: request.callbackUrl }),
    ...(redirectUrls.success === undefined ? {} : { successUrl: redirectUrls.success }),
    ...(redirectUrls.failed === undefined ? {} : { failedUrl: redirectUrls.failed }),
    ...(redirectUrls.back === undefined ? {} : { backUrl: redirectUrls.back }),
  });
  return collectOperation(transaction);
}

function notify(client: KtwidgetClient, request: NotifyRequest): Operation {
  if (request.mode === 'poll') {
    throw invalid(
      'notify',
      'mode',
      'KTPay has no polling or status API: results arrive only at the callback URL',
    );
  }
  const orderId = request.scopeReference;
  if (orderId === undefined) {
    throw invalid('notify', 'scopeReference', 'is required: the order id whose callback URL to make');
  }
  const url = client.callbackUrlFor(orderId, request.url);
  if (url === undefined) {
    throw invalid('notify', 'url', 'needs a callbackSecret in the configuration to add the token');
  }
  return {
    provider: 'ktwidget',
    kind: 'notify',
    id: orderId,
    reference: url,
    status: 'succeeded',
    merchantReference: orderId,
    raw: { callback_post_url: url },
  };
}

async function status(lookup: KtwidgetStatusLookup | undefined, operation: Operation): Promise<Operation> {
  if (operation.provider !== 'ktwidget') {
    throw invalid(
      'status',
      'provider',
      `is "${operation.provider}": this provider reads only its own operations`,
    );
  }
  if (operation.kind !== 'collect' || lookup === undefined) return operation;
  const known = await lookup(operation);
  if (known === undefined) return operation;
  return { ...operation, status: STATUS_MAP[known] ?? 'unknown', providerStatus: known };
}

/**
 * Creates the KTWidget {@link Provider}:
 *
 * - `collect` seals and creates an `ecom` transaction (`reference` is the order id, `amount` in KZT,
 *   `callbackUrl` replaces the configured callback base) and returns a `pending` operation whose `id` is the
 *   transaction hash and whose `nextAction` is `{ type: 'open_widget', parameters: { url, widgetOrigin,
 *   transactionHash } }`: redirect the payer to `url` or hand it to `@tender/ktwidget/browser`. For `service`
 *   payments use the client's `createTransaction`. `redirectUrls` are sent with every order.
 * - `notify` (`mode: 'subscribe'`, `scopeReference`: the order id, `url`: the callback base) returns the
 *   order's `callback_post_url` with its token as the operation's `reference`; KTPay has no subscriptions.
 * - `status` cannot ask KTPay (no status endpoint is published): it answers from `lookupStatus` (your
 *   records of callbacks) when given, else returns the operation as it was.
 *
 * @example
 * ```ts
 * const ktwidget = createKtwidgetProvider({ appId, appKey, merchantId: 42, environment: 'test', callbackUrl, callbackSecret });
 * const operation = await ktwidget.collect({ amount: parseMoney('4990', 'KZT'), payer: {}, reference: 'ORD-1' });
 * if (operation.nextAction?.type === 'open_widget') redirect(String(operation.nextAction.parameters.url));
 * ```
 */
export function createKtwidgetProvider(options: KtwidgetProviderOptions): KtwidgetProvider {
  const { lookupStatus, redirectUrls = {}, client: given, ...config } = options;
  if (given !== undefined && Object.keys(config).length > 0) {
    throw new ValidationError(
      'Invalid KTWidget provider configuration',
      [{ path: 'client', message: 'give either a client or a KTWidget configuration, not both' }],
      { provider: 'ktwidget' },
    );
  }
  if (lookupStatus !== undefined && typeof lookupStatus !== 'function') {
    throw new ValidationError(
      'Invalid KTWidget provider configuration',
      [{ path: 'lookupStatus', message: 'must be a function' }],
      { provider: 'ktwidget' },
    );
  }
  const client = given ?? createKtwidgetClient(config as KtwidgetConfig);
  return defineProvider({
    name: 'ktwidget',
    capabilities: KTWIDGET_CAPABILITIES,
    collect: (request) => collect(client, redirectUrls, request),
    notify: async (request) => notify(client, request),
    status: (operation) => status(lookupStatus, operation),
  });
}
