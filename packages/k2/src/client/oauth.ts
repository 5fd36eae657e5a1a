import { inspect } from 'node:util';
import { parseOrThrow } from '@tender/core';
import * as v from 'valibot';
import { K2TimestampSchema } from './timestamp.ts';
import type { K2Transport } from './transport.ts';
import { expected, objectMessage, parseK2Input } from './validation.ts';

/**
 * An access token with its expiry. The token itself is only readable through `accessToken`: logging the
 * object, `util.inspect` and `JSON.stringify` show the expiry alone.
 *
 * @example
 * ```ts
 * const token = await client.oauth.token();
 * await fetch(url, { headers: { authorization: `Bearer ${token.accessToken}` } });
 * console.log(token); // K2AccessToken { expiresAt: 2026-01-01T01:00:00.000Z }
 * ```
 */
export class K2AccessToken {
  readonly #accessToken: string;
  /** When K2 stops accepting the token (counted from just before it was requested). */
  readonly expiresAt: Date;

  constructor(accessToken: string, expiresAt: Date) {
    this.#accessToken = accessToken;
    this.expiresAt = expiresAt;
  }

  /** The bearer token. */
  get accessToken(): string {
    return this.#accessToken;
  }

  /** @example JSON.stringify(token); // '{"expiresAt":"2026-01-01T01:00:00.000Z"}' */
  toJSON(): { expiresAt: string } {
    return { expiresAt: this.expiresAt.toISOString() };
  }

  /** `console.log(token)` shows the expiry, never the token. */
  [inspect.custom](): string {
    return `K2AccessToken { expiresAt: ${this.expiresAt.toISOString()} }`;
  }
}

/**
 * The input of `oauth.revoke` and `oauth.introspect`: the access token concerned.
 *
 * @example
 * ```ts
 * const request: K2TokenRequest = { token: (await client.oauth.token()).accessToken };
 * ```
 */
export const K2TokenRequestSchema = v.object(
  { token: v.pipe(v.string(expected('an access token string')), v.nonEmpty('must not be empty')) },
  objectMessage,
);

/** @example const request: K2TokenRequest = { token: 'tok_5Jd8' }; */
export type K2TokenRequest = v.InferInput<typeof K2TokenRequestSchema>;

/**
 * The input of `oauth.info`: the token to describe, or nothing for the client's own current token.
 *
 * @example
 * ```ts
 * const request: K2TokenInfoRequest = {};
 * ```
 */
export const K2TokenInfoRequestSchema = v.optional(v.partial(K2TokenRequestSchema), {});

/** @example const request: K2TokenInfoRequest = { token: 'tok_5Jd8' }; */
export type K2TokenInfoRequest = v.InferInput<typeof K2TokenInfoRequestSchema>;

/**
 * `POST /oauth/introspect`'s answer (RFC 7662 style). `exp`/`iat` are ISO-8601 strings in every fixture
 * but integers in standard introspection ([UNCLEAR]); both are accepted. An inactive token may come with
 * `active` alone.
 *
 * @example
 * ```ts
 * v.parse(K2IntrospectionResponseSchema, { active: true, scope: '', client_id: 'app', token_type: 'Bearer', exp: 1767229200, iat: 1767225600 });
 * ```
 */
export const K2IntrospectionResponseSchema = v.pipe(
  v.object(
    {
      active: v.boolean('must be true or false'),
      scope: v.nullish(v.string()),
      client_id: v.nullish(v.string()),
      token_type: v.nullish(v.string()),
      exp: v.nullish(K2TimestampSchema),
      iat: v.nullish(K2TimestampSchema),
    },
    objectMessage,
  ),
  v.transform((body) => ({
    active: body.active,
    ...(body.scope == null ? {} : { scope: body.scope }),
    ...(body.client_id == null ? {} : { clientId: body.client_id }),
    ...(body.token_type == null ? {} : { tokenType: body.token_type }),
    ...(body.exp == null ? {} : { expiresAt: body.exp }),
    ...(body.iat == null ? {} : { issuedAt: body.iat }),
  })),
);

/**
 * @example
 * ```ts
 * const { active, expiresAt } = await client.oauth.introspect({ token });
 * ```
 */
export type K2TokenIntrospection = v.InferOutput<typeof K2IntrospectionResponseSchema>;

/**
 * `GET /oauth/token/info`'s answer. `expires_in` is the remaining lifetime in seconds; `scope` an array in
 * every fixture (a space-separated string is split, as OAuth writes scopes); `created_at` Unix seconds in
 * every fixture, an ISO-8601 string accepted as well.
 *
 * @example
 * ```ts
 * v.parse(K2TokenInfoResponseSchema, { resource_owner_id: null, scope: [], expires_in: 1800, application: { uid: 'app' }, created_at: 1767225600 });
 * ```
 */
