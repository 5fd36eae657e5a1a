import { type HttpClient, type HttpResponse, OutcomeUnknownError, ProviderError } from '@tender/core';

/**
 * What every K2 `POST` that creates something returns: the `Location` URL of the new resource (look it up
 * with `client.status(location)`) and the resource id, its last path segment.
 *
 * @example
 * ```ts
 * const created: K2Created = {
 *   location: 'https://sandbox.kopokopo.com/api/v2/incoming_payments/2e3f4a5b',
 *   id: '2e3f4a5b',
 * };
 * ```
 */
export interface K2Created {
  readonly location: string;
  readonly id: string;
}

/**
 * The id of a resource from its Location URL: the last non-empty path segment, percent-decoded. Returns
 * `undefined` for a URL without a path.
 *
 * @example
 * ```ts
 * resourceIdFromLocation('https://sandbox.kopokopo.com/api/v2/send_money/5b6c7d8e'); // '5b6c7d8e'
 * ```
 */
export function resourceIdFromLocation(location: string): string | undefined {
  return lastPathSegment(new URL(location));
}

/** The last non-empty segment of a URL's path, percent-decoded where it decodes. */
function lastPathSegment(url: URL): string | undefined {
  const path = url.pathname;
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  if (end === 0) return undefined;
  const last = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * One create call: the endpoint, the snake_case body, the operation name used in errors, and whether K2
 * could move money on it (which decides retries and how a lost answer is reported).
 *
 * @example
 * ```ts
 * const call: CreateCall = { path: '/api/v2/reversals', body, operation: 'reversals.create', movesMoney: true };
 * ```
 */
export interface CreateCall {
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly operation: string;
  readonly movesMoney: boolean;
}

/**
 * Sends a K2 create call and reads the `Location` header (any letter case; a relative value is resolved
 * against the base URL) into a {@link K2Created}. K2 answers `201 Created` with an empty or irrelevant body,
 * so the body is not read.
 *
 * A 2xx answer without a usable `Location` means K2 took the request but the new resource cannot be looked
 * up: for a call that moves money that is an OutcomeUnknownError (sending it again could move money twice),
 * otherwise a ProviderError.
 *
 * @example
 * ```ts
 * const { location, id } = await postCreate(api, { path: '/api/v2/polling', body, operation: 'polling.create', movesMoney: false });
 * ```
 */
export async function postCreate(api: HttpClient, call: CreateCall): Promise<K2Created> {
  const response = await api.request({
    method: 'POST',
    path: call.path,
    json: call.body,
    operation: call.operation,
    movesMoney: call.movesMoney,
  });
  const location = absoluteLocation(response, api.baseUrl);
  const id = location === undefined ? undefined : lastPathSegment(location);
  if (location !== undefined && id !== undefined) return { location: location.href, id };
  const options = { provider: 'k2', operation: call.operation, status: response.status };
  const said = `k2 answered ${response.status} to POST ${call.path} (${call.operation}) without a usable Location header`;
  if (call.movesMoney) {
    throw new OutcomeUnknownError(
      `${said}, so the request was probably accepted but cannot be looked up; check the K2 dashboard before sending it again, or money may move twice.`,
      options,
    );
  }
  throw new ProviderError(`${said}; the resource cannot be looked up.`, options);
}

/** The `Location` header as an absolute URL, parsed once for both the URL and the id. */
function absoluteLocation(response: HttpResponse, baseUrl: string): URL | undefined {
  const location = response.location?.trim();
  if (location === undefined || location === '') return undefined;
  try {
    return new URL(location, `${baseUrl}/`);
  } catch {
    return undefined;
  }
}
