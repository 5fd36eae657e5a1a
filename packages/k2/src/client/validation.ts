import {
  formatMoneyWithCode,
  isExactWireNumber,
  MetadataSchema,
  type Money,
  MoneySchema,
  parseOrThrow,
} from '@tender/core';
import * as v from 'valibot';

/**
 * A valibot message for a type check that says "is required" when the field is missing and
 * "must be <what>" otherwise. Valibot's own messages quote the received value; these never do.
 *
 * @example
 * ```ts
 * const PhoneSchema = v.string(expected('a phone number string'));
 * ```
 */
export function expected(what: string): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`);
}

/**
 * The message of every input object: "is required" for a missing key (valibot reports those on the object,
 * quoting the key) and "must be an object" when the value itself is not one.
 *
 * @example
 * ```ts
 * const Schema = v.object({ reason: TextSchema }, objectMessage);
 * ```
 */
export const objectMessage = (issue: v.ObjectIssue): string =>
  issue.expected?.startsWith('"') === true ? 'is required' : 'must be an object';

/**
 * K2's documented limit on `metadata`: at most five key/value pairs (Node, PHP, Ruby and Python READMEs).
 * Only the Dart SDK enforces it; tender does too, so a request K2 would refuse is never sent.
 *
 * @example
 * ```ts
 * console.log(K2_MAX_METADATA_ENTRIES); // 5
 * ```
 */
export const K2_MAX_METADATA_ENTRIES = 5;

/**
 * Flat metadata K2 echoes in results and callbacks: string, number, boolean or null values, at most five
 * pairs.
 *
 * @example
 * ```ts
 * v.parse(K2MetadataSchema, { order_id: 'ORD-20931', channel: 'web' });
 * ```
 */
export const K2MetadataSchema = v.pipe(
  MetadataSchema,
  v.check(
    (metadata) => Object.keys(metadata).length <= K2_MAX_METADATA_ENTRIES,
    `must have at most ${K2_MAX_METADATA_ENTRIES} key/value pairs (K2's limit)`,
  ),
  v.check((metadata) => Object.keys(metadata).every((key) => key.trim() !== ''), 'must not have blank keys'),
);

/**
 * @example
 * ```ts
 * const metadata: K2Metadata = { order_id: 'ORD-20931' };
 * ```
 */
export type K2Metadata = v.InferOutput<typeof K2MetadataSchema>;

/**
 * An absolute `http:` or `https:` URL where K2 sends results or webhook events. K2's guides ask for HTTPS
 * with a valid certificate; plain HTTP stays allowed for local simulators and tunnels.
 *
 * @example
 * ```ts
 * v.parse(CallbackUrlSchema, 'https://shop.example/k2/results/stk');
 * ```
 */
