/**
 * The documented test inputs that choose a simulated outcome (listed in the package README). Real K2
 * decides outcomes on the payer's handset or at the bank; the sandbox decides them from the request, so a
 * test can rehearse every failure on purpose. Every input not listed here succeeds.
 */
import { centsPart } from './data/amount.ts';

/**
 * Inputs that trigger each non-happy outcome, for tests and examples.
 *
 * @example
 * ```ts
 * await k2.collect({ phone: SANDBOX_TEST_INPUTS.stk.cancelledPhone, ... }); // settles as Failed
 * ```
 */
export const SANDBOX_TEST_INPUTS = {
  stk: {
    cancelledPhone: '+254700000001',
    insufficientBalancePhone: '+254700000002',
    timeoutPhone: '+254700000003',
    invalidInitiatorPhone: '+254700000004',
    neverAnsweredPhone: '+254700000005',
  },
  sendMoney: {
    unregisteredPhone: '254700000011',
    invalidBankAccountNumber: '0000000000',
    insufficientFundsCents: 12,
    neverProcessedCents: 5,
    invalidSourceIdentifier: '000000',
  },
  reversal: {
    declinedPrefix: 'FAIL',
    tooOldPrefix: 'OLD',
    neverProcessedPrefix: 'PEND',
  },
  paymentLink: {
    neverPaidCents: 5,
  },
} as const;

/**
 * Failure texts the simulator answers with. The two STK texts from K2's own fixtures are kept verbatim
 * (reference §5.1); the others follow Safaricom's result descriptions (`Request cancelled by user`, `DS
 * timeout user cannot be reached`) or are written in the same style, since K2 publishes no failure strings for
 * send money and reversals (§5.8).
 *
 * @example
 * ```ts
 * FAILURE_REASONS.stkCancelled; // 'Request cancelled by user'
 * ```
 */
export const FAILURE_REASONS = {
  stkCancelled: 'Request cancelled by user',
  stkInsufficientBalance: 'The balance is insufficient for the transaction',
  stkTimeout: 'DS timeout user cannot be reached',
  stkInvalidInitiator: 'The initiator information is invalid.',
  unregisteredPhone: 'The recipient phone number is not registered for M-PESA',
  invalidBankAccount: 'The bank account details are invalid',
  insufficientFunds: 'Insufficient funds in the merchant account',
  reversalDeclined: 'The reversal was declined by M-PESA',
  reversalTooOld: 'The transaction is older than 30 days and cannot be reversed',
  reversalRepeated: 'The transaction has already been reversed',
  sourceIdentifierInvalid: 'Source identifier is invalid',
} as const;

/**
 * What becomes of a simulated request once its delay has passed.
 *
 * @example
 * ```ts
 * const outcome: SimulatedOutcome = stkOutcome('+254700000005', 10000); // { kind: 'never' }
 * ```
 */
export type SimulatedOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'failure'; readonly reason: string }
  | { readonly kind: 'never' };

const SUCCESS: SimulatedOutcome = { kind: 'success' };
const NEVER: SimulatedOutcome = { kind: 'never' };

function failure(reason: string): SimulatedOutcome {
  return { kind: 'failure', reason };
}

/** Last two digits of a phone in any accepted form when it lies in the reserved `2547000000xx` range. */
function reservedPhoneSuffix(phone: string): number | undefined {
  const digits = phone.replace(/^\+/, '').replace(/^0/, '254');
  const match = /^2547000000(\d\d)$/.exec(digits);
  return match ? Number(match[1]) : undefined;
}

const STK_BY_CODE: Readonly<Record<number, SimulatedOutcome>> = {
  1: failure(FAILURE_REASONS.stkCancelled),
  2: failure(FAILURE_REASONS.stkInsufficientBalance),
  3: failure(FAILURE_REASONS.stkTimeout),
  4: failure(FAILURE_REASONS.stkInvalidInitiator),
  5: NEVER,
};

