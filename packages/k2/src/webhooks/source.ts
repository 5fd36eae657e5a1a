import { jsonAnswer, ValidationError, type WebhookSource } from '@tender/core';
import { decodeK2Payload } from './decode.ts';
import { K2_SIGNATURE_HEADER, verifyK2Signature } from './signature.ts';

/**
 * Options of {@link createK2WebhookSource}.
 *
 * @example
 * ```ts
 * const options: K2WebhookSourceOptions = { apiKeys: [process.env.K2_API_KEY!, process.env.K2_PREVIOUS_API_KEY!] };
 * ```
 */
export interface K2WebhookSourceOptions {
  /**
   * The application's API key (not the client secret), or several while one is being replaced: a delivery
   * signed with any of them is genuine.
   */
  readonly apiKeys: string | readonly string[];
}

/**
 * K2 Connect v2 webhooks and result callbacks as a core `WebhookSource`, for the router:
 *
 * - `verify`: `X-KopoKopo-Signature` over the exact raw bytes with each API key ({@link verifyK2Signature});
 * - `decode`: strict UTF-8 JSON from those same bytes, then {@link decodeK2Payload} (a body that is not JSON
 *   or breaks its schema throws `ValidationError`, which the router answers 400);
 * - `answer`: `200 {"status":"received"}` once handled, and also when a handler declined the payment,
 *   because K2 has no answer for refusing one (the money has already moved; a refund is a reversal); `500`
 *   when a handler failed, so K2 delivers again; a refused delivery gets its status and a short JSON reason.
 *
 * The API keys live in a closure: they are not properties of the source, so neither `util.inspect` nor
 * `JSON.stringify` of it can show them, and no answer or error contains them.
 *
 * @example
 * ```ts
 * const router = createRouter({
 *   sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: process.env.K2_API_KEY! }) }],
 * });
 * ```
 */
export function createK2WebhookSource(options: K2WebhookSourceOptions): WebhookSource {
  const given: readonly unknown[] =
    typeof options?.apiKeys === 'string' ? [options.apiKeys] : (options?.apiKeys ?? []);
  const keys = given.filter((key): key is string => typeof key === 'string' && key.trim() !== '');
  if (keys.length === 0) {
    throw new ValidationError(
      'Invalid K2 webhook source options',
      [{ path: 'apiKeys', message: 'needs at least one non-empty API key' }],
      { provider: 'k2' },
    );
  }
  // The two answers given to nearly every delivery are built once.
  const received = jsonAnswer(200, { status: 'received' });
  const deliverAgain = jsonAnswer(500, { error: 'not processed; please deliver again' });
  return {
    provider: 'k2',
    contentTypes: ['application/json'],
    verify: (request) => verifyK2Signature(request.rawBody, request.headers[K2_SIGNATURE_HEADER], keys),
    decode: (request) => decodeK2Payload(request.rawBody),
    answer(outcome) {
      switch (outcome.kind) {
        case 'accepted':
        case 'declined':
          return received;
        case 'failed':
          return deliverAgain;
        case 'rejected':
          return jsonAnswer(outcome.status, { error: outcome.message });
      }
    },
  };
}