export const CallbackUrlSchema = v.pipe(
  v.string(expected('an absolute http(s) URL string')),
  v.trim(),
  v.url('must be an absolute URL such as https://shop.example/k2/results'),
  v.check((url) => /^https?:\/\//i.test(url), 'must use http or https'),
);

/**
 * An amount K2 can take: Kenyan shillings only (every SDK and README says so), more than zero, and one that
 * a JSON number writes exactly (K2 takes amounts as JSON numbers; see `isExactWireNumber` in core). The last
 * check refuses, before anything is sent, amounts of sixteen significant digits that would otherwise reach
 * K2 changed by a cent, such as KES 90071992547409.91.
 *
 * @example
 * ```ts
 * v.parse(KesAmountSchema, parseMoney('250', 'KES'));
 * ```
 */
export const KesAmountSchema = v.pipe(
  // Typed `Money`, so a float does not compile; at run time a number or text gets the way to say it exactly.
  v.custom<Money>((amount) => typeof amount === 'object' && amount !== null, notMoney),
  MoneySchema,
  v.check((amount) => amount.currency === 'KES', 'must be in KES: K2 supports only Kenyan shillings'),
  v.check((amount) => amount.minor > 0, 'must be more than zero'),
  v.check(
    isExactWireNumber,
    (issue) =>
      `${formatMoneyWithCode(issue.input)} is too large to be sent exactly as a JSON number (K2's amount format)`,
  ),
);

/** Why an amount is not a Money: missing, or a plain number or text, with the parseMoney call to use. */
function notMoney(issue: v.BaseIssue<unknown>): string {
  const { input } = issue;
  if (input === undefined) return 'is required';
  if (typeof input !== 'number' && typeof input !== 'string')
    return 'must be a Money amount from parseMoney()';
  return `must be a Money amount, not a ${typeof input}: use parseMoney('${String(input)}', 'KES')`;
}

/**
 * A plain till number: digits (`889900`), as send-money destinations and webhook payloads show it.
 *
 * @example
 * ```ts
 * v.parse(TillNumberSchema, '889900');
 * ```
 */
export const TillNumberSchema = v.pipe(
  v.string(expected('a till number string')),
  v.trim(),
  v.regex(/^\d+$/, 'must be a till number made of digits'),
);

/**
 * A till number of an Online Payments Account, prefixed with `K` (`K776655`): K2's STK push guide says
 * STK push requests must name one. No SDK checks the prefix; tender does, because K2 refuses the request
 * otherwise. A lowercase `k` is accepted and sent uppercase.
 *
 * @example
 * ```ts
 * v.parse(OnlineTillNumberSchema, 'k776655'); // 'K776655'
 * ```
 */
export const OnlineTillNumberSchema = v.pipe(
  v.string(expected('a till number string')),
  v.trim(),
  v.regex(/^[Kk]\d+$/, 'must be an Online Payments Account till number starting with K, such as K776655'),
  v.toUpperCase(),
);

/**
 * A till that either kind may fill: payment links take an M-PESA till or an Online Payments Account till
 * (Ruby README), and webhook or polling scopes name a till.
 *
 * @example
 * ```ts
 * v.parse(AnyTillNumberSchema, 'K776655');
 * v.parse(AnyTillNumberSchema, '556677');
 * ```
 */
export const AnyTillNumberSchema = v.pipe(
  v.string(expected('a till number string')),
  v.trim(),
  v.regex(/^[Kk]?\d+$/, 'must be a till number: digits, optionally prefixed with K'),
  v.toUpperCase(),
);

/**
 * How K2 settles to a bank account: `EFT` or `RTS` (Ruby validates this set).
 *
 * @example
 * ```ts
 * v.parse(SettlementMethodSchema, 'RTS');
 * ```
 */
export const SettlementMethodSchema = v.picklist(['EFT', 'RTS'], "must be 'EFT' or 'RTS'");

/**
 * `till` or `company`, in any letter case (K2 answers `"Company"` in polling results while requests use
 * lowercase); sent lowercase.
 *
 * @example
 * ```ts
 * v.parse(ScopeSchema, 'Company'); // 'company'
 * ```
 */
export const ScopeSchema = v.pipe(
  v.string(expected("'till' or 'company'")),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['till', 'company'], "must be 'till' or 'company'"),
);

/**
 * @example
 * ```ts
 * const scope: K2Scope = 'till';
 * ```
 */
export type K2Scope = v.InferOutput<typeof ScopeSchema>;

/**
 * An optional free-text field: left out of the body when not given, refused when blank (a blank name or
 * nickname is a mistake, not a value K2 needs).
 *
 * @example
 * ```ts
 * v.parse(v.object({ nickname: OptionalTextSchema }), {}); // {}
 * ```
 */
export const OptionalTextSchema = v.optional(
  v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be blank; leave it out instead')),
);

/**
 * A required free-text field (names, references, descriptions): trimmed, not blank.
 *
 * @example
 * ```ts
 * v.parse(TextSchema, ' Delivery fee '); // 'Delivery fee'
 * ```
 */
export const TextSchema = v.pipe(v.string(expected('a string')), v.trim(), v.nonEmpty('must not be blank'));

/**
 * Checks a caller's input for one client method: the typed, normalised output, or a ValidationError
 * naming every bad field, thrown before anything is sent.
 *
 * @example
 * ```ts
 * const request = parseK2Input(IncomingPaymentRequestSchema, input, 'incomingPayments.create');
 * ```
 */
export function parseK2Input<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  operation: string,
): v.InferOutput<TSchema> {
  return parseOrThrow(schema, input, `Invalid K2 ${operation} request`, { provider: 'k2', operation });
}
