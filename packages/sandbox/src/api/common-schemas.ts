/**
 * Field schemas shared by the simulated endpoints. Messages are predicates only ("is not a valid url"); the
 * body validator puts the field's name in front (see validate-body.ts). Where the SDKs disagree (reference
 * §7), the simulator accepts what the most lenient official SDK sends and rejects what none would.
 */
import * as v from 'valibot';
import { parseWireAmount } from '../data/amount.ts';

/**
 * A string with at least one non-space character.
 *
 * @example
 * ```ts
 * v.is(NonBlankStringSchema, '  '); // false
 * ```
 */
export const NonBlankStringSchema = v.pipe(
  v.string(),
  v.check((text) => text.trim() !== ''),
);

/**
 * An optional free-text field that may also be `null` (K2 echoes `null` for absent ones).
 *
 * @example
 * ```ts
 * v.object({ nickname: OptionalTextSchema });
 * ```
 */
export const OptionalTextSchema = v.optional(v.nullable(v.string()));

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * An absolute http(s) URL; local hosts are allowed, as k2-connect-node's `allowLocal` check does (§7.6).
 *
 * @example
 * ```ts
 * v.is(HttpUrlSchema, 'http://127.0.0.1:8080/results'); // true
 * ```
 */
export const HttpUrlSchema = v.pipe(NonBlankStringSchema, v.check(isHttpUrl, 'is not a valid url'));

/**
 * `_links` with the result `callback_url`.
 *
 * @example
 * ```ts
 * v.object({ _links: CallbackLinksSchema });
 * ```
 */
export const CallbackLinksSchema = v.object({ callback_url: HttpUrlSchema });

/**
 * At most five flat key/value pairs (reference §7.4).
 *
 * @example
 * ```ts
 * v.is(MetadataSchema, { order_id: 'ORD-1' }); // true
 * ```
 */
export const MetadataSchema = v.optional(
  v.nullable(
    v.pipe(
      v.record(
        v.string(),
        v.union([v.string(), v.number(), v.boolean(), v.null()], 'must be a string, number, boolean or null'),
        'must be an object of key/value pairs',
      ),
      v.check((metadata) => Object.keys(metadata).length <= 5, 'can have at most 5 key/value pairs'),
    ),
  ),
);

/**
 * Only Kenyan shillings are supported (reference §7.2).
 *
 * @example
 * ```ts
 * v.is(KesCurrencySchema, 'USD'); // false
 * ```
 */
export const KesCurrencySchema = v.pipe(
  NonBlankStringSchema,
  v.check((currency) => currency === 'KES', 'must be KES'),
);

function isPositiveAmount(value: number | string): boolean {
  const cents = parseWireAmount(value);
  return cents !== undefined && cents > 0;
}

/**
 * A positive amount sent as a JSON number or decimal string (reference §7.3), parsed to integer cents.
 *
 * @example
 * ```ts
 * v.parse(AmountCentsSchema, '1500.5'); // 150050
 * ```
 */
export const AmountCentsSchema = v.pipe(
  v.union([v.number(), v.string()]),
  v.check(isPositiveAmount, 'must be a positive amount with at most two decimals'),
  v.transform((value) => parseWireAmount(value) ?? 0),
);

/**
 * A Kenyan mobile number in any form K2's STK validator takes (reference §7.1): `+2547…`/`+2541…`,
 * `2547…`/`2541…`, `07…`/`01…`. The message is K2's own (§6.1).
 *
 * @example
 * ```ts
 * v.is(KenyanPhoneSchema, '0711000111'); // true
 * ```
 */
export const KenyanPhoneSchema = v.pipe(
  NonBlankStringSchema,
  v.regex(/^(?:\+?254|0)[17]\d{8}$/, 'is an invalid number'),
);

/**
 * Send-money wallet destinations: `254XXXXXXXXX`, optionally with `+` (reference §7.1, [PHP2] rule).
 *
 * @example
 * ```ts
 * v.is(SendMoneyPhoneSchema, '254722000222'); // true
 * ```
 */
export const SendMoneyPhoneSchema = v.pipe(
  NonBlankStringSchema,
  v.regex(/^\+?254\d{9}$/, 'is an invalid number, it must be in the format 254XXXXXXXXX'),
);

/**
 * A JSON boolean.
 *
 * @example
 * ```ts
 * v.object({ favourite: v.optional(BooleanSchema) });
 * ```
 */
export const BooleanSchema = v.boolean('must be true or false');

/**
 * A webhook or polling scope.
 *
 * @example
 * ```ts
 * v.is(ScopeSchema, 'till'); // true
 * ```
 */
export const ScopeSchema = v.picklist(['till', 'company'], "must be one of 'till' or 'company'");

/**
 * Bank settlement method.
 *
 * @example
 * ```ts
 * v.is(SettlementMethodSchema, 'RTS'); // true
 * ```
 */
export const SettlementMethodSchema = v.picklist(['EFT', 'RTS'], "must be one of 'EFT' or 'RTS'");

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO-8601 time with a zone offset (`2026-01-05T00:00:00+03:00`), parsed to a Date.
 *
 * @example
 * ```ts
 * v.parse(IsoTimeSchema, '2026-01-05T00:00:00+03:00'); // Date 2026-01-04T21:00:00Z
 * ```
 */
export const IsoTimeSchema = v.pipe(
  NonBlankStringSchema,
  v.check(
    (text) => ISO_WITH_OFFSET.test(text) && !Number.isNaN(Date.parse(text)),
    'is not a valid ISO-8601 time with an offset',
  ),
  v.transform((text) => new Date(text)),
);
