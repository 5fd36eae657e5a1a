import {
  createHttpClient,
  isTenderError,
  OutcomeUnknownError,
  redactSecrets,
  type TenderError,
  ValidationError,
} from '@tender/core';
import * as v from 'valibot';
import { type KtwidgetConfig, type ResolvedKtwidgetConfig, resolveKtwidgetConfig } from '../config.ts';
import type { KtwidgetHosts } from '../hosts.ts';
import { callbackToken, callbackTokenMatches, callbackUrlWithToken } from './callback-token.ts';
import {
  KtwidgetApiError,
  type KtwidgetErrorEnvelope,
  parseKtwidgetErrorBody,
  readKtwidgetError,
} from './errors.ts';
import { checkKtwidgetOrder, type KtwidgetOrder, toWireOrder } from './order.ts';
import { sealForKtpay } from './seal.ts';
import { KtwidgetCreatedSchema, type KtwidgetTransaction, ktwidgetWidgetUrl } from './transaction.ts';

/**
 * The path of the create-transaction call (§6.2), joined to the fintech host.
 *
 * @example
 * ```ts
 * `${KTWIDGET_HOSTS.production.fintech}${KTWIDGET_PAYMENT_PATH}`; // 'https://fintech.nplus.tech/api/v1/merchant-widget/payment'
 * ```
 */
export const KTWIDGET_PAYMENT_PATH = '/api/v1/merchant-widget/payment';

/**
 * The KTWidget client: everything KTPay's server API offers a merchant backend.
 *
 * @example
 * ```ts
 * const client: KtwidgetClient = createKtwidgetClient(config);
 * const { widgetUrl, transactionHash } = await client.createTransaction(order);
 * ```
 */
export interface KtwidgetClient {
  /** The merchant id callbacks must carry. */
  readonly merchantId: number;
  /** The fintech and widget hosts in use. */
  readonly hosts: KtwidgetHosts;
  /**
   * Seals `{"order": {...}}` to the app key and posts it (§6.2). Resolves with the transaction and its
   * widget URL; throws `ValidationError` for a bad order (nothing sent), `KtwidgetApiError` for any KTPay
   * error envelope, `OutcomeUnknownError` when the answer was lost or unreadable.
   */
  createTransaction(order: KtwidgetOrder): Promise<KtwidgetTransaction>;
  /** The `callback_post_url` (with token) an order is given, or `undefined` without a callback URL. */
  callbackUrlFor(orderId: string, base?: string): string | undefined;
  /** Whether `token` is the callback token of `orderId` (constant time). */
  callbackTokenMatches(orderId: string, token: string | null | undefined): boolean;
}

/**
 * Creates a KTWidget client. A bad configuration throws a `ValidationError` naming the field.
 *
 * @example
 * ```ts
 * const client = createKtwidgetClient({
 *   appId: process.env.KTPAY_APP_ID!,
 *   appKey: process.env.KTPAY_APP_KEY!,
 *   merchantId: 42,
 *   environment: 'test',
 *   callbackUrl: 'https://shop.example.kz/webhooks/ktwidget',
 *   callbackSecret: process.env.KTPAY_CALLBACK_SECRET!,
 * });
 * const transaction = await client.createTransaction({ orderId: 'INV-1', amount: parseMoney('1000', 'KZT') });
 * ```
 */
