/**
 * ISO-8601 date-time with seconds optional, fractions optional and a required offset (`Z`, `±hh:mm` or
 * `±hhmm`), its numeric fields captured.
 */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * Days in a month of the proleptic Gregorian calendar (the one ISO-8601 uses): February has 29 in years
 * divisible by 4, except centuries not divisible by 400.
 *
 * @example
 * ```ts
 * daysInMonth(2028, 2); // 29
 * daysInMonth(2027, 2); // 28
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * What is wrong with an ISO-8601 date-time with offset, or `undefined` when it names a real moment.
 *
 * Decision: `Date` is not the judge. V8 reads `2026-02-30` as 2 March and `24:00` as the next midnight, so a
 * time checked only with `Date.parse` was sent to K2 as written while tender compared the rolled-over
 * instant. Every field is checked against the calendar instead (day within its month, leap years included;
 * month 01-12; hour 00-23, no `24:00`; minute and second 00-59, no leap second; offset up to 23:59), and
 * the message says which field is impossible.
 *
 * @example
 * ```ts
 * dateTimeProblem('2028-02-29T00:00:00+03:00'); // undefined
 * dateTimeProblem('2027-02-29T00:00:00+03:00'); // 'is not a real date: February 2027 has 28 days, not 29'
 * ```
 */
export function dateTimeProblem(text: string): string | undefined {
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) return 'must be an ISO-8601 date-time with an offset, such as 2026-01-05T00:00:00+03:00';
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match
    .slice(1)
    .map((field) => (field === undefined ? 0 : Number(field))) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return `is not a real date: there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days)
    return `is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days, not ${day}`;
  if (hour > 23)
    return `is not a real time: hours run from 00 to 23, not ${hour}${hour === 24 ? ' (write 24:00 as 00:00 of the next day)' : ''}`;
  if (minute > 59) return `is not a real time: minutes run from 00 to 59, not ${minute}`;
  if (second > 59) return `is not a real time: seconds run from 00 to 59, not ${second}`;
  if (offsetHour > 23 || offsetMinute > 59) return 'has an impossible offset: at most ±23:59';
  return undefined;
}
