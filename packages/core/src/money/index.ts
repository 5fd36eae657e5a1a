export { CURRENCY_EXPONENTS, CurrencyCodeSchema, currencyExponent, isCurrencyCode } from './currencies.ts';
export { formatMoney, formatMoneyWithCode, toWireString } from './format.ts';
export {
  addMoney,
  compareMoney,
  isZeroMoney,
  type Money,
  MoneySchema,
  money,
  moneyEquals,
  subtractMoney,
  sumMoney,
} from './money.ts';
export { parseMoney, parseMoneyFromWire } from './parse.ts';
export { isExactWireNumber, toWireNumber } from './wire-number.ts';
