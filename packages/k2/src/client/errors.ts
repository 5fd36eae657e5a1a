import type { ErrorBodyParser } from '@tender/core';

/** A plain-text body longer than this (an HTML error page, a stack trace) is not worth quoting. */
const MAX_TEXT_MESSAGE_LENGTH = 200;

/**
 * Reads K2's error bodies into the provider code and message the core HTTP client puts on its errors:
 *
 * - API endpoints answer `{ "error_code": 400, "error_message": "..." }` (`error_code` equals the HTTP
 *   status in every fixture);
 * - OAuth endpoints answer `{ "error": "invalid_client", "error_description": "..." }`, and the Ruby SDK
 *   falls back to `error_description` when `error_message` is missing, so both pairs are read, K2's first;
 * - an empty body yields nothing (the error still carries the HTTP status), and a short one-line plain-text
 *   body becomes the message (an HTML page or anything long is left out).
 *
 * @example
 * ```ts
 * parseK2ErrorBody({ error_code: 400, error_message: 'Subscriber phone number is an invalid number' }, '');
 * // { code: 400, message: 'Subscriber phone number is an invalid number' }
 * ```
 */
export const parseK2ErrorBody: ErrorBodyParser = (body, text) => {
  if (typeof body === 'object' && body !== null) {
    const fields = body as Record<string, unknown>;
    return {
      code: codeOf(fields.error_code) ?? codeOf(fields.error),
      message: messageOf(fields.error_message) ?? messageOf(fields.error_description),
    };
  }
  const plain = text.trim();
  const quotable =
    body === undefined &&
    plain !== '' &&
    plain.length <= MAX_TEXT_MESSAGE_LENGTH &&
    !plain.startsWith('<') &&
    !/[\r\n]/.test(plain);
  return quotable ? { message: plain } : {};
};

function codeOf(value: unknown): string | number | undefined {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : undefined;
}

function messageOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
