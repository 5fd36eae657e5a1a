import { ValidationError } from '@tender/core';

/**
 * The ValidationError for one field of a neutral request that K2 cannot take (nothing is sent).
 *
 * @example
 * ```ts
 * throw invalidField('reverse', 'amount', 'must be left out: K2 reverses whole transactions');
 * ```
 */
export function invalidField(operation: string, path: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${operation} request for k2`, [{ path, message }], {
    provider: 'k2',
    operation,
  });
}

/**
 * The URL K2 posts a result to: the request's own, else the provider's default. K2 requires one on every
 * money request, so having neither is a ValidationError naming `callbackUrl`.
 *
 * @example
 * ```ts
 * const url = callbackUrlFor(request.callbackUrl, settings.callbackUrl, 'collect');
 * ```
 */
export function callbackUrlFor(
  requested: string | undefined,
  fallback: string | undefined,
  operation: string,
): string {
  const url = requested ?? fallback;
  if (url !== undefined) return url;
  throw invalidField(
    operation,
    'callbackUrl',
    "is required by K2: give it in the request or as the provider's callbackUrl",
  );
}
