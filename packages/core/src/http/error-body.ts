import { parseJsonText } from '../validation/plain-json.ts';
import type { ErrorBodyParser } from './options.ts';

const isCode = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

/** `code` and `message` where they have the right type, and nothing else. */
const codeAndMessage = (code: unknown, message: unknown): { code?: string | number; message?: string } => ({
  ...(isCode(code) && { code }),
  ...(typeof message === 'string' && { message }),
});

/**
 * The error body reader used when the adapter gives none: `code`/`message`, or OAuth's
 * `error`/`error_description` (RFC 6749 §5.2).
 *
 * @example
 * ```ts
 * defaultErrorBody({ error: 'invalid_client', error_description: 'Unknown client' }, ''); // { code: 'invalid_client', message: 'Unknown client' }
 * ```
 */
export const defaultErrorBody: ErrorBodyParser = (body) => {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return codeAndMessage(fields.code ?? fields.error, fields.message ?? fields.error_description);
};

/**
 * Runs an error body reader defensively: one that throws or returns something odd yields no code and no
 * message rather than hiding the HTTP error behind its own.
 */
export function readErrorBody(parser: ErrorBodyParser, text: string): ReturnType<typeof codeAndMessage> {
  try {
    const { code, message } = parser(parseJsonBody(text), text);
    return codeAndMessage(code, message);
  } catch {
    return {};
  }
}

/**
 * A body as JSON, or `undefined` when it is empty, not JSON or nested beyond reason (the text stays
 * available). Read as webhooks are read: a number a double cannot hold exactly (an amount) stays its source
 * text, so a resource fetched by `status()` is never rounded either.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined; // most answers to a POST: no exception to throw and catch
  try {
    return parseJsonText(text).value;
  } catch {
    return undefined;
  }
}