export const K2TokenInfoResponseSchema = v.pipe(
  v.object(
    {
      resource_owner_id: v.nullish(v.union([v.string(), v.number()])),
      scope: v.nullish(v.union([v.array(v.string()), v.string()])),
      expires_in: v.union([
        v.pipe(v.number(), v.finite()),
        v.pipe(
          v.string(),
          v.regex(/^\d+$/),
          v.transform((digits: string) => Number(digits)),
        ),
      ]),
      application: v.nullish(v.object({ uid: v.nullish(v.string()) })),
      created_at: v.nullish(K2TimestampSchema),
    },
    objectMessage,
  ),
  v.transform((body) => ({
    resourceOwnerId: body.resource_owner_id == null ? null : String(body.resource_owner_id),
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : (body.scope ?? []),
    expiresInSeconds: body.expires_in,
    ...(body.application?.uid == null ? {} : { applicationUid: body.application.uid }),
    ...(body.created_at == null ? {} : { createdAt: body.created_at }),
  })),
);

/**
 * @example
 * ```ts
 * const { expiresInSeconds, applicationUid } = await client.oauth.info();
 * ```
 */
export type K2TokenInfo = v.InferOutput<typeof K2TokenInfoResponseSchema>;

/**
 * K2's OAuth endpoints (at the root, without `/api/v2`).
 *
 * @example
 * ```ts
 * const token = await client.oauth.token();
 * const info = await client.oauth.info();
 * await client.oauth.revoke({ token: token.accessToken });
 * ```
 */
export interface K2OAuth {
  /**
   * The client's current access token, from `POST /oauth/token` (client credentials, form-encoded) through
   * the token manager: cached until shortly before it expires, one request however many callers wait.
   */
  token(): Promise<K2AccessToken>;
  /** `POST /oauth/revoke`. Revoking the client's own current token makes the next call fetch a new one. */
  revoke(request: K2TokenRequest): Promise<void>;
  /** `POST /oauth/introspect`: whether a token is active, and until when. */
  introspect(request: K2TokenRequest): Promise<K2TokenIntrospection>;
  /** `GET /oauth/token/info` for `token`, or for the client's current token when none is given. */
  info(request?: K2TokenInfoRequest): Promise<K2TokenInfo>;
}

/**
 * Builds the OAuth group of the client.
 *
 * Revoke and introspect are form-encoded like the token request. The sources split here: the Python and
 * PHP SDKs form-encode, the Node and Ruby SDKs send JSON; RFC 7009 and RFC 7662 define both endpoints with
 * form encoding and K2's token endpoint is documented that way, so tender sends forms.
 *
 * @example
 * ```ts
 * const oauth = createOAuth(transport);
 * const { active } = await oauth.introspect({ token });
 * ```
 */
export function createOAuth(transport: K2Transport): K2OAuth {
  const { oauth, api, tokens, config } = transport;
  const credentials = { client_id: config.clientId, client_secret: config.clientSecret };

  async function postToken(path: string, operation: string, token: string) {
    return oauth.request({
      method: 'POST',
      path,
      form: { ...credentials, token },
      operation,
      movesMoney: false,
      secrets: [token],
    });
  }

  return {
    async token() {
      const accessToken = await tokens.getToken();
      return new K2AccessToken(accessToken, new Date(tokens.peekExpiry() ?? Date.now()));
    },

    async revoke(request) {
      const { token } = parseK2Input(K2TokenRequestSchema, request, 'oauth.revoke');
      await postToken('/oauth/revoke', 'oauth.revoke', token);
      tokens.invalidate(token);
    },

    async introspect(request) {
      const { token } = parseK2Input(K2TokenRequestSchema, request, 'oauth.introspect');
      const response = await postToken('/oauth/introspect', 'oauth.introspect', token);
      return parseOrThrow(
        K2IntrospectionResponseSchema,
        response.body,
        'k2 sent an invalid introspection answer',
        {
          provider: 'k2',
          operation: 'oauth.introspect',
        },
      );
    },

    async info(request) {
      const { token } = parseK2Input(K2TokenInfoRequestSchema, request, 'oauth.info');
      const response = await api.request({
        method: 'GET',
        path: '/oauth/token/info',
        operation: 'oauth.info',
        movesMoney: false,
        ...(token === undefined
          ? {}
          : { auth: false, headers: { authorization: `Bearer ${token}` }, secrets: [token] }),
      });
      return parseOrThrow(K2TokenInfoResponseSchema, response.body, 'k2 sent an invalid token info answer', {
        provider: 'k2',
        operation: 'oauth.info',
      });
    },
  };
}
