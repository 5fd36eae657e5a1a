import { randomUUID } from 'node:crypto';
import {
  type CollectRequest,
  type ConfirmRequest,
  type CreateLinkRequest,
  defineProvider,
  type Metadata,
  type Operation,
  type PayoutRequest,
  type Provider,
  UnsupportedOperationError,
  ValidationError,
} from '@tender/core';
import * as v from 'valibot';
import { createPaykassmaClient, type PaykassmaClient } from '../client/client.ts';
import type { PaykassmaConfig } from '../config.ts';
import { toKyat } from '../kyat.ts';

/**
 * The capabilities Paykassma KBZPay Manual declares: `collect` (create deposit) and its second step
 * `confirm` (activation), `payout` (withdrawal) and `link` (the payment window URL). No `reverse`, no
 * `notify`: the manual offers neither.
 *
 * @example
 * ```ts
 * PAYKASSMA_CAPABILITIES.includes('confirm'); // true
 * ```
 */
export const PAYKASSMA_CAPABILITIES = ['collect', 'confirm', 'payout', 'link'] as const;

/**
 * The Paykassma provider's type.
 *
 * @example
 * ```ts
 * const paykassma: PaykassmaProvider = createPaykassmaProvider(options);
 * ```
 */
export type PaykassmaProvider = Provider<(typeof PAYKASSMA_CAPABILITIES)[number]>;

/**
 * The provider's options: a Paykassma configuration, plus whether withdrawals are sent as tests
 * (`is_test`) and the payment window's language.
 *
 * @example
 * ```ts
 * const options: PaykassmaProviderOptions = { ...config, testWithdrawals: true, lang: 'my' };
 * ```
 */
export type PaykassmaProviderOptions = PaykassmaConfig & {
  /** Sends every withdrawal with `is_test: true`. @default false */
  readonly testWithdrawals?: boolean;
  /** The payment window's language. @default 'en' */
  readonly lang?: 'en' | 'my';
};

/**
 * What a `collect` operation keeps in `raw` for its second step: the payer's label, the deposit id and the
 * wallet details Paykassma answered with.
 */
const DepositHandleSchema = v.object({
  label: v.string(),
  customTransactionId: v.string(),
  answer: v.unknown(),
});

/**
 * Creates the Paykassma KBZPay Manual {@link Provider}:
 *
 * - `collect`: creates the deposit for `payer.customerId` (the Paykassma `label`); the operation is
 *   `pending` with next action `pay_to` and the wallet details (`kbzpay number`). Its `id` is the
 *   deposit's `custom_transaction_id`: the request's `reference`, or a fresh UUID.
 * - `confirm`: the payer's transaction id (`payerReference`) and screenshot (`proof`) activate that
 *   deposit; the operation stays `pending` until the postback says `payment.succeeded`.
 * - `payout`: a signed withdrawal to a `mobile_wallet` whose `phone` is the 11-digit KBZPay account;
 *   the payee's label is `metadata.label`, the withdrawal id the `reference` (or a fresh UUID).
 * - `createLink`: the payment window URL for `metadata.label`; `cancelLink` throws
 *   UnsupportedOperationError (the URL is not a resource Paykassma can cancel).
 * - `status`: Paykassma has no status query, so it answers the operation as it is: the final state only
 *   ever arrives by postback.
 *
 * @example
 * ```ts
 * const paykassma = createPaykassmaProvider(config);
 * const deposit = await paykassma.collect({ amount: parseMoney('25000', 'MMK'), payer: { customerId: 'user-58213' } });
 * await paykassma.confirm({ operation: deposit, payerReference: '01003246080588218368', proof });
 * ```
 */
export function createPaykassmaProvider(options: PaykassmaProviderOptions): PaykassmaProvider {
  const { testWithdrawals, lang, ...config } = options;
  const client = createPaykassmaClient(config);
  return defineProvider({
    name: 'paykassma',
    capabilities: PAYKASSMA_CAPABILITIES,
    collect: (request) => collect(client, request),
    confirm: (request) => confirm(client, request),
    payout: (request) => payout(client, request, testWithdrawals ?? false),
    createLink: async (request) => createLink(client, request, lang ?? 'en'),
    cancelLink: async () => {
      throw new UnsupportedOperationError(
        'paykassma',
        'cancelLink: a payment window URL cannot be cancelled',
      );
    },
    status: async (operation) => operation,
  });
}

