import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import {
  createHttpClient,
  type HttpResponse,
  OutcomeUnknownError,
  ProviderError,
  parseOrThrow,
  redactSecrets,
  ValidationError,
} from '@tender/core';
import * as v from 'valibot';
import { type PaykassmaConfig, type ResolvedPaykassmaConfig, resolvePaykassmaConfig } from '../config.ts';
import { KBZPAY_CURRENCY, toKyat } from '../kyat.ts';
import { parsePaykassmaErrorBody, readFail, refusedError } from './answers.ts';
import {
  type ActivationInput,
  ActivationInputSchema,
  type DepositInput,
  DepositInputSchema,
  type PaymentWindowInput,
  PaymentWindowInputSchema,
  type WithdrawalInput,
  WithdrawalInputSchema,
} from './inputs.ts';
import { signWithdrawal } from './withdrawal-signature.ts';

/**
 * The wallet type of every call: this adapter is KBZPay Manual only.
 *
 * @example
 * ```ts
 * KBZPAY_WALLET_TYPE; // 'kbzpay_manual'
 * ```
 */
export const KBZPAY_WALLET_TYPE = 'kbzpay_manual';

/**
 * The wallet details to show the payer, as `createDeposit` returns them. `params` is Paykassma's open map
 * (for KBZPay the key is literally `"kbzpay number"`, with a space); `kbzpayNumber` is that entry.
 *
 * @example
 * ```ts
 * const { kbzpayNumber } = await client.createDeposit({ label: 'user-58213' });
 * ```
 */
export interface PaykassmaDeposit {
  readonly kbzpayNumber: string | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly raw: unknown;
}

/**
 * A withdrawal Paykassma accepted (`{"status":"ok"}`): accepted, not paid; the outcome comes by postback.
 *
 * @example
 * ```ts
 * const { withdrawalId } = await client.createWithdrawal(input);
 * ```
 */
export interface PaykassmaWithdrawal {
  readonly withdrawalId: string;
  readonly raw: unknown;
}

/**
 * The full Paykassma KBZPay Manual client: the payment window URL, deposit creation, activation and
 * withdrawals. Every input is checked before anything is sent (a ValidationError naming each bad field);
 * every `{"status":"fail"}` answer is a `ProviderError` with Paykassma's message and a `providerCode` from
 * {@link PAYKASSMA_ERROR_CODES}. Secrets stay in closures: `util.inspect` and `JSON.stringify` show the hosts.
 *
 * @example
 * ```ts
 * const client = createPaykassmaClient(config);
 * const { kbzpayNumber } = await client.createDeposit({ label: 'user-58213' });
 * ```
 */
export interface PaykassmaClient {
  readonly apiUrl: string;
  readonly pluginUrl: string;
  /** The payment window URL (reference §4): no request is made. */
  paymentWindowUrl(input: PaymentWindowInput): string;
  /** `POST /api/v1/transaction/create/kbzpay_manual`: the wallet to pay to (reference §5.1). */
  createDeposit(input: DepositInput): Promise<PaykassmaDeposit>;
  /** `POST /api/v1/possible-transaction`, multipart, with the screenshot (reference §5.2). */
  activate(input: ActivationInput): Promise<{ readonly raw: unknown }>;
  /** `POST /v2/withdrawal/create`, signed (reference §9); never re-sent automatically. */
  createWithdrawal(input: WithdrawalInput): Promise<PaykassmaWithdrawal>;
}

const DepositAnswerSchema = v.object({
  status: v.literal('ok'),
  params: v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.null()])),
});
const ActivationAnswerSchema = v.union([
  v.object({ status: v.literal('success'), code: v.optional(v.literal(20000)) }),
  v.object({ status: v.literal('ok') }),
]);
const WithdrawalAnswerSchema = v.object({ status: v.literal('ok') });

