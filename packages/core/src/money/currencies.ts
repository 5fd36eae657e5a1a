import * as v from 'valibot';
import { quoteValue, ValidationError } from '../errors/index.ts';

const TWO_DECIMALS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';
const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DECIMALS = 'CLF UYW';

function table(): Readonly<Record<string, number>> {
  const entries: [string, number][] = [];
  for (const [codes, exponent] of [
    [ZERO_DECIMALS, 0],
    [TWO_DECIMALS, 2],
    [THREE_DECIMALS, 3],
    [FOUR_DECIMALS, 4],
  ] as const) {
    for (const code of codes.split(' ')) entries.push([code, exponent]);
  }
  return Object.freeze(Object.fromEntries(entries));
}

/**
 * The number of minor-unit digits of every active ISO 4217 currency (list one), funds codes included.
 * Codes that ISO marks "N.A." for minor units (gold, silver, SDR, test and bond-market units such as XAU,
 * XDR, XTS) are left out on purpose: they are not money a payment provider moves, and guessing an exponent
 * for them would make amounts silently wrong.
 *
 * @example
 * ```ts
 * CURRENCY_EXPONENTS.KES; // 2
 * CURRENCY_EXPONENTS.JPY; // 0
 * CURRENCY_EXPONENTS.KWD; // 3
 * ```
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = table();

/**
 * Whether `code` is a currency tender knows.
 *
 * @example
 * ```ts
 * isCurrencyCode('MMK'); // true
 * isCurrencyCode('XAU'); // false
 * ```
 */
export function isCurrencyCode(code: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENTS, code);
}

/**
 * The minor-unit digits of a currency; throws a {@link ValidationError} naming an unknown code.
 *
 * @example
 * ```ts
 * currencyExponent('KZT'); // 2
 * ```
 */
export function currencyExponent(code: string): number {
  // Own keys only: `toString` or `constructor` are on every object, and are not currencies.
  const exponent = Object.hasOwn(CURRENCY_EXPONENTS, code) ? CURRENCY_EXPONENTS[code] : undefined;
  if (typeof exponent !== 'number') {
    throw new ValidationError('Unknown currency', [
      { path: 'currency', message: `${quoteValue(String(code))} is not an ISO 4217 currency tender knows` },
    ]);
  }
  return exponent;
}

/**
 * A known ISO 4217 currency code, upper case.
 *
 * @example
 * ```ts
 * v.parse(CurrencyCodeSchema, 'KES');
 * ```
 */
export const CurrencyCodeSchema = v.pipe(
  v.string(),
  v.check(
    isCurrencyCode,
    (issue) => `${quoteValue(String(issue.input))} is not an ISO 4217 currency tender knows`,
  ),
);
