import { jsonAnswer, textAnswer, ValidationError, type WebhookSource } from '@tender/core';
import { decodeK2Payload } from './decode.ts';
import { verifyK2Signature } from './signature.ts';

/** One decoder for every delivery: building a TextDecoder per call showed up in the benchmark profile. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Options of {@link createK2WebhookSource}.
 *
 * @example
 * ```ts
 * const options: K2WebhookSourceOptions = { apiKeys: [process.env.K2_API_KEY!, process.env.K2_OLD_API_KEY!] };
 * ```
 */
export interface K2WebhookSourceOptions {
  /** The application's API key, or several during a rotation. Never the client secret. */
  readonly apiKeys: string | readonly string[];
}

/**
 * K2 Connect v2 webhooks and result callbacks as a {@link WebhookSource}: signature over the raw bytes,
 * JSON decoded into normalized events, answers K2 understands. K2 has no way to refuse a payment in its
 * answer, so a declined payment is acknowledged (200) like an accepted one; a failed handler gets 500 so
 * K2 delivers again.
 *
 * @example
 * ```ts
 * const router = createRouter({
 *   sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: process.env.K2_API_KEY! }) }],
 * });
 * ```
 */
export function createK2WebhookSource(options: K2WebhookSourceOptions): WebhookSource {
  const keys = (typeof options.apiKeys === 'string' ? [options.apiKeys] : [...options.apiKeys]).filter(
    Boolean,
  );
  if (keys.length === 0) {
    throw new ValidationError('Invalid K2 webhook source options', [
      { path: 'apiKeys', message: 'at least one API key is needed' },
    ]);
  }
  return {
    provider: 'k2',
    contentTypes: ['application/json'],
    verify: (request) => verifyK2Signature(request.rawBody, request.headers['x-kopokopo-signature'], keys),
    decode(request) {
      let payload: unknown;
      try {
        payload = JSON.parse(UTF8.decode(request.rawBody));
      } catch {
        throw new ValidationError('Invalid K2 delivery', [{ path: '', message: 'the body is not JSON' }], {
          provider: 'k2',
        });
      }
      return decodeK2Payload(payload);
    },
    answer(outcome) {
      switch (outcome.kind) {
        case 'accepted':
        case 'declined':
          return jsonAnswer(200, { status: 'received' });
        case 'failed':
          return jsonAnswer(500, { error: 'not processed; please deliver again' });
        case 'rejected':
          return outcome.status === 401
            ? textAnswer(401, outcome.message)
            : jsonAnswer(outcome.status, { error: outcome.message });
      }
    },
  };
}
