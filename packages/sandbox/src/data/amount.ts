/**
 * K2 amounts on the wire, held as integer cents in between. K2 takes amounts as JSON numbers or decimal
 * strings (reference §7.3) and answers with decimal strings such as `"1250.0"` (§4.2, §5.2). The simulator
 * parses them by string rules so no binary float ever carries an amount: this package runs the CLI under
 * plain `tsx`, so it keeps this small conversion local instead of loading @tender/core's Money at run time.
 */

/** Cents per shilling: KES has two decimals. */
const CENTS_PER_UNIT = 100;

const DECIMAL_TEXT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/**
 * Parses a wire amount (`250`, `"250"`, `"1500.5"`, `1500.55`) into integer cents; `undefined` for anything
 * that is not a non-negative decimal with at most two decimals (exponents, signs, blanks, NaN).
 *
 * @example
 * ```ts
 * parseWireAmount('1500.5'); // 150050
 * parseWireAmount(250); // 25000
 * parseWireAmount('1e3'); // undefined
 * ```
 */
export function parseWireAmount(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // String(n) of a JSON number gives its shortest decimal text ("1500.5"); exponent forms fail the pattern.
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const whole = Number(match[1]);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return whole * CENTS_PER_UNIT + Number(fraction);
}

/**
 * Formats cents the way K2 writes amounts in webhooks and results: at least one decimal, no trailing zeros
 * beyond it (`"1250.0"`, `"1500.5"`, `"99.95"`).
 *
 * @example
 * ```ts
 * formatK2Amount(125000); // '1250.0'
 * formatK2Amount(150050); // '1500.5'
 * ```
 */
export function formatK2Amount(cents: number): string {
  const whole = Math.trunc(cents / CENTS_PER_UNIT);
  const fraction = String(cents % CENTS_PER_UNIT).padStart(2, '0');
  return `${whole}.${fraction.endsWith('0') ? fraction.slice(0, 1) : fraction}`;
}

/**
 * Formats cents as a JSON number value for documents that echo amounts as numbers (payment links, send-money
 * destinations). Integer shillings stay integers (`2300`); otherwise the two-decimal value is parsed from
 * text, which is exact for the cents it names.
 *
 * @example
 * ```ts
 * centsToWireNumber(230000); // 2300
 * centsToWireNumber(150050); // 1500.5
 * ```
 */
export function centsToWireNumber(cents: number): number {
  return Number(formatK2Amount(cents));
}

/**
 * The cents part of an amount (0–99): the outcome rules look at it to choose a failure.
 *
 * @example
 * ```ts
 * centsPart(25001); // 1
 * ```
 */
export function centsPart(cents: number): number {
  return cents % CENTS_PER_UNIT;
}
