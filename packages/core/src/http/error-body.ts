import * as v from 'valibot';
import type { ErrorBodyParser } from './options.ts';

const ErrorFieldsSchema = v.object({
  code: v.optional(v.union([v.string(), v.number()])),
  message: v.optional(v.string()),
});

/**
 * The error body reader used when the adapter gives none: the generic `code`/`message` pair, or OAuth's
 * `error`/`error_description` (RFC 6749 §5.2).
 *
 * @example
 * ```ts
 * defaultErrorBody({ error: 'invalid_client', error_description: 'Unknown client' }, '');
 * // { code: 'invalid_client', message: 'Unknown client' }
 * ```
 */
export const defaultErrorBody: ErrorBodyParser = (body) => {
  if (typeof body !== 'object' || body === null) return {};
  const fields = body as Record<string, unknown>;
  const code = fields.code ?? fields.error;
  const message = fields.message ?? fields.error_description;
  return {
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
};

/**
 * Runs an adapter's error body reader defensively: a reader that throws or returns something odd yields
 * no code and no message rather than hiding the HTTP error behind its own.
 *
 * @example
 * ```ts
 * readErrorBody(parseK2Error, { error_code: 400, error_message: 'Invalid phone' }, text);
 * // { code: 400, message: 'Invalid phone' }
 * ```
 */
export function readErrorBody(
  parser: ErrorBodyParser,
  body: unknown,
  text: string,
): { code?: string | number | undefined; message?: string | undefined } {
  try {
    const result = v.safeParse(ErrorFieldsSchema, parser(body, text));
    return result.success ? result.output : {};
  } catch {
    return {};
  }
}

/**
 * Parses an answer's body as JSON: `undefined` when it is empty or is not JSON (the raw text stays
 * available to the caller).
 *
 * @example
 * ```ts
 * parseJsonBody('{"data":1}'); // { data: 1 }
 * parseJsonBody(''); // undefined
 * ```
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
