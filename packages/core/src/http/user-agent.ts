/**
 * The version of tender announced in the `User-Agent`; kept equal to packages/core/package.json's (a test
 * checks it), as importing package.json would not survive the build to dist/.
 *
 * @example console.log(TENDER_VERSION); // '0.1.0'
 */
export const TENDER_VERSION = '0.1.0';

/**
 * The default `User-Agent`; adapters append their own product token (RFC 9110: most significant first).
 *
 * @example createHttpClient({ provider: 'k2', baseUrl, userAgent: `${DEFAULT_USER_AGENT} tender-k2/0.1.0` });
 */
export const DEFAULT_USER_AGENT = `tender/${TENDER_VERSION} (+node)`;
