/**
 * Shared pieces of the K2 client and provider tests: planted credentials (so tests can prove they never
 * leak), a client on the sandbox host, a token endpoint mock that only answers the exact form K2 expects,
 * and a recorder that captures every request a nock interceptor answers.
 */
import assert from 'node:assert/strict';
import nock from 'nock';
import {
  createK2Client,
  K2_DEFAULT_USER_AGENT,
  type K2Client,
  type K2Config,
} from '../../packages/k2/src/index.ts';

export const BASE = 'https://sandbox.kopokopo.com';
export const CLIENT_ID = 'app_key_7f3c';
export const CLIENT_SECRET = 'cs_PLANTED_SECRET_7d1e93';
export const API_KEY = 'ak_PLANTED_APIKEY_44c2b8';
export const TOKEN = 'tok_PLANTED_TOKEN_93af51';
export const SECOND_TOKEN = 'tok_PLANTED_TOKEN_2_ee07';

/** The exact form body of the token request. */
export const TOKEN_FORM = {
  grant_type: 'client_credentials',
  client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET,
};

/**
 * A client for the sandbox host with the planted credentials. Retries wait 1 ms so retry paths stay fast.
 */
export function testClient(overrides: Partial<K2Config> = {}): K2Client {
  return createK2Client({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    apiKey: API_KEY,
    environment: 'sandbox',
    retry: { backoffMs: 1 },
    ...overrides,
  } as K2Config);
}

/**
 * Answers `POST /oauth/token` `times` times with `token`, but only when the body is exactly the
 * client-credentials form and the headers are the ones K2 expects.
 */
export function tokenEndpoint(options: { token?: string; times?: number; base?: string } = {}): nock.Scope {
  return nock(options.base ?? BASE)
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .matchHeader('accept', 'application/json')
    .matchHeader('user-agent', K2_DEFAULT_USER_AGENT)
    .matchHeader('authorization', (value) => value === null)
    .post('/oauth/token', TOKEN_FORM)
    .times(options.times ?? 1)
    .reply(200, {
      access_token: options.token ?? TOKEN,
      token_type: 'Bearer',
      expires_in: 3600,
      created_at: 1767225600,
    });
}

/** One request as the server saw it. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly text: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  readonly json: unknown;
}

export type Reply = readonly [number, (string | Record<string, unknown>)?, Record<string, string>?];

/** A nock reply function that records each request and answers with `replies` in turn (the last repeats). */
export function recorder(...replies: Reply[]) {
  const seen: Seen[] = [];
  const reply = async (request: Request) => {
    const text = await request.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      text,
      json,
    });
    return replies[Math.min(seen.length - 1, replies.length - 1)] ?? [500];
  };
  return { seen, reply };
}

/** The JSON body of a recorded request, which must exist. */
export function jsonOf<T>(seen: Seen | undefined): T {
  assert.ok(seen, 'the request was sent');
  return seen.json as T;
}

/** The `201 Created` answer of a K2 create call. */
export function created(path: string, id: string): Reply {
  return [201, '', { location: `${BASE}${path}/${id}` }];
}

/** Asserts the headers every authenticated K2 API call carries. */
export function assertApiHeaders(
  seen: Seen | undefined,
  options: { token?: string; json?: boolean } = {},
): void {
  assert.ok(seen, 'the request was sent');
  assert.equal(seen.headers.authorization, `Bearer ${options.token ?? TOKEN}`);
  assert.equal(seen.headers.accept, 'application/json');
  assert.equal(seen.headers['user-agent'], K2_DEFAULT_USER_AGENT);
  if (options.json ?? true) assert.equal(seen.headers['content-type'], 'application/json');
  else assert.equal(seen.headers['content-type'], undefined);
}

/** Asserts that no text in `texts` contains any planted secret. */
export function assertNoSecrets(...texts: string[]): void {
  for (const text of texts) {
    for (const secret of [CLIENT_SECRET, API_KEY, TOKEN, SECOND_TOKEN]) {
      assert.ok(!text.includes(secret), `a planted secret leaked into: ${text.slice(0, 200)}`);
    }
  }
}
