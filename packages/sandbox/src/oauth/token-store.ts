/**
 * Access tokens the sandbox issued: each lives `ttlSeconds` (K2: one hour, no refresh tokens, reference §2)
 * and can be revoked.
 */
import { randomBytes } from 'node:crypto';

/**
 * One issued token. The value itself is never logged.
 *
 * @example
 * ```ts
 * const { value, expiresAtMs }: IssuedToken = tokens.issue();
 * ```
 */
export interface IssuedToken {
  readonly value: string;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
}

/**
 * Why a token is or is not usable now.
 *
 * @example
 * ```ts
 * if (tokens.check(value).state !== 'valid') answer401();
 * ```
 */
export type TokenCheck =
  | { readonly state: 'valid'; readonly token: IssuedToken }
  | { readonly state: 'expired' | 'revoked'; readonly token: IssuedToken }
  | { readonly state: 'unknown' };

/**
 * Issues, checks and revokes access tokens.
 *
 * @example
 * ```ts
 * const tokens: TokenStore = createTokenStore(3600, Date.now);
 * tokens.revoke(tokens.issue().value);
 * ```
 */
export interface TokenStore {
  issue(): IssuedToken;
  check(value: string): TokenCheck;
  revoke(value: string): void;
}

/**
 * Creates a token store whose tokens live `ttlSeconds`, reading the time from `now` (milliseconds).
 *
 * @example
 * ```ts
 * const tokens = createTokenStore(3600, Date.now);
 * tokens.check(tokens.issue().value).state; // 'valid'
 * ```
 */
export function createTokenStore(ttlSeconds: number, now: () => number): TokenStore {
  const issued = new Map<string, IssuedToken>();
  const revoked = new Set<string>();
  return {
    issue() {
      const issuedAtMs = now();
      const token = {
        value: randomBytes(24).toString('base64url'),
        issuedAtMs,
        expiresAtMs: issuedAtMs + ttlSeconds * 1000,
      };
      issued.set(token.value, token);
      return token;
    },
    check(value) {
      const token = issued.get(value);
      if (!token) return { state: 'unknown' };
      if (revoked.has(value)) return { state: 'revoked', token };
      if (now() >= token.expiresAtMs) return { state: 'expired', token };
      return { state: 'valid', token };
    },
    revoke(value) {
      if (issued.has(value)) revoked.add(value);
    },
  };
}