export function createKtwidgetClient(config: KtwidgetConfig): KtwidgetClient {
  const settings = resolveKtwidgetConfig(config);
  const http = createHttpClient({
    provider: 'ktwidget',
    baseUrl: settings.hosts.fintech,
    userAgent: settings.userAgent,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
    ...(settings.events === undefined ? {} : { events: settings.events }),
    ...(settings.debug === undefined ? {} : { debug: settings.debug }),
    parseErrorBody: parseKtwidgetErrorBody,
    secrets: settings.callbackSecret === undefined ? [] : [settings.callbackSecret],
  });
  const callbackUrlFor = (orderId: string, base = settings.callbackUrl) =>
    base === undefined || settings.callbackSecret === undefined
      ? undefined
      : callbackUrlWithToken(base, settings.callbackSecret, orderId, settings.tokenParameter);

  return {
    merchantId: settings.merchantId,
    hosts: settings.hosts,
    callbackUrlFor,
    callbackTokenMatches: (orderId, token) =>
      settings.callbackSecret !== undefined && callbackTokenMatches(settings.callbackSecret, orderId, token),
    async createTransaction(order) {
      const checked = checkKtwidgetOrder(order);
      // A callback URL without its token would be refused by the source: the result would be lost.
      if (checked.callbackPostUrl !== undefined && settings.callbackSecret === undefined) {
        throw new ValidationError(
          'Invalid KTWidget order',
          [{ path: 'callbackPostUrl', message: 'needs the client option callbackSecret to sign it' }],
          { provider: 'ktwidget', operation: 'createTransaction' },
        );
      }
      const callbackPostUrl = callbackUrlFor(
        checked.orderId,
        checked.callbackPostUrl ?? settings.callbackUrl,
      );
      const wire = toWireOrder(checked, callbackPostUrl);
      const body = await sealForKtpay(settings.appKey, { order: wire });
      const hidden =
        callbackPostUrl === undefined
          ? []
          : [new URL(callbackPostUrl).search, callbackToken(settings.callbackSecret ?? '', checked.orderId)];
      let refused: KtwidgetErrorEnvelope | undefined;
      const answer = await http
        .request({
          method: 'POST',
          path: KTWIDGET_PAYMENT_PATH,
          text: body,
          headers: { 'content-type': 'text/plain', 'auth-identifier': settings.appId },
          operation: 'createTransaction',
          // A repeat could create a second transaction: never re-sent, a lost answer is "outcome unknown".
          movesMoney: true,
          secrets: hidden,
          parseErrorBody: (parsed, text) => {
            refused = readKtwidgetError(parsed);
            return parseKtwidgetErrorBody(parsed, text);
          },
        })
        .catch((error: unknown) => {
          throw refused !== undefined && isTenderError(error) ? apiError(refused, error, hidden) : error;
        });
      return transactionFrom(
        settings,
        checked.orderId,
        checked.amount,
        callbackPostUrl,
        answer.status,
        answer.body,
        hidden,
      );
    },
  };
}

function redacted(envelope: KtwidgetErrorEnvelope, hidden: readonly string[]): KtwidgetErrorEnvelope {
  const clean = (text: string | undefined) => (text === undefined ? undefined : redactSecrets(text, hidden));
  const fields: Record<string, string> = {};
  for (const [name, text] of Object.entries(envelope.fields)) fields[name] = redactSecrets(text, hidden);
  return { code: envelope.code, message: clean(envelope.message), hint: clean(envelope.hint), fields };
}

function apiError(
  envelope: KtwidgetErrorEnvelope,
  cause: TenderError,
  hidden: readonly string[],
): KtwidgetApiError {
  return new KtwidgetApiError(redacted(envelope, hidden), {
    operation: 'createTransaction',
    status: cause.status,
    cause,
  });
}

function transactionFrom(
  settings: ResolvedKtwidgetConfig,
  orderId: string,
  amount: KtwidgetTransaction['amount'],
  callbackPostUrl: string | undefined,
  status: number,
  body: unknown,
  hidden: readonly string[],
): KtwidgetTransaction {
  const created = v.safeParse(KtwidgetCreatedSchema, body);
  if (!created.success) {
    // KTPay's status codes are UNKNOWN; an error envelope can come with 200 (the PHP SDK reads only the body).
    const envelope = readKtwidgetError(body);
    if (envelope !== undefined) {
      throw new KtwidgetApiError(redacted(envelope, hidden), { operation: 'createTransaction', status });
    }
    throw new OutcomeUnknownError(
      `KTPay answered POST ${KTWIDGET_PAYMENT_PATH} with ${status} but no transaction_hash and no error: the transaction may or may not exist. Do not resend order ${orderId}; create a new order if the payer tries again.`,
      { provider: 'ktwidget', operation: 'createTransaction', status },
    );
  }
  const { transaction_hash: transactionHash, show_close_button } = created.output.response.data;
  // Before API v2.1 the answer had no show_close_button; KTPay's default is true (§5).
  const showCloseButton = show_close_button ?? true;
  return {
    orderId,
    amount,
    transactionHash,
    showCloseButton,
    widgetUrl: ktwidgetWidgetUrl(
      settings.hosts.widget,
      transactionHash,
      showCloseButton,
      settings.widgetUrlStyle,
    ),
    widgetOrigin: new URL(settings.hosts.widget).origin,
    callbackPostUrl,
    raw: body,
  };
}
