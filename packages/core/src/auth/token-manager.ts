import { inspect } from 'node:util';
import * as v from 'valibot';
import { type HttpEvents, notify } from '../http/events.ts';
import { HttpEventsSchema, isFunction, type TokenSource } from '../http/options.ts';
import { parseOrThrow } from '../validation/parse.ts';

/**
 * What a token fetcher returns: the access token and how long it lives from now.
 *
 * @example
 * ```ts
 * const token: FetchedToken = { accessToken: 'tok_5Jd8uQm2', expiresInSeconds: 3600 };
 * ```
 */
export const FetchedTokenSchema = v.object({
  accessToken: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  expiresInSeconds: v.pipe(v.number(), v.finite(), v.gtValue(0, 'must be a positive number of seconds')),
});

/** @example const token: FetchedToken = { accessToken: 'tok_5Jd8uQm2', expiresInSeconds: 3600 }; */
export type FetchedToken = v.InferOutput<typeof FetchedTokenSchema>;

/**
 * The token manager's options.
 *
 * @example
 * ```ts
 * const options: TokenManagerOptions = {
 *   fetchToken: clientCredentialsFetcher({ http, clientId, clientSecret }),
 *   refreshBeforeExpiryMs: 120_000,
 * };
 * ```
 */
export const TokenManagerOptionsSchema = v.object({
  /** Fetches a new token; called once however many callers wait for it. */
  fetchToken: v.custom<() => Promise<FetchedToken>>(isFunction, 'must be a function'),
  /** How long before expiry a token is replaced, capped at half its lifetime. @default 60000 */
  refreshBeforeExpiryMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 60_000),
  /** The clock, in epoch milliseconds (tests inject one). @default Date.now */
  now: v.optional(v.custom<() => number>(isFunction, 'must be a function')),
  /** Receives `token.refreshed` with the new expiry (never the token). */
  events: v.optional(HttpEventsSchema),
});

/** @example const options: TokenManagerOptions = { fetchToken: async () => ({ accessToken: 't', expiresInSeconds: 3600 }) }; */
export type TokenManagerOptions = v.InferInput<typeof TokenManagerOptionsSchema>;

/**
 * Keeps one OAuth access token and replaces it before it expires. Many callers share one fetch in flight; a
 * failed fetch is not remembered, so the next call tries again; a token the provider refused is dropped
 * only if it is still the current one.
 *
 * The token lives in private fields: `util.inspect`, `JSON.stringify` and logging the manager show only the
 * expiry.
 *
 * @example
 * ```ts
 * const tokens = createTokenManager({ fetchToken });
 * const token = await tokens.getToken();
 * ```
 */
export class TokenManager implements TokenSource {
  readonly #fetchToken: () => Promise<FetchedToken>;
  readonly #refreshBeforeExpiryMs: number;
  readonly #now: () => number;
  readonly #events: HttpEvents | undefined;
  #token: string | undefined;
  #expiresAt: number | undefined;
  #refreshAt = 0;
  #inFlight: Promise<string> | undefined;

  constructor(options: TokenManagerOptions) {
    const config = parseOrThrow(TokenManagerOptionsSchema, options, 'Invalid token manager options');
    this.#fetchToken = config.fetchToken;
    this.#refreshBeforeExpiryMs = config.refreshBeforeExpiryMs;
    this.#now = config.now ?? Date.now;
    this.#events = config.events;
  }

  /**
   * Resolves to a token that is not about to expire, fetching one when needed. Concurrent callers share
   * the same fetch and all get its result, or all get its error. A refresh made early (within
   * `refreshBeforeExpiryMs` of expiry) that fails falls back to the cached token while it is still valid,
   * so a short outage of the token endpoint does not fail calls that could still be made.
   *
   * @example
   * ```ts
   * const [a, b] = await Promise.all([tokens.getToken(), tokens.getToken()]); // one fetch, a === b
   * ```
   */
  getToken(): Promise<string> {
    const cached = this.#token;
    const expiresAt = this.#expiresAt;
    const now = this.#now();
    if (cached !== undefined && now < this.#refreshAt) return Promise.resolve(cached);
    if (this.#inFlight === undefined) {
      const flight = this.#refresh();
      this.#inFlight = flight;
      // Forget the flight once it settles, success or failure: a failed fetch must not be cached.
      const forget = () => {
        if (this.#inFlight === flight) this.#inFlight = undefined;
      };
      flight.then(forget, forget);
    }
    if (cached === undefined || expiresAt === undefined || now >= expiresAt) return this.#inFlight;
    return this.#inFlight.catch((error: unknown) => {
      // Only the very token cached before: one refused since (`invalidate`) must not come back.
      if (this.#token === cached && this.#now() < expiresAt) return cached;
      throw error;
    });
  }

  /**
   * Drops the cached token so the next `getToken` fetches a new one. With a `token`, only if that token is
   * still the current one: a late 401 for an old token must not throw away a newer one.
   *
   * @example
   * ```ts
   * tokens.invalidate(refusedToken);
   * ```
   */
  invalidate(token?: string): void {
    if (token !== undefined && token !== this.#token) return;
    this.#token = undefined;
    this.#expiresAt = undefined;
    this.#refreshAt = 0;
  }

  /**
   * When the current token expires (epoch milliseconds), or `undefined` when there is none.
   *
   * @example
   * ```ts
   * const expiresAt = tokens.peekExpiry();
   * ```
   */
  peekExpiry(): number | undefined {
    return this.#expiresAt;
  }

  /** @example JSON.stringify(tokens); // '{"expiresAt":1767229200000}' */
  toJSON(): { expiresAt: number | undefined } {
    return { expiresAt: this.#expiresAt };
  }

  /** `console.log(tokens)` shows the expiry, never the token. */
  [inspect.custom](): string {
    return `TokenManager { expiresAt: ${inspect(this.#expiresAt)}, refreshing: ${this.#inFlight !== undefined} }`;
  }

  async #refresh(): Promise<string> {
    // The lifetime is counted from before the request: the token started ageing when it was issued,
    // somewhere during the round trip, so this errs on the early side.
    const requestedAt = this.#now();
    const fetched = parseOrThrow(
      FetchedTokenSchema,
      await this.#fetchToken(),
      'fetchToken returned an invalid token',
    );
    const lifetimeMs = fetched.expiresInSeconds * 1000;
    this.#token = fetched.accessToken;
    this.#expiresAt = requestedAt + lifetimeMs;
    // A token shorter-lived than the refresh margin would otherwise be refetched on every call.
    this.#refreshAt = this.#expiresAt - Math.min(this.#refreshBeforeExpiryMs, lifetimeMs / 2);
    notify(this.#events, 'token.refreshed', { expiresAt: this.#expiresAt });
    return fetched.accessToken;
  }
}

/**
 * Creates a {@link TokenManager}: tokens cached until `refreshBeforeExpiryMs` before expiry, one fetch in
 * flight however many callers wait, failures never cached. Hand it to {@link createHttpClient} as `auth`.
 *
 * @example
 * ```ts
 * const events = createHttpEvents();
 * const oauth = createHttpClient({ provider: 'k2', baseUrl, events, secrets: [clientSecret] });
 * const tokens = createTokenManager({
 *   fetchToken: clientCredentialsFetcher({ http: oauth, clientId, clientSecret }),
 *   events,
 * });
 * const api = createHttpClient({ provider: 'k2', baseUrl, auth: tokens, events, secrets: [clientSecret] });
 * ```
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  return new TokenManager(options);
}
