/**
 * The version of tender the HTTP client announces in its `User-Agent`. Kept equal to
 * packages/core/package.json's version (a test checks it): importing package.json would not survive the
 * build to dist/.
 *
 * @example
 * ```ts
 * console.log(TENDER_VERSION); // '0.1.0'
 * ```
 */
export const TENDER_VERSION = '0.1.0';

/**
 * The `User-Agent` the HTTP client sends unless told otherwise. Adapters append their own product token,
 * as RFC 9110 lists products from the most to the least significant.
 *
 * @example
 * ```ts
 * createHttpClient({ provider: 'k2', baseUrl, userAgent: `${DEFAULT_USER_AGENT} tender-k2/0.1.0` });
 * ```
 */
export const DEFAULT_USER_AGENT = `tender/${TENDER_VERSION} (+node)`;
