/**
 * The OAuth endpoints at the root, without a version prefix (reference §2): `POST /oauth/token`,
 * `POST /oauth/revoke`, `POST /oauth/introspect` and `GET /oauth/token/info`. Client credentials are read
 * from a form or a JSON body, as the SDKs send either (§2.1); errors use the OAuth body shape (§2.5).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { nairobiTimestamp } from '../data/nairobi-time.ts';
import { sendJson, sendOAuthError } from '../http/io.ts';
import { BEARER_CHALLENGE, checkBearer } from './bearer.ts';
import type { TokenStore } from './token-store.ts';

/**
 * What the OAuth endpoints need.
 *
 * @example
 * ```ts
 * handleOAuth(request, response, { clientId, clientSecret, tokens, now: Date.now });
 * ```
 */
export interface OAuthContext {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokens: TokenStore;
  readonly now: () => number;
}

/**
 * A request as the OAuth routes see it.
 *
 * @example
 * ```ts
 * const request: OAuthRequest = { method: 'POST', path: '/oauth/token', contentType, authorization: undefined, body };
 * ```
 */
export interface OAuthRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** Compares secrets in constant time over equal-length digests, never throwing on length. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Body parameters from a JSON object (string values only) or a form. */
function readParams(contentType: string, body: string): Record<string, string> {
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object') return {};
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function clientIsValid(params: Record<string, string>, context: OAuthContext): boolean {
  return (
    sameSecret(params.client_id ?? '', context.clientId) &&
    sameSecret(params.client_secret ?? '', context.clientSecret)
  );
}

const NO_STORE = { 'cache-control': 'no-store' };
const INVALID_CLIENT =
  'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';

function issueToken(params: Record<string, string>, response: ServerResponse, context: OAuthContext): void {
  if (params.grant_type !== 'client_credentials') {
    sendOAuthError(
      response,
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server.',
    );
    return;
  }
  const token = context.tokens.issue();
  sendJson(
    response,
    200,
    {
      access_token: token.value,
      token_type: 'Bearer',
      expires_in: Math.round((token.expiresAtMs - token.issuedAtMs) / 1000),
      created_at: Math.floor(token.issuedAtMs / 1000),
    },
    NO_STORE,
  );
}

function introspect(token: string, response: ServerResponse, context: OAuthContext): void {
  const check = context.tokens.check(token);
  if (check.state !== 'valid') {
    sendJson(response, 200, { active: false }, NO_STORE);
    return;
  }
  sendJson(
    response,
    200,
    {
      active: true,
      scope: '',
      client_id: context.clientId,
      token_type: 'Bearer',
      exp: nairobiTimestamp(new Date(check.token.expiresAtMs)),
      iat: nairobiTimestamp(new Date(check.token.issuedAtMs)),
    },
    NO_STORE,
  );
}

function tokenInfo(request: OAuthRequest, response: ServerResponse, context: OAuthContext): void {
  const bearer = checkBearer(request.authorization, context.tokens);
  if (!bearer.ok) {
    sendOAuthError(response, 401, 'invalid_token', bearer.reason, BEARER_CHALLENGE);
    return;
  }
  const { token } = bearer.check;
  sendJson(response, 200, {
    resource_owner_id: null,
    scope: [],
    expires_in: Math.max(0, Math.floor((token.expiresAtMs - context.now()) / 1000)),
    application: { uid: context.clientId },
    created_at: Math.floor(token.issuedAtMs / 1000),
  });
}

/**
 * Answers an OAuth request; returns `false` when the path is not an OAuth endpoint.
 *
 * @example
 * ```ts
 * if (handleOAuth(oauthRequest, response, context)) return;
 * ```
 */
export function handleOAuth(request: OAuthRequest, response: ServerResponse, context: OAuthContext): boolean {
  const route = `${request.method} ${request.path}`;
  if (route === 'GET /oauth/token/info') {
    tokenInfo(request, response, context);
    return true;
  }
  if (!['POST /oauth/token', 'POST /oauth/revoke', 'POST /oauth/introspect'].includes(route)) return false;
  const params = readParams(request.contentType, request.body);
  if (!clientIsValid(params, context)) {
    sendOAuthError(response, 401, 'invalid_client', INVALID_CLIENT);
    return true;
  }
  if (request.path === '/oauth/token') {
    issueToken(params, response, context);
    return true;
  }
  const token = params.token;
  if (!token) {
    sendOAuthError(response, 400, 'invalid_request', 'The request is missing a required parameter: token.');
    return true;
  }
  if (request.path === '/oauth/revoke') {
    context.tokens.revoke(token);
    sendJson(response, 200, {});
  } else {
    introspect(token, response, context);
  }
  return true;
}
