import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * A receiver's answer: its HTTP status and body text.
 *
 * @example
 * ```ts
 * const { status, body }: ReceiverAnswer = await postOnce(url, '{}', headers, 5000);
 * ```
 */
export interface ReceiverAnswer {
  readonly status: number;
  readonly body: string;
}

/** Receivers' bodies are kept for inspection, not processed: a cap keeps a runaway answer harmless. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One HTTP POST of `body` to `url` with node:http (or node:https for `https:` URLs), resolving with the
 * receiver's status and body text, or rejecting on a network error, a timeout or an abort.
 *
 * @example
 * ```ts
 * const answer = await postOnce('http://127.0.0.1:8080/hook', '{}', { 'content-type': 'application/json' }, 5000);
 * answer.status; // 200
 * ```
 */
export function postOnce(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ReceiverAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const outgoing = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.byteLength) },
        timeout: timeoutMs,
        ...(signal ? { signal } : {}),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
