/**
 * An answer's body: its text, or why it could not be read: larger than the cap, not finished in time, or
 * broken off (`error` is what the runtime threw).
 */
export type BodyRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly error: unknown };

const ignore = () => {};

/**
 * Reads a body as text, at most `maxBytes` of it (a declared `Content-Length` above the cap is refused
 * before reading) and within `timeoutMs`; memory grows with the cap, never with what the sender sends.
 *
 * @example
 * ```ts
 * const body = await readBody(response, 10 * 1024 * 1024, 30_000);
 * if (body.kind === 'text') console.log(body.text);
 * ```
 */
export async function readBody(response: Response, maxBytes: number, timeoutMs: number): Promise<BodyRead> {
  const stream = response.body;
  if (stream === null) return { kind: 'text', text: '' };
  if (Number(response.headers.get('content-length')) > maxBytes) {
    stream.cancel().catch(ignore);
    return { kind: 'too_large' };
  }
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(ignore);
  }, timeoutMs);
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) return { kind: 'timeout' };
      if (done) return { kind: 'text', text: text + decoder.decode() };
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        reader.cancel().catch(ignore);
        return { kind: 'too_large' };
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return timedOut ? { kind: 'timeout' } : { kind: 'network', error };
  } finally {
    clearTimeout(timer);
  }
}
