/**
 * Paykassma postbacks as the simulator and `tender trigger` send them: the manual's envelope (reference
 * §7.1, §11.1) with one `additional_data` item, signed `sha1(access key + private key + md5(list JSON))`.
 * The simulator writes its JSON as PHP's `json_encode(JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE)`
 * does: compact, `/` and non-ASCII raw, U+2028/U+2029 escaped. This signer is written apart from
 * @tender/paykassma's verifier on purpose, so each checks the other.
 */
import { createHash } from 'node:crypto';

/** The account's time zone for postback date-times (`+08:00`, reference §6). */
const ACCOUNT_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * `YYYY-MM-DD HH:MM:SS` in the account's zone, as postbacks write date-times.
 *
 * @example
 * ```ts
 * paykassmaDateTime(new Date('2024-03-04T02:21:44Z')); // '2024-03-04 10:21:44'
 * ```
 */
export function paykassmaDateTime(at: Date): string {
  return new Date(at.getTime() + ACCOUNT_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** JSON as PHP writes it with the two flags (JavaScript differs only on the two line separators). */
function phpLikeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function hex(algorithm: 'md5' | 'sha1', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/**
 * The postback keys a simulator or a trigger signs with.
 *
 * @example
 * ```ts
 * const keys: PostbackKeys = { accessKey: 'access', privateKey: 'private' };
 * ```
 */
export interface PostbackKeys {
  readonly accessKey: string;
  readonly privateKey: string;
}

/**
 * What one postback says: a deposit credited, or a withdrawal's outcome.
 *
 * @example
 * ```ts
 * const facts: PostbackFacts = { direction: 'ingoing', label: 'user-1', amountKyat: 25000, transactionId: '0100987654321098765', customTransactionId: 'dep-1', stockpilingId: 1, at: new Date() };
 * ```
 */
export type PostbackFacts =
  | {
      readonly direction: 'ingoing';
      readonly label: string;
      readonly amountKyat: number;
      readonly transactionId: string;
      readonly customTransactionId: string;
      readonly stockpilingId: number;
      readonly at: Date;
    }
  | {
      readonly direction: 'outgoing';
      readonly label: string;
      readonly amountKyat: number;
      readonly withdrawalId: string;
      readonly status: 1 | 5;
      readonly accountNumber: string;
      readonly comment: string;
      readonly at: Date;
    };

/**
 * The signed postback body for `facts`. `overrides` replace fields of the item (signed) under `item.` keys
 * or of the envelope (unsigned) otherwise, all as strings, the way `tender trigger --set` passes them.
 *
 * @example
 * ```ts
 * const body = buildPostback(facts, keys, { 'item.amount': '30000' });
 * ```
 */
export function buildPostback(
  facts: PostbackFacts,
  keys: PostbackKeys,
  overrides: Readonly<Record<string, string>> = {},
): string {
  const item: Record<string, unknown> =
    facts.direction === 'ingoing'
      ? {
          activated_datetime: paykassmaDateTime(facts.at),
          exchanger_identifier: null,
          comment: '',
          amount: String(facts.amountKyat),
          currency_code: 'MMK',
          wallet_type: 'kbzpay_manual',
          stockpiling_id: facts.stockpilingId,
          transaction_id: facts.transactionId,
          transaction_type: 0,
          plugin_custom_order_id: facts.customTransactionId,
          withdrawal_id: null,
          withdrawal_status: null,
          account_number: '',
          account_name: '',
          account_email: '',
          bank_details: { bank_code: '', branch_code: '' },
        }
      : {
          activated_datetime: '',
          exchanger_identifier: '',
          comment: facts.comment,
          amount: String(facts.amountKyat),
          currency_code: 'MMK',
          wallet_type: 'kbzpay_manual',
          stockpiling_id: null,
          transaction_id: '',
          transaction_type: null,
          plugin_custom_order_id: '',
          withdrawal_id: facts.withdrawalId,
          withdrawal_status: facts.status,
          account_number: facts.accountNumber,
          account_name: '',
          account_email: '',
          bank_details: { bank_code: null, branch_code: null },
        };
  const envelope: Record<string, unknown> = {
    wallet_type: 'kbzpay_manual',
    amount: facts.amountKyat,
    currency_code: 'MMK',
    label: facts.label,
    direction: facts.direction,
    created_datetime: paykassmaDateTime(facts.at),
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (key.startsWith('item.')) item[key.slice(5)] = value;
    else envelope[key] = value;
  }
  const list = phpLikeJson([item]);
  const signature = hex('sha1', keys.accessKey + keys.privateKey + hex('md5', list));
  const head = phpLikeJson({ signature, ...envelope, access_key: keys.accessKey });
  return `${head.slice(0, -1)},"additional_data":${list}}`;
}

/**
 * Checks a withdrawal body's signature the way Paykassma does (reference §9.3): values sorted by key,
 * `true` as "1", `false`/`null` as "", joined by ":", then `sha1(key + md5(...))`.
 *
 * @example
 * ```ts
 * withdrawalSignatureMatches(body, privateKey); // true
 * ```
 */
export function withdrawalSignatureMatches(
  body: Readonly<Record<string, unknown>>,
  privateKey: string,
): boolean {
  const signString = Object.keys(body)
    .filter((key) => key !== 'signature')
    .sort()
    .map((key) => {
      const value = body[key];
      if (value === true) return '1';
      if (value === false || value === null || value === undefined) return '';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    })
    .join(':');
  return body.signature === hex('sha1', privateKey + hex('md5', signString));
}
