/** How many characters of a refused value a message repeats. */
const QUOTED_LENGTH = 32;

/**
 * A refused value as an error message quotes it: in double quotes, cut to its first 32 characters followed
 * by `…` when it is longer. A message must stay short whatever the input (a 1 MiB amount would otherwise be
 * copied into every log line and answer that repeats it).
 *
 * @example
 * ```ts
 * quoteValue('1.5x'); // '"1.5x"'
 * quoteValue('9'.repeat(40)); // '"99999999999999999999999999999999…"'
 * ```
 */
export function quoteValue(value: string): string {
  return value.length > QUOTED_LENGTH ? `"${value.slice(0, QUOTED_LENGTH)}…"` : `"${value}"`;
}
