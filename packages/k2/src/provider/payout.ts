import type { Operation, PayoutDestination, PayoutRequest } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import type { K2SendMoneyRequest } from '../client/send-money.ts';
import { callbackUrlFor, invalidField } from './invalid.ts';
import { metadataWithReference, pendingOperation, presentText } from './pending.ts';
import { inNeutralTerms, type SentField, sendFields } from './sent-fields.ts';

/**
 * The network a mobile wallet payout goes to when the request names none: K2 sends money to M-PESA,
 * Safaricom's wallet, and the send-money body requires a `network`.
 *
 * @example
 * ```ts
 * console.log(K2_DEFAULT_NETWORK); // 'Safaricom'
 * ```
 */
export const K2_DEFAULT_NETWORK = 'Safaricom';

/**
 * `payout` on K2: one send-money request with one destination.
 *
 * - `mobile_wallet`, `bank_account`, `till`, `paybill`: external destinations; K2 requires a
 *   `description` for them (the request's). Fields send money has no place for (`firstName`, `lastName`,
 *   `email`, `name`, bank `settlementMethod`) are not sent; a bank account needs `bankBranchRef` (K2 has no
 *   bank or branch codes).
 * - `merchant_wallet`, `merchant_bank_account`: the merchant's own accounts, by reference.
 * - `recipient`: refused. v2 send money names destinations inline; a saved recipient's reference cannot be
 *   paid.
 *
 * The merchant reference travels in `metadata.reference` (K2 echoes metadata in the result). Sweeps and
 * multi-destination payouts are on the client: `client.sendMoney.create`.
 *
 * @example
 * ```ts
 * const operation = await payoutWithK2(client, settings, {
 *   amount: parseMoney('1500', 'KES'),
 *   destination: { type: 'mobile_wallet', phone: '0722000222' },
 *   description: 'Delivery fee',
 * });
 * ```
 */
export async function payoutWithK2(
  client: K2Client,
  settings: { readonly callbackUrl?: string | undefined },
  request: PayoutRequest,
): Promise<Operation> {
  const destination = destinationFields(request).map(
    ([field, neutral, value]): SentField => [`destinations.0.${field}`, neutral, value],
  );
  const callbackUrl = callbackUrlFor(request.callbackUrl, settings.callbackUrl, 'payout');
  const metadata = metadataWithReference(request.metadata, request.reference);
  const sent = sendFields<K2SendMoneyRequest>([
    ...destination,
    ['metadata', 'metadata', metadata],
    ['callbackUrl', 'callbackUrl', callbackUrl],
  ]);
  const created = await inNeutralTerms('payout', sent, () => client.sendMoney.create(sent.input));
  return pendingOperation({
    kind: 'payout',
    created,
    merchantReference: request.reference,
    amount: request.amount,
  });
}

/** The one send-money destination, field by field, relative to `destinations.0`. */
function destinationFields(request: PayoutRequest): SentField[] {
  const { amount, destination } = request;
  const money: SentField = ['amount', 'amount', amount];
  const external = (): SentField[] => [
    money,
    ['description', 'description', description(request)],
    [
      'nickname',
      'destination.nickname',
      'nickname' in destination ? presentText(destination.nickname) : undefined,
    ],
  ];
  switch (destination.type) {
    case 'mobile_wallet':
      return [
        ['type', 'destination.type', 'mobile_wallet'],
        ['phoneNumber', 'destination.phone', destination.phone],
        ['network', 'destination.network', destination.network ?? K2_DEFAULT_NETWORK],
        ...external(),
      ];
    case 'bank_account':
      return [
        ['type', 'destination.type', 'bank_account'],
        ['bankBranchRef', 'destination.bankBranchRef', bankBranchRef(destination)],
        ['accountName', 'destination.accountName', destination.accountName],
        ['accountNumber', 'destination.accountNumber', destination.accountNumber],
        ...external(),
      ];
    case 'till':
      return [
        ['type', 'destination.type', 'till'],
        ['tillNumber', 'destination.tillNumber', destination.tillNumber],
        ...external(),
      ];
    case 'paybill':
      return [
        ['type', 'destination.type', 'paybill'],
        ['paybillNumber', 'destination.paybillNumber', destination.paybillNumber],
        ['paybillAccountNumber', 'destination.accountNumber', destination.accountNumber],
        ...external(),
      ];
    case 'merchant_wallet':
    case 'merchant_bank_account':
      return [
        ['type', 'destination.type', destination.type],
        ['reference', 'destination.reference', destination.reference],
        money,
      ];
    case 'recipient':
      throw invalidField(
        'payout',
        'destination.type',
        'recipient is not supported by K2 v2: send money names the destination inline (mobile_wallet, bank_account, till, paybill) or an own account (merchant_wallet, merchant_bank_account)',
      );
  }
}

function description(request: PayoutRequest): string {
  const text = presentText(request.description);
  if (text !== undefined) return text;
  throw invalidField(
    'payout',
    'description',
    `is required by K2 for payouts to a ${request.destination.type} destination`,
  );
}

function bankBranchRef(destination: Extract<PayoutDestination, { type: 'bank_account' }>): string {
  if (destination.bankBranchRef !== undefined) return destination.bankBranchRef;
  throw invalidField(
    'payout',
    'destination.bankBranchRef',
    'is required by K2 (its bank branch reference); bankCode and branchCode are not used by K2',
  );
}
