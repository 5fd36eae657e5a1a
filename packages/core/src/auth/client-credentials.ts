import * as v from 'valibot';
import { AuthenticationError } from '../errors/authentication-error.ts';
import { ProviderError } from '../errors/provider-error.ts';
import type { HttpClient } from '../http/options.ts';
import { isFunction } from '../http/options.ts';
import { parseOrThrow } from '../validation/parse.ts';
import { parseOAuthErrorBody } from './oauth-error-body.ts';
import type { FetchedToken } from './token-manager.ts';

/**
 * The options of {@link clientCredentialsFetcher}.
 *
 * @example
 * ```ts
 * const options: ClientCredentialsOptions = { http, clientId: 'app_key_7f3c', clientSecret, encoding: 'form' };
 * ```
 */
export const ClientCredentialsOptionsSchema = v.object({
  /** The client for the provider's OAuth host; the call is sent without a bearer token. */
  http: v.custom<HttpClient>(
    (value) =>
      typeof value === 'object' && value !== null && isFunction((value as Partial<HttpClient>).request),
    'must be a client from createHttpClient()',
  ),
  /** The token endpoint, relative to the client's base URL. @default '/oauth/token' */
  path: v.optional(v.pipe(v.string(), v.nonEmpty()), '/oauth/token'),
  clientId: v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')),
  clientSecret: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  /**
   * How the credentials travel in the body. RFC 6749 §4.4.2 and K2's documentation say form encoding;
   * `json` exists for servers that only take JSON. @default 'form'
   */
  encoding: v.optional(v.picklist(['form', 'json']), 'form'),
});

/** @example const options: ClientCredentialsOptions = { http, clientId, clientSecret }; */
export type ClientCredentialsOptions = v.InferInput<typeof ClientCredentialsOptionsSchema>;

/**
 * The token endpoint's success answer (RFC 6749 §5.1). `expires_in` is accepted as a number or a numeric
 * string; other fields (K2's `created_at`, whose type the SDKs disagree on) are not needed and ignored.
 *
 * @example
 * ```ts
 * v.parse(TokenResponseSchema, { access_token: 'tok_5Jd8', token_type: 'Bearer', expires_in: 3600 });
 * ```
 */
export const TokenResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  token_type: v.pipe(
    v.string(),
    v.check((type) => type.toLowerCase() === 'bearer', 'must be "Bearer"'),
  ),
  expires_in: v.pipe(
    v.union(
      [
        v.number(),
        v.pipe(
          v.string(),
          v.regex(/^\d+$/),
          v.transform((digits: string) => Number(digits)),
        ),
      ],
      'must be a number of seconds',
    ),
    v.gtValue(0, 'must be a positive number of seconds'),
  ),
});

/** @example const body: TokenResponse = { access_token: 'tok_5Jd8', token_type: 'Bearer', expires_in: 3600 }; */
export type TokenResponse = v.InferOutput<typeof TokenResponseSchema>;

/**
 * Builds the `fetchToken` function of a token manager for the OAuth 2 client-credentials grant: a POST of
 * `grant_type=client_credentials`, `client_id` and `client_secret` in the body (form-encoded by default),
 * never retried in a way that matters (it moves no money) and never sent with a bearer token. A 400 or 401
 * answer (`{ error, error_description }`) becomes an AuthenticationError; a malformed success body a
 * ValidationError. The secret is redacted from every message.
 *
 * @example
 * ```ts
 * const fetchToken = clientCredentialsFetcher({
 *   http: createHttpClient({ provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com' }),
 *   clientId: process.env.K2_CLIENT_ID!,
 *   clientSecret: process.env.K2_CLIENT_SECRET!,
 * });
 * const tokens = createTokenManager({ fetchToken });
 * ```
 */
export function clientCredentialsFetcher(options: ClientCredentialsOptions): () => Promise<FetchedToken> {
  const config = parseOrThrow(ClientCredentialsOptionsSchema, options, 'Invalid client credentials options');
  const { http, path, clientId, clientSecret, encoding } = config;
  const fields = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
  const context = { provider: http.provider, operation: 'token' };

  return async () => {
    let answer: { body: unknown };
    try {
      answer = await http.request({
        method: 'POST',
        path,
        ...(encoding === 'form' ? { form: fields } : { json: fields }),
        operation: 'token',
        movesMoney: false,
        auth: false,
        parseErrorBody: parseOAuthErrorBody,
        secrets: [clientSecret],
      });
    } catch (error) {
      throw credentialsRefused(error) ?? error;
    }
    const token = parseOrThrow(
      TokenResponseSchema,
      answer.body,
      `${http.provider} sent an invalid token response`,
      context,
    );
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
  };

  /** OAuth answers bad credentials with 400 (`invalid_client`, `invalid_grant`) or 401. */
  function credentialsRefused(error: unknown): AuthenticationError | undefined {
    const refused =
      (error instanceof ProviderError || error instanceof AuthenticationError) &&
      (error.status === 400 || error.status === 401);
    if (!refused) return undefined;
    const code = error.providerCode === undefined ? '' : ` ${error.providerCode}`;
    const said = error.providerMessage === undefined ? '' : `: ${error.providerMessage}`;
    return new AuthenticationError(
      `${http.provider} refused the client credentials at POST ${path} (${error.status}${code})${said}; check the client id and secret, and that they belong to this environment (sandbox or production).`,
      {
        provider: http.provider,
        operation: 'token',
        status: error.status,
        providerCode: error.providerCode,
        providerMessage: error.providerMessage,
        cause: error,
      },
    );
  }
}