/**
 * The outcome of an STK push: chosen by the subscriber phone `+25470000000N` or, for any phone, by an
 * amount whose cents are `.0N` (N = 1 cancelled, 2 insufficient balance, 3 timeout, 4 invalid initiator,
 * 5 never answered). The phone wins when both apply.
 *
 * @example
 * ```ts
 * stkOutcome('+254700000001', 25000); // { kind: 'failure', reason: 'Request cancelled by user' }
 * stkOutcome('+254711000111', 25003); // { kind: 'failure', reason: 'DS timeout user cannot be reached' }
 * ```
 */
export function stkOutcome(phone: string, cents: number): SimulatedOutcome {
  const code = reservedPhoneSuffix(phone) ?? centsPart(cents);
  return STK_BY_CODE[code] ?? SUCCESS;
}

/**
 * The fields of a send-money destination the rules look at.
 *
 * @example
 * ```ts
 * destinationOutcome({ accountNumber: '0000000000', cents: 100000 }); // failure
 * ```
 */
export interface DestinationFacts {
  readonly phoneNumber?: string | undefined;
  readonly accountNumber?: string | undefined;
  readonly cents: number;
}

/**
 * The outcome of one send-money destination: the phone `254700000011` is not registered, the bank account
 * number `0000000000` is invalid, an amount ending in `.12` meets insufficient funds, an amount ending in
 * `.05` is never processed (the whole batch stays `Scheduled`).
 *
 * @example
 * ```ts
 * destinationOutcome({ phoneNumber: '254700000011', cents: 150000 }); // failure, not registered
 * ```
 */
export function destinationOutcome(destination: DestinationFacts): SimulatedOutcome {
  const inputs = SANDBOX_TEST_INPUTS.sendMoney;
  if (destination.phoneNumber !== undefined && reservedPhoneSuffix(destination.phoneNumber) === 11) {
    return failure(FAILURE_REASONS.unregisteredPhone);
  }
  if (destination.accountNumber === inputs.invalidBankAccountNumber) {
    return failure(FAILURE_REASONS.invalidBankAccount);
  }
  const cents = centsPart(destination.cents);
  if (cents === inputs.insufficientFundsCents) return failure(FAILURE_REASONS.insufficientFunds);
  if (cents === inputs.neverProcessedCents) return NEVER;
  return SUCCESS;
}

/**
 * The outcome of a reversal, by the reference being reversed: `FAIL…` is declined, `OLD…` is too old,
 * `PEND…` is never processed, and a reference this sandbox already reversed cannot be reversed again.
 *
 * @example
 * ```ts
 * reversalOutcome('FAIL123456', false); // { kind: 'failure', reason: 'The reversal was declined by M-PESA' }
 * ```
 */
export function reversalOutcome(transactionReference: string, alreadyReversed: boolean): SimulatedOutcome {
  const inputs = SANDBOX_TEST_INPUTS.reversal;
  const reference = transactionReference.toUpperCase();
  if (reference.startsWith(inputs.declinedPrefix)) return failure(FAILURE_REASONS.reversalDeclined);
  if (reference.startsWith(inputs.tooOldPrefix)) return failure(FAILURE_REASONS.reversalTooOld);
  if (reference.startsWith(inputs.neverProcessedPrefix)) return NEVER;
  if (alreadyReversed) return failure(FAILURE_REASONS.reversalRepeated);
  return SUCCESS;
}

/**
 * Whether a payment link gets paid: a link whose amount ends in `.05` is never paid (it stays active until
 * cancelled); every other link is paid by an invented customer once the delay has passed.
 *
 * @example
 * ```ts
 * paymentLinkOutcome(230005); // { kind: 'never' }
 * ```
 */
export function paymentLinkOutcome(cents: number): SimulatedOutcome {
  return centsPart(cents) === SANDBOX_TEST_INPUTS.paymentLink.neverPaidCents ? NEVER : SUCCESS;
}
