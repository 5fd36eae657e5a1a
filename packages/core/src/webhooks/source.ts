import type { DeclineReason } from '../errors/index.ts';
import type { TenderEvent } from '../events/index.ts';

/**
 * One incoming webhook delivery, as the router hands it to a source: framework-free, with the exact bytes
 * that arrived (signatures are computed over these, never over re-serialised JSON).
 *
 * @example
 * ```ts
 * const request: WebhookRequest = {
 *   method: 'POST', path: '/webhooks/k2', query: new URLSearchParams(),
 *   headers: { 'content-type': 'application/json', 'x-kopokopo-signature': signature },
 *   rawBody: new TextEncoder().encode(body),
 * };
 * ```
 */
export interface WebhookRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Uint8Array;
}

/**
 * The verdict of {@link WebhookSource.verify}. A failed verification carries a short reason that is safe to
 * answer with: it never echoes the expected signature or credentials.
 *
 * @example
 * ```ts
 * const verdict: VerifyResult = { ok: false, reason: 'missing X-KopoKopo-Signature header' };
 * ```
 */
export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * What happened to a delivery, for the source to put in its provider's words.
 *
 * - `accepted`: every handler succeeded (or the events were handled before: a duplicate).
 * - `declined`: a handler declined the payment.
 * - `failed`: a handler failed; the answer must make the provider deliver again.
 * - `rejected`: the delivery itself was refused (`status` 400, 401, 404, 405, 413 or 415).
 *
 * @example
 * ```ts
 * const outcome: WebhookOutcome = { kind: 'declined', reason: 'account_not_found', message: 'no such account' };
 * ```
 */
export type WebhookOutcome =
  | { readonly kind: 'accepted'; readonly duplicate: boolean }
  | { readonly kind: 'declined'; readonly reason: DeclineReason; readonly message: string }
  | { readonly kind: 'failed' }
  | { readonly kind: 'rejected'; readonly status: number; readonly message: string };

/**
 * The HTTP answer to send back.
 *
 * @example
 * ```ts
 * const answer: WebhookAnswer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
 * ```
 */
export interface WebhookAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One provider's webhook dialect: how to check a delivery is genuine, how to read it into events and how to
 * answer. Sources know nothing of routing, de-duplication or handlers.
 *
 * Contract:
 * - `verify` never throws; it works on `rawBody` before anything is parsed.
 * - `decode` throws a `ValidationError` for a malformed payload (the router answers 400) and returns at
 *   least one event for a well-formed one: an unknown kind becomes a `provider.event`, never nothing.
 * - `answer` maps every outcome to the provider's expected reply; `failed` must produce an answer that
 *   makes the provider deliver again.
 *
 * @example
 * ```ts
 * const verdict = await source.verify(request);
 * if (verdict.ok) for (const event of await source.decode(request)) console.log(event.type);
 * ```
 */
export interface WebhookSource {
  /** The provider's name, such as `'k2'`. */
  readonly provider: string;
  /** Media types accepted in `Content-Type`, such as `['application/json']`. */
  readonly contentTypes: readonly string[];
  /** Checks the delivery is genuine, over its exact raw bytes, before anything is parsed. */
  verify(request: WebhookRequest): VerifyResult | Promise<VerifyResult>;
  /** Turns a verified delivery into events; throws a `ValidationError` for a malformed body. */
  decode(request: WebhookRequest): readonly TenderEvent[] | Promise<readonly TenderEvent[]>;
  /** The HTTP answer for how the delivery ended, in the provider's dialect. */
  answer(outcome: WebhookOutcome): WebhookAnswer;
}
