import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { createPaykassmaSource } from '@tender/paykassma';
import { buildPostback } from '@tender/sandbox';
import type { BenchDelivery, ProviderFloor, WebhookProviderBench } from '../contract.ts';

const KEYS = {
  accessKey: 'bench_paykassma_access_5d1a',
  privateKey: 'bench_paykassma_private_8e2f',
} as const;
const ACCESS_KEY_BYTES = Buffer.from(KEYS.accessKey, 'utf8');

/** Paykassma's transaction ids are 20-digit strings; counting up from a random start keeps each one new. */
let nextTransaction = randomInt(1_000_000_000, 2_000_000_000);

/**
 * One deposit postback as `tender trigger paykassma-deposit` builds it (packages/sandbox/src/cli/
 * paykassma-trigger.ts): the sandbox's `buildPostback`, signed with the bench's keys, with a transaction id
 * and a custom transaction id never used before in this process.
 */
function postbackDelivery(): BenchDelivery {
  nextTransaction += 1;
  const at = new Date();
  const body = buildPostback(
    {
      direction: 'ingoing',
      label: 'user-58213',
      amountKyat: 25_000,
      transactionId: `0100${String(nextTransaction).padStart(16, '0')}`,
      customTransactionId: randomUUID(),
      stockpilingId: nextTransaction % 1_000_000,
      at,
    },
    KEYS,
  );
  return { rawBody: Buffer.from(body, 'utf8'), headers: { 'content-type': 'application/json' } };
}

function hex(algorithm: 'md5' | 'sha1', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

function sameText(received: unknown, expected: Buffer): boolean {
  if (typeof received !== 'string') return false;
  const bytes = Buffer.from(received, 'utf8');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

/**
 * The Paykassma floor: `JSON.parse`, the access key compared in constant time, the `additional_data` list
 * re-serialised as PHP writes it (`JSON.stringify`, with U+2028/U+2029 escaped) and
 * `sha1(access key + private key + md5(list))` compared with `signature` in constant time. Unlike tender it
 * keeps no exact numbers and tries no second list name.
 */
const floor: ProviderFloor = {
  accepts(_headers, rawBody) {
    const body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    if (!sameText(body.access_key, ACCESS_KEY_BYTES)) return false;
    const list = JSON.stringify(body.additional_data)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
    const expected = hex('sha1', KEYS.accessKey + KEYS.privateKey + hex('md5', list));
    return sameText(body.signature, Buffer.from(expected, 'utf8'));
  },
  answer: '{"status":"ok"}',
};

/**
 * Paykassma KBZPay deposit postbacks: JSON (about 0.7 KB) signed SHA-1 over MD5 of the re-serialised
 * `additional_data` list, answered `{"status":"ok"}`.
 *
 * @example
 * ```ts
 * JSON.parse(paykassmaProvider.deliveries(1)[0].rawBody.toString()).direction; // 'ingoing'
 * ```
 */
export const paykassmaProvider: WebhookProviderBench = {
  name: 'paykassma',
  label: 'Paykassma deposit postback (JSON, SHA-1/MD5 over re-serialised JSON)',
  path: '/webhooks/paykassma',
  deliveries: (count) => Array.from({ length: count }, postbackDelivery),
  tenderSource: () =>
    createPaykassmaSource({ postbackAccessKey: KEYS.accessKey, postbackPrivateKey: KEYS.privateKey }),
  floor,
  rivals: [],
};
