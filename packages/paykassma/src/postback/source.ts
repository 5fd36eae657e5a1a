import {
  constantTimeEqual,
  jsonAnswer,
  parseOrThrow,
  ValidationError,
  type WebhookSource,
} from '@tender/core';
import * as v from 'valibot';
import { type JsonNode, member } from '../json/exact-json.ts';
import { decodePaykassmaPostback } from './decode.ts';
import { readPostbackBody } from './read-body.ts';
import { signedList } from './signature.ts';

const KeySchema = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));

const SourceOptionsSchema = v.object(
  {
    postbackAccessKey: KeySchema,
    postbackPrivateKey: KeySchema,
    /**
     * The account's UTC offset for postback date-times, which carry none (reference §6: `+08:00` unless
     * support changed the account's time zone). @default '+08:00'
     */
    utcOffset: v.optional(
      v.pipe(v.string('must be a string'), v.regex(/^[+-]\d{2}:\d{2}$/, 'must look like +08:00')),
    ),
    /** The clock for withdrawal events, whose items carry no signed time. @default () => new Date() */
    now: v.optional(v.custom<() => Date>((value) => typeof value === 'function', 'must be a function')),
  },
  'must be an object',
);

/** A postback whose access key and signature held: its parsed tree, its text and which list was signed. */
interface VerifiedPostback {
  readonly ok: true;
  readonly tree: JsonNode;
  readonly text: string;
  readonly listName: string;
}

/**
 * Options of {@link createPaykassmaSource}: the two postback keys from the merchant's account settings, and
 * optionally the account's UTC offset. The rest of a Paykassma configuration may be passed along and is
 * ignored, so one configuration object can serve the client and the source.
 *
 * @example
 * ```ts
 * const options: PaykassmaSourceOptions = {
 *   postbackAccessKey: process.env.PAYKASSMA_POSTBACK_ACCESS_KEY!,
 *   postbackPrivateKey: process.env.PAYKASSMA_POSTBACK_PRIVATE_KEY!,
 * };
 * ```
 */
export type PaykassmaSourceOptions = v.InferInput<typeof SourceOptionsSchema>;

/**
 * Paykassma postbacks as a core `WebhookSource`, for the router:
 *
 * - `verify`: `access_key` equals the configured access key and `signature` is
 *   `sha1(access key + private key + md5(compact JSON of additional_data))` (or of `transactions`, the
 *   older shape), both compared in constant time; the list is re-serialised from its source text as PHP
 *   writes it. A missing or wrong one is a 401 with a short reason, and no handler runs.
 * - `decode`: one event per signed item (see {@link decodePaykassmaPostback}); a malformed body, or an
 *   unsigned top-level field contradicting the signed items, is a 400 naming the field.
 * - `answer`: `200 {"status":"ok"}` once every handler succeeded (or for a repeated postback), also when a
 *   handler declined (the money has moved); `500 {"status":"error"}` when a handler failed, so Paykassma
 *   sends the postback again.
 *
 * The keys live in a closure: no property, answer, `util.inspect` or `JSON.stringify` output shows them.
 *
 * @example
 * ```ts
 * const router = createRouter({
 *   sources: [{ name: 'paykassma', path: '/webhooks/paykassma', source: createPaykassmaSource(config) }],
 * });
 * ```
 */
export function createPaykassmaSource(options: PaykassmaSourceOptions): WebhookSource {
  const checked = parseOrThrow(SourceOptionsSchema, options, 'Invalid Paykassma source options', {
    provider: 'paykassma',
  });
  const keys = { accessKey: checked.postbackAccessKey, privateKey: checked.postbackPrivateKey };
  const settings = { utcOffset: checked.utcOffset ?? '+08:00', now: checked.now ?? (() => new Date()) };
  const ok = jsonAnswer(200, { status: 'ok' });
  const again = jsonAnswer(500, { status: 'error', message: 'not processed; please send again' });

  /** The body read and its signed list matched, or why the postback is refused. */
  function readVerified(
    rawBody: Uint8Array,
  ): VerifiedPostback | { readonly ok: false; readonly reason: string } {
    const body = readPostbackBody(rawBody);
    if (!body.ok) return { ok: false, reason: body.reason };
    const accessKey = member(body.tree, 'access_key');
    if (accessKey?.kind !== 'string') return { ok: false, reason: 'missing access_key' };
    if (!constantTimeEqual(accessKey.value, keys.accessKey)) return { ok: false, reason: 'wrong access_key' };
    if (member(body.tree, 'signature')?.kind !== 'string') return { ok: false, reason: 'missing signature' };
    const signed = signedList(body.tree, keys);
    if (signed === undefined) return { ok: false, reason: 'signature does not match' };
    return { ok: true, tree: body.tree, text: body.text, listName: signed.name };
  }
  // The router verifies, then decodes the same request: what verify read and matched is kept for decode,
  // keyed by the body's bytes (forgotten with them), instead of parsing and hashing the body a second time.
  const verified = new WeakMap<Uint8Array, VerifiedPostback>();

  return {
    provider: 'paykassma',
    contentTypes: ['application/json'],
    verify(request) {
      const result = readVerified(request.rawBody);
      if (!result.ok) return result;
      verified.set(request.rawBody, result);
      return { ok: true };
    },
    decode(request) {
      const result = verified.get(request.rawBody) ?? readVerified(request.rawBody);
      verified.delete(request.rawBody);
      if (!result.ok) {
        // The router decodes only verified deliveries; this guards a caller that skips verify().
        throw new ValidationError(
          'Invalid Paykassma postback',
          [{ path: 'signature', message: 'the postback is not verified' }],
          { provider: 'paykassma', operation: 'postback' },
        );
      }
      return decodePaykassmaPostback(result.tree, result.text, result.listName, settings);
    },
    answer(outcome) {
      switch (outcome.kind) {
        case 'accepted':
        case 'declined':
          return ok;
        case 'failed':
          return again;
        case 'rejected':
          return jsonAnswer(outcome.status, { status: 'fail', message: outcome.message });
      }
    },
  };
}
