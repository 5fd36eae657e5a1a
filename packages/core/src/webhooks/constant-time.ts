import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in time that does not depend on where they differ, and never throws (unequal
 * lengths, empty strings and odd encodings are just "not equal"). Both sides are hashed to equal-length
 * digests first, because `crypto.timingSafeEqual` throws on different lengths and an early length check
 * would leak the expected length.
 *
 * @example
 * ```ts
 * constantTimeEqual(receivedSignature, expectedSignature); // true or false
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  // UTF-8 writes a lone surrogate as U+FFFD, so two different strings could hash alike: such a string is
  // never a genuine secret or digest, and is simply not equal.
  if (!a.isWellFormed() || !b.isWellFormed()) return false;
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
