import * as v from 'valibot';
import { expected, objectMessage, parseK2Input } from './validation.ts';

/**
 * A Location URL as `client.status` and `client.paymentLinks.cancel` take it: an absolute `http(s)` URL.
 *
 * @example
 * ```ts
 * v.parse(LocationSchema, 'https://sandbox.kopokopo.com/api/v2/reversals/7d8e9f0a');
 * ```
 */
export const LocationSchema = v.pipe(
  v.string(expected('a Location URL string')),
  v.trim(),
  v.url('must be the absolute Location URL K2 returned'),
  v.check((url) => /^https?:\/\//i.test(url), 'must be an http or https URL'),
);

/**
 * Checks a Location URL before it is requested with the bearer token: it must be absolute and on the
 * configured K2 origin. K2 treats Location URLs as opaque, but the token must never travel to another host
 * (the core HTTP client refuses that too; this check names the field).
 *
 * @example
 * ```ts
 * const url = checkLocation(location, 'https://sandbox.kopokopo.com', 'status');
 * ```
 */
export function checkLocation(location: unknown, baseUrl: string, operation: string): string {
  const origin = new URL(baseUrl).origin;
  return parseK2Input(
    v.object(
      {
        location: v.pipe(
          LocationSchema,
          v.check(
            (url) => new URL(url).origin === origin,
            `must be on ${origin}, the configured K2 host: the access token is only sent there`,
          ),
        ),
      },
      objectMessage,
    ),
    { location },
    operation,
  ).location;
}
