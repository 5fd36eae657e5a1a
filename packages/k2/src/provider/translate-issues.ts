import { ValidationError } from '@tender/core';

/**
 * Where a field of a K2 client request came from in the neutral request: `[clientPath, neutralPath]`
 * prefixes, such as `['subscriber.phoneNumber', 'payer.phone']`.
 *
 * @example
 * ```ts
 * const paths: PathMap = [['subscriber.phoneNumber', 'payer.phone'], ['amount', 'amount']];
 * ```
 */
export type PathMap = readonly (readonly [string, string])[];

/**
 * Runs a K2 client call made for a neutral verb and, when the client refuses the input, rethrows its
 * ValidationError with the neutral field names (`payer.phone`, not `subscriber.phoneNumber`) and the
 * verb as the operation, so the caller learns which of *their* fields is wrong. Nothing was sent.
 *
 * @example
 * ```ts
 * await inNeutralTerms('collect', [['subscriber.phoneNumber', 'payer.phone']], () => client.incomingPayments.create(input));
 * ```
 */
export async function inNeutralTerms<T>(
  operation: string,
  paths: PathMap,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((issue) => ({
      path: neutralPath(issue.path, paths),
      message: issue.message,
    }));
    throw new ValidationError(`Invalid ${operation} request for k2`, issues, { provider: 'k2', operation });
  }
}

function neutralPath(path: string, paths: PathMap): string {
  for (const [from, to] of paths) {
    if (path === from) return to;
    if (path.startsWith(`${from}.`)) return `${to}${path.slice(from.length)}`;
  }
  return path;
}
