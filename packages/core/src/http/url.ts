/**
 * The URL a call goes to: `url` as it is, or `path` joined to `baseUrl` keeping the base path
 * (`https://host/v2` + `/payments` is `https://host/v2/payments`, where plain URL resolution would drop
 * `/v2`).
 *
 * @example
 * ```ts
 * targetUrl('https://sandbox.kopokopo.com', { path: '/oauth/token' }).href;
 * // 'https://sandbox.kopokopo.com/oauth/token'
 * ```
 */
export function targetUrl(
  baseUrl: string,
  request: { readonly path?: string | undefined; readonly url?: string | undefined },
): URL {
  if (request.url !== undefined) return new URL(request.url);
  const base = baseUrl.replace(/\/+$/, '');
  const path = (request.path ?? '').replace(/^\/+/, '');
  return new URL(`${base}/${path}`);
}

/**
 * The part of a URL that events may carry: origin and path, never the query string, which can hold
 * credentials.
 *
 * @example
 * ```ts
 * publicUrl(new URL('https://host/a?api_key=x')); // 'https://host/a'
 * ```
 */
export function publicUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
