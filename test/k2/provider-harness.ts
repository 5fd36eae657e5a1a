/**
 * Shared set-up of the K2 Provider tests: a provider on the sandbox environment with a default callback
 * URL, a nock expectation for one created resource, and the check that a refused request sent nothing.
 */
import assert from 'node:assert/strict';
import { ValidationError } from '@tender/core';
import nock from 'nock';
import { createK2Provider, type K2Provider } from '../../packages/k2/src/index.ts';
import {
  API_KEY,
  BASE,
  CLIENT_ID,
  CLIENT_SECRET,
  created,
  recorder,
  tokenEndpoint,
} from './client-harness.ts';

/** The provider's default callback URL in these tests. */
export const RESULTS = 'https://shop.example/k2/results';

/** A provider for till K776655 on the sandbox environment, with {@link RESULTS} as its callback URL. */
export function testProvider(): K2Provider {
  return createK2Provider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    apiKey: API_KEY,
    environment: 'sandbox',
    tillNumber: 'K776655',
    callbackUrl: RESULTS,
  });
}

/** Expects one POST to `path` (after a token request), answered with a Location for `id`; returns what was seen. */
export function expectPost(path: string, id: string) {
  tokenEndpoint();
  const { seen, reply } = recorder(created(path, id));
  nock(BASE).post(path).reply(reply);
  return seen;
}

/**
 * Expects a ValidationError from K2 naming exactly `paths` (and, when given, for `operation`), and that
 * nothing at all was sent.
 */
export async function assertRefusedUnsent(
  call: () => Promise<unknown>,
  paths: string[],
  operation?: string,
): Promise<ValidationError> {
  const trap = nock(BASE)
    .post(/.*/)
    .reply(201, '', { location: `${BASE}/x/1` });
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${String(caught)}`);
  assert.deepEqual(
    caught.issues.map((issue) => issue.path),
    paths,
  );
  assert.equal(caught.provider, 'k2');
  if (operation !== undefined) assert.equal(caught.operation, operation);
  assert.equal(trap.isDone(), false, 'nothing was sent');
  return caught;
}
