import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@tender/core';
import { type JsonNode, member } from '../json/exact-json.ts';
import { phpJson } from '../json/php-json.ts';

function hex(algorithm: 'md5' | 'sha1', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/**
 * The postback signature (reference §7.3): `sha1(access key + private key + md5(compact JSON of the hashed
 * list))`, lower-case hex, with the list written as PHP writes it.
 *
 * @example
 * ```ts
 * paykassmaPostbackSignature('PUBKEY', 'PRIVKEY', '[{"amount":"25000"}]'); // 40 hex characters
 * ```
 */
export function paykassmaPostbackSignature(accessKey: string, privateKey: string, listJson: string): string {
  return hex('sha1', accessKey + privateKey + hex('md5', listJson));
}

/**
 * The lists a postback may be signed over, in the order they are tried: `additional_data` (the manual's
 * shape) and `transactions` (the older shape, confirmed on a real postback). Only arrays are candidates.
 *
 * @example
 * ```ts
 * hashedLists(parseExactJson(body)).map((list) => list.name); // ['additional_data']
 * ```
 */
export function hashedLists(body: JsonNode): { readonly name: string; readonly list: JsonNode }[] {
  const lists: { name: string; list: JsonNode }[] = [];
  for (const name of ['additional_data', 'transactions']) {
    const list = member(body, name);
    if (list?.kind === 'array') lists.push({ name, list });
  }
  return lists;
}

/**
 * Which hashed list a postback's `signature` matches with these keys, or `undefined` for none. Each
 * candidate is compared in constant time; the list is re-serialised from its source text
 * ({@link phpJson}), never from `JSON.parse`'s reordered, re-spelled copy.
 *
 * @example
 * ```ts
 * const signed = signedList(parseExactJson(body), { accessKey, privateKey }); // { name: 'additional_data', list }
 * ```
 */
export function signedList(
  body: JsonNode,
  keys: { readonly accessKey: string; readonly privateKey: string },
): { readonly name: string; readonly list: JsonNode } | undefined {
  const signature = member(body, 'signature');
  if (signature?.kind !== 'string') return undefined;
  // PHP writes lower-case hex; an upper-case copy is a different byte string and is refused like any other.
  const received = signature.value;
  let match: { name: string; list: JsonNode } | undefined;
  // Every candidate is computed and compared, so the time does not say which list was tried last.
  for (const candidate of hashedLists(body)) {
    const expected = paykassmaPostbackSignature(keys.accessKey, keys.privateKey, phpJson(candidate.list));
    if (constantTimeEqual(received, expected) && match === undefined) match = candidate;
  }
  return match;
}
