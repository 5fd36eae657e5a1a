import type { Operation, PayoutDestination, PayoutRequest } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import type { K2SendMoneyDestination } from '../client/send-money.ts';
import { callbackUrlFor, invalidField } from './invalid.ts';
import { metadataWithReference, optional, pendingOperation, presentText } from './pending.ts';
import { inNeutralTerms } from './translate-issues.ts';

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
  const destination = sendMoneyDestination(request);
  const callbackUrl = callbackUrlFor(request.callbackUrl, settings.callbackUrl, 'payout');
  const metadata = metadataWithReference(request.metadata, request.reference);
  const created = await inNeutralTerms(
    'payout',
    [
      ['destinations.0.amount', 'amount'],
      ['destinations.0.phoneNumber', 'destination.phone'],
      ['destinations.0.paybillAccountNumber', 'destination.accountNumber'],
      ['destinations.0', 'destination'],
    ],
    () =>
      client.sendMoney.create({
        destinations: [destination],
        ...optional('metadata', metadata),
        callbackUrl,
      }),
  );
  return pendingOperation({
    kind: 'payout',
    created,
    merchantReference: request.reference,
    amount: request.amount,
  });
}

function sendMoneyDestination(request: PayoutRequest): K2SendMoneyDestination {
  const { amount, destination } = request;
  const nickname = (value: { nickname?: string | undefined }) =>
    optional('nickname', presentText(value.nickname));
  switch (destination.type) {
    case 'mobile_wallet':
      return {
        type: 'mobile_wallet',
        phoneNumber: destination.phone,
        network: destination.network ?? K2_DEFAULT_NETWORK,
        amount,
        description: description(request),
        ...nickname(destination),
      };
    case 'bank_account':
      return {
        type: 'bank_account',
        bankBranchRef: bankBranchRef(destination),
        accountName: destination.accountName,
        accountNumber: destination.accountNumber,
        amount,
        description: description(request),
        ...nickname(destination),
      };
    case 'till':
      return {
        type: 'till',
        tillNumber: destination.tillNumber,
        amount,
        description: description(request),
        ...nickname(destination),
      };
    case 'paybill':
      return {
        type: 'paybill',
        paybillNumber: destination.paybillNumber,
        paybillAccountNumber: destination.accountNumber,
        amount,
        description: description(request),
        ...nickname(destination),
      };
    case 'merchant_wallet':
    case 'merchant_bank_account':
      return { type: destination.type, reference: destination.reference, amount };
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
