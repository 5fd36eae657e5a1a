import * as v from 'valibot';
import type { HttpEvents } from '../http/events.ts';

/** `https://host/base/` and `https://host/base` are one base: paths are joined without a double slash. */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 47) end -= 1;
  return url.slice(0, end);
}

/**
 * The schema of a provider's base URL in an adapter's settings: an absolute http(s) URL with an optional
 * base path and nothing else (no query, fragment or credentials), trailing slashes dropped. Plain http is
 * accepted here for simulators; adapters refuse it off this machine with {@link isPlainHttpElsewhere}.
 *
 * @example
 * ```ts
 * const BaseUrlSchema = providerBaseUrlSchema('https://sandbox.kopokopo.com');
 * v.parse(BaseUrlSchema, 'https://sandbox.kopokopo.com/'); // 'https://sandbox.kopokopo.com'
 * ```
 */
export function providerBaseUrlSchema(example: string) {
  // valibot runs every check of a pipe: the later ones pass what is no URL at all, which `v.url` reports.
  return v.pipe(
    v.string('must be a URL string'),
    v.trim(),
    v.url(`must be an absolute URL such as ${example}`),
    v.check(
      (url) => !URL.canParse(url) || /^https?:\/\//i.test(url),
      'must use https (or http for a simulator)',
    ),
    v.check((url) => {
      if (!URL.canParse(url)) return true;
      const parsed = new URL(url);
      return parsed.search === '' && parsed.hash === '' && parsed.username === '' && parsed.password === '';
    }, 'must be a plain origin with an optional base path: no query, fragment or credentials'),
    v.transform(withoutTrailingSlashes),
  );
}

/**
 * Whether `url` would send credentials in clear text beyond this machine: plain http to a host other than
 * localhost, 127.x, [::1] or the unspecified addresses a simulator listening everywhere prints (0.0.0.0, [::]).
 *
 * @example
 * ```ts
 * isPlainHttpElsewhere('http://127.0.0.1:4010'); // false
 * isPlainHttpElsewhere('http://sandbox.internal:4010'); // true: needs allowPlainHttp
 * ```
 */
export function isPlainHttpElsewhere(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:') return false;
  const local =
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname === '[::]' ||
    hostname === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname);
  return !local;
}

/**
 * The `fetch` setting of an adapter (tests, edge runtimes): any function.
 *
 * @example
 * ```ts
 * const Settings = v.object({ fetch: v.optional(FetchSettingSchema) });
 * ```
 */
export const FetchSettingSchema = v.custom<typeof fetch>(
  (value) => typeof value === 'function',
  'must be a function',
);

/**
 * The `events` setting of an adapter: an emitter made by `createHttpEvents()`.
 *
 * @example
 * ```ts
 * const Settings = v.object({ events: v.optional(HttpEventsSettingSchema) });
 * ```
 */
export const HttpEventsSettingSchema = v.custom<HttpEvents>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as { emit?: unknown }).emit === 'function',
  'must be an emitter from createHttpEvents()',
);