/**
 * Creates a {@link PaykassmaClient}. The configuration is checked at once: a bad one throws a
 * ValidationError naming each offending field (never quoting a secret).
 *
 * @example
 * ```ts
 * const client = createPaykassmaClient({
 *   domain: 'merchant.example',
 *   pluginapiSecret: process.env.PAYKASSMA_PLUGINAPI_SECRET!,
 *   postbackPrivateKey: process.env.PAYKASSMA_POSTBACK_PRIVATE_KEY!,
 *   paymentUrlIds: { success: 2, pending: 3, fail: 1 },
 * });
 * ```
 */
export function createPaykassmaClient(config: PaykassmaConfig): PaykassmaClient {
  const settings = resolvePaykassmaConfig(config);
  const http = createHttpClient({
    provider: 'paykassma',
    baseUrl: settings.apiUrl,
    userAgent: settings.userAgent,
    parseErrorBody: parsePaykassmaErrorBody,
    secrets: [...settings.secrets],
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
    ...(settings.events === undefined ? {} : { events: settings.events }),
    ...(settings.debug === undefined ? {} : { debug: settings.debug }),
  });
  const redact = (text: string) => redactSecrets(text, settings.secrets);
  const client: PaykassmaClient = {
    apiUrl: settings.apiUrl,
    pluginUrl: settings.pluginUrl,
    paymentWindowUrl: (input) => paymentWindowUrl(settings, input),
    async createDeposit(input) {
      const { label } = check(DepositInputSchema, input, 'createDeposit');
      const response = await http.request({
        method: 'POST',
        path: `/api/v1/transaction/create/${KBZPAY_WALLET_TYPE}`,
        searchParams: { secret: settings.pluginapiSecret },
        json: { currency: KBZPAY_CURRENCY, label },
        operation: 'createDeposit',
        movesMoney: false,
      });
      const answer = expectAnswer(DepositAnswerSchema, response, 'createDeposit', redact);
      const params = Object.fromEntries(
        Object.entries(answer.params).map(([key, value]) => [key, value === null ? '' : String(value)]),
      );
      return { kbzpayNumber: params['kbzpay number'], params, raw: response.body };
    },
    async activate(input) {
      const checked = check(ActivationInputSchema, input, 'activate');
      const amount = toKyat(checked.amount, 'amount');
      checkScreenshot(settings, checked.screenshot);
      const form = new FormData();
      form.set('currency_code', KBZPAY_CURRENCY);
      form.set('wallet_type', KBZPAY_WALLET_TYPE);
      form.set('label', checked.label);
      form.set('key1', checked.transactionId);
      form.set(
        'screenshot',
        new Blob([checked.screenshot.data as Uint8Array<ArrayBuffer>], { type: checked.screenshot.type }),
        checked.screenshot.name,
      );
      form.set('amount', String(amount));
      form.set('custom_transaction_id', checked.customTransactionId);
      const response = await http.request({
        method: 'POST',
        url: `${settings.activationUrl}/api/v1/possible-transaction`,
        searchParams: { secret: settings.pluginapiSecret },
        multipart: form,
        operation: 'activate',
        // A repeat would claim the same payment twice; Paykassma refuses a reused custom_transaction_id.
        movesMoney: true,
      });
      expectAnswer(ActivationAnswerSchema, response, 'activate', redact, true);
      return { raw: response.body };
    },
    async createWithdrawal(input) {
      const checked = check(WithdrawalInputSchema, input, 'createWithdrawal');
      const withdrawalId = checked.withdrawalId ?? randomUUID();
      const body = {
        withdrawal_id: withdrawalId,
        payment_system: KBZPAY_WALLET_TYPE,
        amount: toKyat(checked.amount, 'amount'),
        currency_code: KBZPAY_CURRENCY,
        label: checked.label,
        account_number: checked.accountNumber,
        is_test: checked.isTest,
        ...(checked.comment === undefined ? {} : { comment: checked.comment }),
      };
      const response = await http
        .request({
          method: 'POST',
          path: '/v2/withdrawal/create',
          json: { ...body, signature: signWithdrawal(body, settings.withdrawalPrivateKey) },
          operation: 'createWithdrawal',
          movesMoney: true,
        })
        .catch((error: unknown) => {
          // Without its id the caller could neither match the later postback nor avoid paying twice.
          if (!(error instanceof OutcomeUnknownError)) throw error;
          throw new OutcomeUnknownError(`${error.message} (withdrawal_id ${withdrawalId})`, {
            provider: error.provider,
            operation: error.operation,
            cause: error,
          });
        });
      expectAnswer(WithdrawalAnswerSchema, response, 'createWithdrawal', redact, true);
      return { withdrawalId, raw: response.body };
    },
  };
  Object.defineProperties(client, {
    toJSON: { value: () => ({ apiUrl: client.apiUrl, pluginUrl: client.pluginUrl }) },
    [inspect.custom]: {
      value: () => `PaykassmaClient { apiUrl: '${client.apiUrl}', pluginUrl: '${client.pluginUrl}' }`,
    },
  });
  return Object.freeze(client);
}

