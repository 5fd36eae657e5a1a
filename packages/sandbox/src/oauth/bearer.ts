import type { TokenCheck, TokenStore } from './token-store.ts';

/**
 * The outcome of checking a request's `Authorization: Bearer` header against the issued tokens; when it
 * fails, `reason` says why in words fit for a 401 body (never the token itself).
 *
 * @example
 * ```ts
 * const bearer = checkBearer(request.headers.authorization, tokens);
 * if (!bearer.ok) sendApiError(response, 401, bearer.reason);
 * ```
 */
export type BearerCheck =
  | { readonly ok: true; readonly check: Extract<TokenCheck, { state: 'valid' }> }
  | { readonly ok: false; readonly reason: string };

const REASONS = {
  missing: 'The access token is missing',
  unknown: 'The access token is invalid',
  expired: 'The access token expired',
  revoked: 'The access token was revoked',
} as const;

/**
 * Checks an `Authorization` header value.
 *
 * @example
 * ```ts
 * checkBearer('Bearer abc', tokens); // { ok: false, reason: 'The access token is invalid' }
 * ```
 */
export function checkBearer(header: string | undefined, tokens: TokenStore): BearerCheck {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return { ok: false, reason: REASONS.missing };
  const check = tokens.check(match[1]);
  if (check.state === 'valid') return { ok: true, check };
  return { ok: false, reason: REASONS[check.state] };
}

/**
 * The `WWW-Authenticate` header a 401 for a bearer token carries (RFC 6750).
 *
 * @example
 * ```ts
 * sendApiError(response, 401, reason, BEARER_CHALLENGE);
 * ```
 */
export const BEARER_CHALLENGE = {
  'www-authenticate': 'Bearer realm="K2 Connect sandbox", error="invalid_token"',
};
