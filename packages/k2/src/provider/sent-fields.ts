import { ValidationError } from '@tender/core';

/**
 * One field a neutral verb sends through the K2 client: its path in the client request
 * (`destinations.0.amount`), the neutral field it comes from (`amount`; `undefined` for what the provider
 * adds itself, such as its till number), and its value (left out when `undefined`).
 *
 * @example
 * ```ts
 * const field: SentField = ['subscriber.phoneNumber', 'payer.phone', '0711000111'];
 * ```
 */
export type SentField = readonly [clientPath: string, neutralPath: string | undefined, value: unknown];

/** Client path prefixes and the neutral path prefixes they come from, the most specific first. */
type PathMap = readonly (readonly [string, string])[];

/**
 * Builds the K2 client request `fields` describe and, from the same list, the way back from the client's
 * field paths to the neutral ones: the request sent and the fields its errors name cannot drift apart.
 * `TRequest` is the client method's input type; the client checks the built request at run time.
 *
 * @example
 * ```ts
 * const sent = sendFields<K2ReversalRequest>([['reason', 'reason', 'Paid twice'], ...]);
 * await inNeutralTerms('reverse', sent, () => client.reversals.create(sent.input));
 * ```
 */
export function sendFields<TRequest>(fields: readonly SentField[]): { input: TRequest; paths: PathMap } {
  const input: Record<string, unknown> = {};
  for (const [path, , value] of fields) if (value !== undefined) setAt(input, path.split('.'), value);
  const paths = fields.flatMap(([client, neutral]) =>
    neutral === undefined ? [] : [[client, neutral] as const],
  );
  return { input: input as TRequest, paths: paths.sort(([a], [b]) => b.length - a.length) };
}

/** Sets `value` at `keys`, creating objects (arrays for numeric keys) on the way. */
function setAt(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = target;
  for (const [index, key] of keys.entries()) {
    const next = keys[index + 1];
    if (next === undefined) node[key] = value;
    else {
      node[key] ??= /^\d+$/.test(next) ? [] : {};
      node = node[key] as Record<string, unknown>;
    }
  }
}

/**
 * Runs a K2 client call made for a neutral verb and, when the client refuses the input, rethrows its
 * ValidationError with the neutral field names (`payer.phone`, not `subscriber.phoneNumber`) and the verb
 * as the operation, so the caller learns which of *their* fields is wrong. Nothing was sent.
 *
 * @example
 * ```ts
 * const sent = sendFields<K2IncomingPaymentRequest>(fields);
 * await inNeutralTerms('collect', sent, () => client.incomingPayments.create(sent.input));
 * ```
 */
export async function inNeutralTerms<T>(
  operation: string,
  { paths }: { readonly paths: PathMap },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map(({ path, message }) => ({ path: neutralPath(path, paths), message }));
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
