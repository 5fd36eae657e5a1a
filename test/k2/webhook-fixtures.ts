import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenderEvent } from '@tender/core';
import { decodeK2Payload } from '../../packages/k2/src/webhooks/decode.ts';

/** The exact bytes of a fixture in test/fixtures/k2. */
export const fixtureBytes = (name: string): Buffer =>
  readFileSync(join(import.meta.dirname, '../fixtures/k2', `${name}.json`));

/** A fixture parsed as JSON. */
export const fixtureJson = (name: string): Record<string, unknown> =>
  JSON.parse(fixtureBytes(name).toString('utf8')) as Record<string, unknown>;

/** Decodes a fixture from its bytes, as the webhook source does. */
export const decodeFixture = (name: string): TenderEvent[] => decodeK2Payload(fixtureBytes(name));

/**
 * An event as plain data for whole-event comparisons: without `raw` (asserted first to be the parsed
 * fixture) and with its dates as ISO strings.
 */
export function plain(event: TenderEvent | undefined, fixture: string): Record<string, unknown> {
  assert.ok(event, 'an event');
  const { raw, ...rest } = event;
  assert.deepEqual(raw, fixtureJson(fixture));
  return Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

/** KES in minor units. */
export const KES = (minor: number) => ({ currency: 'KES', minor });
