import { type Money, type Party, type PayoutLeg, sumMoney } from '@tender/core';
import { k2AmountToMoney } from '../resources/amount.ts';
import { k2ErrorText } from '../resources/fields.ts';
import type { K2SendMoneyDocument } from '../resources/send-money.ts';
import type { K2Disbursement, K2TransferBatch } from '../resources/transfer-batch.ts';
import { resultOutcome } from './result-outcome.ts';
import { parseK2Time } from './time.ts';
import { compact, text } from './values.ts';

function recipientOf(leg: Readonly<Record<string, unknown>>): Party | undefined {
  const party = compact({
    id: text(leg.destination_reference) ?? text(leg.reference),
    name: text(leg.nickname) ?? text(leg.account_name) ?? text(leg.till_name) ?? text(leg.paybill_name),
    phone: text(leg.phone_number),
    account:
      text(leg.account_number) ??
      text(leg.till_number) ??
      (text(leg.paybill_number) && text(leg.paybill_account_number)
        ? `${text(leg.paybill_number)}/${text(leg.paybill_account_number)}`
        : text(leg.paybill_number)),
  });
  return Object.keys(party).length > 0 ? party : undefined;
}

/**
 * The legs of a payout from its transfer batches: one per disbursement, with its destination type, amount,
 * status, M-PESA or bank reference, recipient (phone, account, till or `paybill/account`, as the
 * disbursement names it) and, when the disbursement did not succeed, its `errors` as `failureReason`.
 *
 * @example
 * ```ts
 * disbursementLegs(attributes.transfer_batches, 'KES')[0]?.providerReference; // 'TCC1LM2NP3'
 * ```
 */
export function disbursementLegs(
  batches: readonly K2TransferBatch[] | null | undefined,
  currency: string | null | undefined,
): PayoutLeg[] {
  return (batches ?? []).flatMap((batch) =>
    (batch.disbursements ?? []).map((disbursement: K2Disbursement) => {
      const status = text(disbursement.status);
      return {
        type: text(disbursement.destination_type) ?? 'unknown',
        ...compact({
          amount: k2AmountToMoney(disbursement.amount, currency),
          status,
          providerReference: text(disbursement.transaction_reference),
          recipient: recipientOf(disbursement),
          // A leg that says it moved keeps no failure reason, whatever `errors` holds (it stays in `raw`).
          failureReason: resultOutcome(status) === 'succeeded' ? undefined : k2ErrorText(disbursement.errors),
        }),
      };
    }),
  );
}

/**
 * The legs of a send-money request from the destinations it echoes, for results that have no transfer
 * batches yet (or never will, when the request failed as a whole).
 *
 * @example
 * ```ts
 * destinationLegs([{ type: 'till', till_number: '889900', amount: 800 }], 'KES')[0]?.recipient; // { account: '889900' }
 * ```
 */
export function destinationLegs(
  destinations: K2SendMoneyDocument['data']['attributes']['destinations'],
  currency: string | null | undefined,
): PayoutLeg[] {
  return (destinations ?? []).map((destination) => ({
    type: text(destination.type) ?? 'unknown',
    ...compact({
      amount: k2AmountToMoney(destination.amount, currency),
      recipient: recipientOf(destination),
    }),
  }));
}

/**
 * The total of the legs' amounts, when they share one currency (v2 send money has no top-level amount).
 *
 * @example
 * ```ts
 * legsTotal([{ type: 'till', amount: money(80000, 'KES') }]); // { currency: 'KES', minor: 80000 }
 * ```
 */
export function legsTotal(legs: readonly PayoutLeg[]): Money | undefined {
  const amounts = legs.flatMap((leg) => (leg.amount ? [leg.amount] : []));
  const currency = amounts[0]?.currency;
  if (!currency || amounts.some((amount) => amount.currency !== currency)) return undefined;
  return sumMoney(amounts, currency);
}

/**
 * When the money of a batch moved: the latest disbursement time, if any is readable.
 *
 * @example
 * ```ts
 * latestDisbursementTime(attributes.transfer_batches)?.toISOString();
 * ```
 */
export function latestDisbursementTime(
  batches: readonly K2TransferBatch[] | null | undefined,
): Date | undefined {
  const times = (batches ?? [])
    .flatMap((batch) => batch.disbursements ?? [])
    .flatMap((disbursement) => {
      const time = parseK2Time(disbursement.origination_time);
      return time ? [time.getTime()] : [];
    });
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}
