/** Reading requests and writing JSON answers on node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Bodies above this size are refused; no K2 request comes near it.
 *
 * @example
 * ```ts
 * MAX_BODY_BYTES; // 1048576
 * ```
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the whole request body, or `undefined` when it exceeds {@link MAX_BODY_BYTES}.
 *
 * @example
 * ```ts
 * const raw = await readBody(request);
 * ```
 */
export async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Writes a JSON answer with its length.
 *
 * @example
 * ```ts
 * sendJson(response, 200, { message: 'Payment link cancelled.' });
 * ```
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/**
 * Writes an `/api` error in K2's shape, `{"error_code": <status>, "error_message": "..."}` (reference §6.1).
 *
 * @example
 * ```ts
 * sendApiError(response, 400, "Callback url can't be blank");
 * ```
 */
export function sendApiError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(response, status, { error_code: status, error_message: message }, headers);
}

/**
 * Writes an OAuth error, `{"error": "...", "error_description": "..."}` (reference §2.5).
 *
 * @example
 * ```ts
 * sendOAuthError(response, 401, 'invalid_client', 'Client authentication failed');
 * ```
 */
export function sendOAuthError(
  response: ServerResponse,
  status: number,
  error: string,
  description: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(response, status, { error, error_description: description }, headers);
}

/**
 * Parses a body as JSON; `undefined` when it is not JSON. An empty body counts as an empty object, as K2's
 * SDKs send no body or `{}` interchangeably (e.g. payment-link cancel, reference §3.8).
 *
 * @example
 * ```ts
 * parseJson('{"a":1}'); // { a: 1 }
 * parseJson('{'); // undefined
 * ```
 */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
