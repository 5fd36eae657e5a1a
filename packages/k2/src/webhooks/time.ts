/**
 * K2 writes times as ISO-8601 with an offset (`2026-01-05T14:02:09+03:00`, `...17:58:40.210+03:00`). A
 * time without an offset is read as Nairobi time (UTC+3), where K2 runs, rather than as the server's local
 * time, which would make the result depend on the machine.
 */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NAIROBI_OFFSET = '+03:00';
/** `YYYY-MM-DDTHH:mm:ss[.sss](Z|±HH:mm)`: the subset of ISO-8601 that `Date` parses by the standard. */
const ECMASCRIPT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

function offsetOf(zone: string | undefined): string {
  if (!zone) return NAIROBI_OFFSET;
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4).padEnd(2, '0')}`;
}

/**
 * Reads a K2 timestamp into a `Date`, or `undefined` when it is absent or not an ISO-8601 date and time.
 *
 * @example
 * ```ts
 * parseK2Time('2026-01-05T14:02:09+03:00')?.toISOString(); // '2026-01-05T11:02:09.000Z'
 * ```
 */
export function parseK2Time(value: string | null | undefined): Date | undefined {
  // K2's usual form is already ECMAScript's date-time format with an offset, which `Date` reads exactly as
  // the general path below would: skip the rebuild (two of these run per delivery).
  let date: Date;
  if (value !== null && value !== undefined && ECMASCRIPT_TIME.test(value)) date = new Date(value);
  else {
    const match = ISO_TIME.exec(value?.trim() ?? '');
    if (!match) return undefined;
    date = new Date(`${match[1]}T${match[2]}${offsetOf(match[3])}`);
  }
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const DARAJA_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * Reads a Daraja `TransTime` (`YYYYMMDDHHmmss`, no zone: Safaricom's convention is Nairobi time).
 *
 * @example
 * ```ts
 * parseDarajaTime('20260105140209')?.toISOString(); // '2026-01-05T11:02:09.000Z'
 * ```
 */
export function parseDarajaTime(value: string | null | undefined): Date | undefined {
  const match = DARAJA_TIME.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  return parseK2Time(`${year}-${month}-${day}T${hour}:${minute}:${second}${NAIROBI_OFFSET}`);
}