function invalid(operation: string, path: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${operation} request`, [{ path, message }], {
    provider: 'paykassma',
    operation,
  });
}

function labelFrom(metadata: Metadata | undefined, operation: string): string {
  const label = metadata?.label;
  if (typeof label !== 'string' || label.trim() === '') {
    throw invalid(operation, 'metadata.label', "is required: the payee's Paykassma label");
  }
  return label.trim();
}

async function collect(client: PaykassmaClient, request: CollectRequest): Promise<Operation> {
  const label = request.payer.customerId;
  if (label === undefined)
    throw invalid('collect', 'payer.customerId', "is required: the payer's Paykassma label");
  toKyat(request.amount, 'amount');
  const customTransactionId = request.reference ?? randomUUID();
  const deposit = await client.createDeposit({ label });
  return {
    provider: 'paykassma',
    kind: 'collect',
    id: customTransactionId,
    reference: customTransactionId,
    status: 'pending',
    merchantReference: customTransactionId,
    amount: request.amount,
    nextAction: { type: 'pay_to', details: { ...deposit.params } },
    raw: { label, customTransactionId, answer: deposit.raw },
  };
}

async function confirm(client: PaykassmaClient, request: ConfirmRequest): Promise<Operation> {
  const { operation } = request;
  if (operation.provider !== 'paykassma' || operation.kind !== 'collect') {
    throw invalid('confirm', 'operation', 'must be an operation collect returned on Paykassma');
  }
  const handle = v.safeParse(DepositHandleSchema, operation.raw);
  if (!handle.success) throw invalid('confirm', 'operation.raw', 'is not the raw of a Paykassma deposit');
  const amount = request.amount ?? operation.amount;
  if (amount === undefined) throw invalid('confirm', 'amount', 'is required: what the payer paid');
  if (request.proof === undefined) {
    throw invalid('confirm', 'proof', 'is required: KBZPay Manual activation needs the screenshot');
  }
  const activation = await client
    .activate({
      label: handle.output.label,
      customTransactionId: handle.output.customTransactionId,
      transactionId: request.payerReference,
      amount,
      screenshot: request.proof,
    })
    .catch((error: unknown) => {
      throw renamed(error, 'confirm', { transactionId: 'payerReference', screenshot: 'proof' });
    });
  const { nextAction: _done, ...rest } = operation;
  return {
    ...rest,
    providerStatus: 'activation accepted',
    raw: { ...handle.output, activation: activation.raw },
  };
}

async function payout(client: PaykassmaClient, request: PayoutRequest, isTest: boolean): Promise<Operation> {
  const { destination } = request;
  if (destination.type !== 'mobile_wallet') {
    throw invalid(
      'payout',
      'destination.type',
      "must be 'mobile_wallet': KBZPay Manual pays to a KBZPay account",
    );
  }
  const label = labelFrom(request.metadata, 'payout');
  const withdrawal = await client
    .createWithdrawal({
      label,
      accountNumber: destination.phone,
      amount: request.amount,
      isTest,
      ...(request.reference === undefined ? {} : { withdrawalId: request.reference }),
      ...(request.description === undefined ? {} : { comment: request.description }),
    })
    .catch((error: unknown) => {
      throw renamed(error, 'payout', {
        accountNumber: 'destination.phone',
        withdrawalId: 'reference',
        comment: 'description',
      });
    });
  return {
    provider: 'paykassma',
    kind: 'payout',
    id: withdrawal.withdrawalId,
    reference: withdrawal.withdrawalId,
    status: 'pending',
    merchantReference: withdrawal.withdrawalId,
    amount: request.amount,
    raw: withdrawal.raw,
  };
}

function createLink(client: PaykassmaClient, request: CreateLinkRequest, lang: 'en' | 'my'): Operation {
  const label = labelFrom(request.metadata, 'createLink');
  const customTransactionId = request.reference ?? randomUUID();
  const url = client.paymentWindowUrl({ label, customTransactionId, amount: request.amount, lang });
  return {
    provider: 'paykassma',
    kind: 'link',
    id: customTransactionId,
    reference: url,
    status: 'pending',
    merchantReference: customTransactionId,
    amount: request.amount,
    nextAction: { type: 'redirect', url },
    raw: { url },
  };
}

/** A client ValidationError re-worded with the neutral request's field names, so callers see their own. */
function renamed(error: unknown, operation: string, names: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof ValidationError)) return error;
  const issues = error.issues.map((issue) => {
    const [head = '', ...rest] = issue.path.split('.');
    const name = names[head];
    return name === undefined ? issue : { ...issue, path: [name, ...rest].join('.') };
  });
  return new ValidationError(`Invalid ${operation} request`, issues, { provider: 'paykassma', operation });
}
