import type { WebhookAnswer } from './source.ts';

/**
 * A JSON answer with the right content type, for sources' `answer` methods.
 *
 * @example
 * ```ts
 * jsonAnswer(200, { status: 'ok' }); // { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' }
 * ```
 */
export function jsonAnswer(status: number, body: unknown): WebhookAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

/**
 * A plain-text answer, for refusals that need no structure.
 *
 * @example
 * ```ts
 * textAnswer(401, 'bad signature');
 * ```
 */
export function textAnswer(status: number, body: string): WebhookAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}
