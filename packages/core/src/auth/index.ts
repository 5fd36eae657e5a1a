export {
  type ClientCredentialsOptions,
  ClientCredentialsOptionsSchema,
  clientCredentialsFetcher,
  type TokenResponse,
  TokenResponseSchema,
} from './client-credentials.ts';
export { parseOAuthErrorBody } from './oauth-error-body.ts';
export {
  createTokenManager,
  type FetchedToken,
  FetchedTokenSchema,
  TokenManager,
  type TokenManagerOptions,
  TokenManagerOptionsSchema,
} from './token-manager.ts';
