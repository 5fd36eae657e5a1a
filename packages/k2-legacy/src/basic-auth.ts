import { constantTimeEqual } from '@tender/core';

/**
 * Checks an `Authorization: Basic …` header against the expected credentials, in constant time for both
 * parts. Never throws: a missing header, another scheme or bad base64 is simply "no".
 *
 * @example
 * ```ts
 * basicAuthMatches('Basic dXNlcjpwYXNz', { username: 'user', password: 'pass' }); // true
 * ```
 */
export function basicAuthMatches(
  header: string | undefined,
  expected: { readonly username: string; readonly password: string },
): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = constantTimeEqual(decoded.slice(0, colon), expected.username);
  const passwordOk = constantTimeEqual(decoded.slice(colon + 1), expected.password);
  return userOk && passwordOk;
}
