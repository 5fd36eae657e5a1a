import { jsonAnswer, type WebhookAnswer, type WebhookOutcome } from '@tender/core';

/**
 * How the two-digit status is written in the JSON answer. The seed prints `"status":01`, which is not
 * valid JSON; `'string'` (the default) answers `"01"`, `'number'` answers `1` for deployments that prove to
 * want a number.
 *
 * @example
 * ```ts
 * const encoding: LegacyStatusEncoding = 'string';
 * ```
 */
export type LegacyStatusEncoding = 'string' | 'number';

const STATUS = {
  accepted: ['01', 'Accepted'],
  account_not_found: ['02', 'Account not Found'],
  invalid_payment: ['03', 'Invalid Payment'],
} as const;

/**
 * The challenge sent with a 401 when the source checks Basic credentials. HTTP requires a 401 to carry one
 * (RFC 9110 §11.6.1), and clients that send credentials only once challenged need it to send them at all.
 */
const BASIC_CHALLENGE = { 'www-authenticate': 'Basic realm="tender", charset="UTF-8"' } as const;

/**
 * The answer Kopo Kopo expects for each outcome: 200 with status 01/02/03, 401 for bad credentials (with a
 * Basic challenge when `basicAuth` is set), 400 for malformed notifications and 500 when a handler failed,
 * so nothing is silently accepted.
 *
 * @example
 * ```ts
 * legacyAnswer({ kind: 'accepted', duplicate: false }, 'string').body; // '{"status":"01","description":"Accepted"}'
 * ```
 */
export function legacyAnswer(
  outcome: WebhookOutcome,
  encoding: LegacyStatusEncoding,
  options: { readonly basicAuth?: boolean } = {},
): WebhookAnswer {
  const reply = ([status, description]: readonly [string, string]) =>
    jsonAnswer(200, { status: encoding === 'number' ? Number(status) : status, description });
  switch (outcome.kind) {
    case 'accepted':
      return reply(STATUS.accepted);
    case 'declined':
      return reply(STATUS[outcome.reason]);
    case 'failed':
      return jsonAnswer(500, { error: 'the notification could not be processed; please deliver it again' });
    case 'rejected': {
      const answer = jsonAnswer(outcome.status, { error: outcome.message });
      if (outcome.status !== 401 || options.basicAuth !== true) return answer;
      return { ...answer, headers: { ...answer.headers, ...BASIC_CHALLENGE } };
    }
  }
}
