/** A surrogate code unit that is not half of a pair: a string holding one has no UTF-8 form. */
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
/** What PostgreSQL text cannot hold: NUL (refused outright) and lone surrogates (sent as U+FFFD). */
const UNSTORABLE = new RegExp(`\\0|${LONE_SURROGATE}`);
/** What the escaped form rewrites: the above, and `\`, its escape character. */
const TO_ESCAPE = new RegExp(`\\0|\\\\|${LONE_SURROGATE}`, 'g');

/** Marks an escaped key: U+FDD0 is a Unicode noncharacter, which no provider's id starts with in practice. */
const ESCAPED = '\uFDD0';

/**
 * The text an event id is stored under, one-to-one for every JavaScript string (the same scheme as the
 * SQLite store of `@tender/webhooks`, plus NUL, which PostgreSQL text refuses):
 *
 * - an id without NUL or lone surrogates that does not start with U+FDD0, which is every real id, is
 *   stored as it is, so rows stay readable;
 * - any other id becomes U+FDD0 followed by the id with each `\` doubled and each NUL or lone surrogate
 *   written as `\u` and four lowercase hex digits.
 *
 * The two kinds cannot meet (only the second starts with U+FDD0) and the escaping reads back unambiguously,
 * so two different ids never share a key.
 *
 * @example
 * ```ts
 * storageKey('k2:4f1a'); // 'k2:4f1a'
 * storageKey('k2:\0'); // '\uFDD0k2:\\u0000'
 * ```
 */
export function storageKey(id: string): string {
  if (!id.startsWith(ESCAPED) && !UNSTORABLE.test(id)) return id;
  const escaped = id.replace(TO_ESCAPE, (unit) =>
    unit === '\\' ? '\\\\' : `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${ESCAPED}${escaped}`;
}
