/** An answer's body: its text, or why not: over the cap, not finished in time, or broken off. */
export type BodyRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'too_large' | 'timeout' }
  | { readonly kind: 'network'; readonly error: unknown };

const ignore = () => {};

/**
 * Reads a body as text, at most `maxBytes` of it (a larger `Content-Length` is refused unread) and within
 * `timeoutMs`: memory grows with the cap, never with what the sender sends.
 */
export async function readBody(response: Response, maxBytes: number, timeoutMs: number): Promise<BodyRead> {
  const length = response.headers.get('content-length');
  if (response.body === null || length === '0') return { kind: 'text', text: '' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(ignore);
  }, timeoutMs);
  let text = '';
  try {
    if (Number(length) > maxBytes) return { kind: 'too_large' };
    for (let chunk = await reader.read(), bytes = 0; !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      if (bytes > maxBytes) return { kind: 'too_large' };
      text += decoder.decode(chunk.value, { stream: true });
    }
    return timedOut ? { kind: 'timeout' } : { kind: 'text', text: text + decoder.decode() };
  } catch (error) {
    return timedOut ? { kind: 'timeout' } : { kind: 'network', error };
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(ignore);
  }
}
