import { parseJsonText } from '../validation/plain-json.ts';
import type { ErrorBodyParser } from './options.ts';

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
  const code = fields.code ?? fields.error;
  const message = fields.message ?? fields.error_description;
  return {
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
};

/**
 * Runs an error body reader defensively: one that throws or returns something odd yields no code and no
 * message rather than hiding the HTTP error behind its own.
 */
export function readErrorBody(
  parser: ErrorBodyParser,
  text: string,
): { code?: string | number; message?: string } {
  try {
    const { code, message } = parser(parseJsonBody(text), text);
    return {
      ...((typeof code === 'string' || typeof code === 'number') && { code }),
      ...(typeof message === 'string' && { message }),
    };
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
  if (text.trim() === '') return undefined;
  try {
    return parseJsonText(text).value;
  } catch {
    return undefined;
  }
}
