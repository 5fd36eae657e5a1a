import type { ErrorBodyParser } from '../http/options.ts';

/**
 * Reads an OAuth 2 error body, `{ "error": "invalid_client", "error_description": "..." }` (RFC 6749
 * §5.2), into the provider's code and message. Token endpoints answer in this shape even where the rest of
 * the API does not (K2 API errors are `{ error_code, error_message }`).
 *
 * @example
 * ```ts
 * parseOAuthErrorBody({ error: 'invalid_client', error_description: 'Client authentication failed' }, '');
 * // { code: 'invalid_client', message: 'Client authentication failed' }
 * ```
 */
export const parseOAuthErrorBody: ErrorBodyParser = (body) => {
  if (typeof body !== 'object' || body === null) return {};
  const { error, error_description: description } = body as Record<string, unknown>;
  return {
    code: typeof error === 'string' ? error : undefined,
    message: typeof description === 'string' ? description : undefined,
  };
};