function check<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  operation: string,
): v.InferOutput<TSchema> {
  return parseOrThrow(schema, input, `Invalid ${operation} input`, { provider: 'paykassma', operation });
}

function paymentWindowUrl(settings: ResolvedPaykassmaConfig, input: PaymentWindowInput): string {
  const checked = check(PaymentWindowInputSchema, input, 'paymentWindowUrl');
  const query = new URLSearchParams({
    label: checked.label,
    currency_code: KBZPAY_CURRENCY,
    lang: checked.lang ?? 'en',
    wallet_type: KBZPAY_WALLET_TYPE,
    custom_transaction_id: checked.customTransactionId,
    fixed_amount: String(toKyat(checked.amount, 'amount')),
  });
  const { success, pending, fail } = settings.paymentUrlIds;
  if (success !== undefined) query.set('payment_url_success_id', String(success));
  if (pending !== undefined) query.set('payment_url_pending_id', String(pending));
  if (fail !== undefined) query.set('payment_url_fail_id', String(fail));
  return `${settings.pluginUrl}/?${query.toString()}`;
}

function checkScreenshot(
  settings: ResolvedPaykassmaConfig,
  screenshot: { readonly data: Uint8Array; readonly type: string },
): void {
  const issues = [];
  if (screenshot.data.byteLength === 0) issues.push({ path: 'screenshot.data', message: 'is empty' });
  if (screenshot.data.byteLength > settings.screenshotMaxBytes) {
    issues.push({
      path: 'screenshot.data',
      message: `is ${screenshot.data.byteLength} bytes; at most ${settings.screenshotMaxBytes} are allowed`,
    });
  }
  if (!settings.screenshotTypes.includes(screenshot.type)) {
    issues.push({
      path: 'screenshot.type',
      message: `must be one of ${settings.screenshotTypes.join(', ')}`,
    });
  }
  if (issues.length > 0) {
    throw new ValidationError('Invalid activate input', issues, {
      provider: 'paykassma',
      operation: 'activate',
    });
  }
}

/**
 * The answer read with its schema; a `{"status":"fail"}` body is the refusal it states. Any other body is
 * unexpected: for a call that may have moved money (`movesMoney`) a 2xx answer tender cannot read leaves
 * its fate unknown (OutcomeUnknownError: check before sending it again), otherwise a ProviderError.
 */
function expectAnswer<TSchema extends v.GenericSchema>(
  schema: TSchema,
  response: HttpResponse,
  operation: string,
  redact: (text: string) => string,
  movesMoney = false,
): v.InferOutput<TSchema> {
  const fail = readFail(response.body);
  if (fail !== undefined) throw refusedError(fail, operation, response.status, redact);
  const parsed = v.safeParse(schema, response.body);
  if (parsed.success) return parsed.output;
  const message = `Paykassma answered ${operation} with ${response.status} and a body tender does not recognise`;
  const options = { provider: 'paykassma', operation, status: response.status, retryable: false };
  if (movesMoney) {
    throw new OutcomeUnknownError(
      `${message}; it may have been accepted: check before sending it again`,
      options,
    );
  }
  throw new ProviderError(message, options);
}
