/**
 * What the Paykassma simulator remembers, and the manual's rules on it: deposits (a KBZPay number issued
 * per deposit request), activations (a unique `custom_transaction_id` each) and withdrawals (signed,
 * checked against the balance). Outcomes come from the documented test inputs in
 * {@link PAYKASSMA_TEST_INPUTS}.
 */

/**
 * Inputs that choose an outcome, so failures can be rehearsed.
 *
 * @example
 * ```ts
 * await client.createWithdrawal({ ...input, accountNumber: PAYKASSMA_TEST_INPUTS.failingAccountNumber });
 * ```
 */
export const PAYKASSMA_TEST_INPUTS = {
  /** A withdrawal to this account is accepted, then fails (postback `withdrawal_status` 5). */
  failingAccountNumber: '09000000005',
  /** A withdrawal above the balance (default 10 000 000 kyat) is refused `Insufficient balance`. */
  startingBalanceKyat: 10_000_000,
  /**
   * An activation whose transaction id (`key1`) starts with these digits stands for a payer who paid half
   * of what they claimed: Paykassma credits (and posts) half the claimed amount, rounded down.
   */
  halfPaidTransactionPrefix: '999',
} as const;

/** One deposit request: the label it was made for and the KBZPay number shown to the payer. */
export interface SimulatedDeposit {
  readonly label: string;
  readonly kbzpayNumber: string;
}

/** One activation the simulator accepted and will credit. */
export interface SimulatedActivation {
  readonly label: string;
  readonly customTransactionId: string;
  readonly transactionId: string;
  /** What the payer claimed. */
  readonly amountKyat: number;
  /** What Paykassma found paid and credits. */
  readonly creditedKyat: number;
  readonly screenshot: { readonly name: string; readonly type: string; readonly bytes: number };
  readonly stockpilingId: number;
}

/** One withdrawal the simulator accepted. */
export interface SimulatedWithdrawal {
  readonly withdrawalId: string;
  readonly label: string;
  readonly accountNumber: string;
  readonly amountKyat: number;
  readonly comment: string;
  readonly isTest: boolean;
  readonly outcome: 1 | 5;
}

/** The simulator's memory. */
export interface PaykassmaState {
  readonly deposits: Map<string, SimulatedDeposit>;
  readonly activations: Map<string, SimulatedActivation>;
  readonly withdrawals: Map<string, SimulatedWithdrawal>;
  balanceKyat: number;
  nextStockpilingId: number;
}

/**
 * A fresh memory with the starting balance.
 *
 * @example
 * ```ts
 * const state = createPaykassmaState();
 * ```
 */
export function createPaykassmaState(): PaykassmaState {
  return {
    deposits: new Map(),
    activations: new Map(),
    withdrawals: new Map(),
    balanceKyat: PAYKASSMA_TEST_INPUTS.startingBalanceKyat,
    nextStockpilingId: 40_417,
  };
}

/**
 * The KBZPay number for the `index`-th deposit: `09` and nine digits, different for each deposit.
 *
 * @example
 * ```ts
 * kbzpayNumber(1); // '09790000001'
 * ```
 */
export function kbzpayNumber(index: number): string {
  return `0979${String(index % 10_000_000).padStart(7, '0')}`;
}
