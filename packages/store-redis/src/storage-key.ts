/** A surrogate code unit that is not half of a pair: a string holding one has no UTF-8 form. */
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
/**
 * What is escaped in a key. Redis keys are binary-safe, so only lone surrogates truly need it (the client
 * sends a string as UTF-8, which writes U+FFFD for them, so two different ids would meet); NUL is escaped
 * too so that keys follow exactly the scheme of `@tender/store-postgres`, and one id has one key everywhere.
 */
const UNSTORABLE = new RegExp(`\\0|${LONE_SURROGATE}`);
/** What the escaped form rewrites: the above, and `\`, its escape character. */
const TO_ESCAPE = new RegExp(`\\0|\\\\|${LONE_SURROGATE}`, 'g');

/** Marks an escaped key: U+FDD0 is a Unicode noncharacter, which no provider's id starts with in practice. */
const ESCAPED = '\uFDD0';

/**
 * The text an event id's key ends with, one-to-one for every JavaScript string (the scheme of
 * `@tender/store-postgres` and, NUL aside, of the SQLite store of `@tender/webhooks`):
 *
 * - an id without NUL or lone surrogates that does not start with U+FDD0, which is every real id, is
 *   stored as it is, so keys stay readable;
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
