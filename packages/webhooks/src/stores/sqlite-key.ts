/** A surrogate code unit that is not half of a pair: a string holding one is not well-formed Unicode. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_OR_BACKSLASH = new RegExp(`${LONE_SURROGATE.source}|\\\\`, 'g');

/**
 * Marks a key that is an escaped id. U+FDD0 is a Unicode noncharacter, reserved for a program's internal
 * use, so no provider's event id starts with it in practice; one that does is escaped too, which keeps the
 * mapping one-to-one even then.
 */
const ESCAPED = '\uFDD0';

/**
 * The key an event id is stored under in SQLite, one-to-one for every JavaScript string.
 *
 * SQLite keeps text as UTF-8, and a JavaScript string that is not well-formed UTF-16 (a lone surrogate,
 * `'\uD800'`) has no UTF-8 form: `node:sqlite` would store U+FFFD in its place, so `'k2:\uD800'`,
 * `'k2:\uDFFF'` and `'k2:\uFFFD'` would all be one event and the later ones would never run. So:
 *
 * - a well-formed id that does not start with U+FDD0, which is every real id, is its own key: rows stay
 *   readable, and a file written before this scheme keeps its meaning;
 * - any other id becomes U+FDD0 followed by the id with each `\` doubled and each lone surrogate written
 *   as `\u` and four lowercase hex digits (`'k2:\uD800'` -> `'\uFDD0k2:\\ud800'`).
 *
 * Keys of the first kind never start with U+FDD0 and keys of the second kind always do, so the two cannot
 * meet; within the second kind the escaping reads back unambiguously (a `\` is always followed by `\` or
 * `u` and four digits), so two different ids never share a key.
 *
 * @example
 * ```ts
 * storageKey('k2:4f1a'); // 'k2:4f1a'
 * storageKey('k2:\uD800'); // '\uFDD0k2:\\ud800'
 * ```
 */
export function storageKey(id: string): string {
  if (!id.startsWith(ESCAPED) && !LONE_SURROGATE.test(id)) return id;
  const escaped = id.replace(LONE_SURROGATE_OR_BACKSLASH, (unit) =>
    unit === '\\' ? '\\\\' : `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${ESCAPED}${escaped}`;
}
