/**
 * The card numbers the KTPay simulator's widget understands. Any other number that passes the Luhn check
 * is paid (`completed`); a number that fails it is refused by the form (the payer types it again, no
 * callback), as the acquirer's form does.
 *
 * | card | final status | error_type |
 * | --- | --- | --- |
 * | `4400 4400 4400 4402` | `completed` | – |
 * | `4000 0000 0000 0002` | `error` (declined by the bank) | `ERROR_PAYMENT` |
 * | `4000 0000 0000 0069` | `denied` (rejected by KTPay) | `ERROR_SYSTEM` |
 * | `4000 0000 0000 0127` | `error` (card data refused) | `ERROR_INPUT` |
 *
 * @example
 * ```ts
 * await simulator.pay(transactionHash, KTPAY_TEST_CARDS.declined);
 * ```
 */
export const KTPAY_TEST_CARDS = {
  completed: '4400440044004402',
  declined: '4000000000000002',
  denied: '4000000000000069',
  inputError: '4000000000000127',
} as const;

/**
 * What paying with a card leads to.
 *
 * @example
 * ```ts
 * const outcome: CardOutcome = { status: 'error', errorType: 'ERROR_PAYMENT', errorMessage: 'Payment declined by the acquirer' };
 * ```
 */
export type CardOutcome =
  | { readonly status: 'completed' }
  | {
      readonly status: 'error' | 'denied';
      readonly errorType: 'ERROR_PAYMENT' | 'ERROR_INPUT' | 'ERROR_SYSTEM';
      readonly errorMessage: string;
    };

function luhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * The outcome of a card number (spaces and dashes ignored), or `undefined` when the number is not a card
 * number at all (12 to 19 digits passing the Luhn check).
 *
 * @example
 * ```ts
 * outcomeForCard('4000 0000 0000 0002')?.status; // 'error'
 * ```
 */
export function outcomeForCard(number: string): CardOutcome | undefined {
  const digits = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) return undefined;
  switch (digits) {
    case KTPAY_TEST_CARDS.declined:
      return {
        status: 'error',
        errorType: 'ERROR_PAYMENT',
        errorMessage: 'Payment declined by the acquirer',
      };
    case KTPAY_TEST_CARDS.denied:
      return { status: 'denied', errorType: 'ERROR_SYSTEM', errorMessage: 'Transaction rejected by KTPay' };
    case KTPAY_TEST_CARDS.inputError:
      return {
        status: 'error',
        errorType: 'ERROR_INPUT',
        errorMessage: 'Card data were entered incorrectly',
      };
    default:
      return { status: 'completed' };
  }
}
