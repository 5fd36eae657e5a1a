import {
  clientCredentialsFetcher,
  createHttpClient,
  createTokenManager,
  type HttpClient,
  type TokenManager,
} from '@tender/core';
import type { ResolvedK2Config } from '../config.ts';
import { parseK2ErrorBody } from './errors.ts';

/**
 * What every resource group of the client talks through: `api` sends the bearer token and reads K2's
 * `{ error_code, error_message }` bodies; `oauth` sends no token (the OAuth endpoints take the client
 * credentials in the body); `tokens` caches the access token. It holds the secrets, so it lives only in the
 * client's closures.
 *
 * @example
 * ```ts
 * const transport = createK2Transport(resolveK2Config(config));
 * await transport.api.request({ method: 'GET', url: location, operation: 'status', movesMoney: false });
 * ```
 */
export interface K2Transport {
  readonly api: HttpClient;
  readonly oauth: HttpClient;
  readonly tokens: TokenManager;
  readonly config: ResolvedK2Config;
}

/**
 * Builds the two HTTP clients and the token manager from a resolved configuration. Tokens come from
 * `POST /oauth/token` with form-encoded credentials: K2's guide and the Python, PHP, Node and Dart SDKs
 * form-encode; only the Ruby SDK sends JSON, tested only against a stub.
 *
 * @example
 * ```ts
 * const { api, tokens } = createK2Transport(resolveK2Config({ clientId, clientSecret, environment: 'sandbox' }));
 * ```
 */
export function createK2Transport(config: ResolvedK2Config): K2Transport {
  const shared = {
    provider: 'k2',
    baseUrl: config.baseUrl,
    userAgent: config.userAgent,
    parseErrorBody: parseK2ErrorBody,
    secrets: [...config.secrets],
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
    ...(config.retry === undefined ? {} : { retry: config.retry }),
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
    ...(config.events === undefined ? {} : { events: config.events }),
    ...(config.debug === undefined ? {} : { debug: config.debug }),
  };
  const oauth = createHttpClient(shared);
  const tokens = createTokenManager({
    fetchToken: clientCredentialsFetcher({
      http: oauth,
      path: '/oauth/token',
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      encoding: 'form',
    }),
    ...(config.events === undefined ? {} : { events: config.events }),
  });
  const api = createHttpClient({ ...shared, auth: tokens });
  return { api, oauth, tokens, config };
}
