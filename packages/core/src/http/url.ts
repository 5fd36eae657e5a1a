/**
 * The URL a call goes to: `url` as it is, or `path` joined to `baseUrl` keeping the base path
 * (`https://host/v2` + `/payments` is `https://host/v2/payments`, where plain URL resolution would drop
 * `/v2`), with `searchParams` appended to whatever query it already has.
 *
 * @example
 * ```ts
 * targetUrl('https://sandbox.kopokopo.com', { path: '/oauth/token' }).href;
 * // 'https://sandbox.kopokopo.com/oauth/token'
 * targetUrl('https://host', { path: '/payments?status=open', searchParams: { page: 2 } }).href;
 * // 'https://host/payments?status=open&page=2'
 * ```
 */
export function targetUrl(
  baseUrl: string,
  request: {
    readonly path?: string | undefined;
    readonly url?: string | undefined;
    readonly searchParams?: Readonly<Record<string, string | number | boolean>> | undefined;
  },
): URL {
  const url = request.url === undefined ? joinedUrl(baseUrl, request.path ?? '') : new URL(request.url);
  if (request.searchParams !== undefined) {
    for (const [name, value] of Object.entries(request.searchParams)) {
      url.searchParams.append(name, String(value));
    }
  }
  return url;
}

function joinedUrl(baseUrl: string, path: string): URL {
  return new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
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
