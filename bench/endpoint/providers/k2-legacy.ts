import { randomInt, timingSafeEqual } from 'node:crypto';
import { createK2LegacySource } from '@tender/k2-legacy';
import { generateLegacyFields } from '@tender/sandbox';
import type { BenchDelivery, ProviderFloor, WebhookProviderBench } from '../contract.ts';

const CREDENTIALS = { username: 'bench_k2_legacy', password: 'bench_legacy_password_3c9e' } as const;

/** The `Authorization` header the sandbox sends for these credentials (packages/sandbox/src/legacy/send-legacy.ts). */
const BASIC_HEADER = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`, 'utf8').toString('base64')}`;
const BASIC_HEADER_BYTES = Buffer.from(BASIC_HEADER, 'utf8');

/** K2's transaction ids are numbers; counting up from a random start keeps every one in a run new. */
let nextTransactionId = randomInt(1_000_000_000, 2_000_000_000);

/**
 * One legacy notification as the sandbox sends it: the invented form fields of `generateLegacyFields`,
 * form-encoded, with Basic credentials, and a k2_transaction_id (tender's de-duplication key) never used
 * before in this process.
 */
function legacyDelivery(): BenchDelivery {
  nextTransactionId += 1;
  const fields = { ...generateLegacyFields(new Date()), k2_transaction_id: String(nextTransactionId) };
  return {
    rawBody: Buffer.from(new URLSearchParams(fields).toString(), 'utf8'),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'tender-sandbox (K2 legacy notification simulator)',
      authorization: BASIC_HEADER,
    },
  };
}

/**
 * The legacy floor: the `Authorization` header compared with the expected `Basic …` bytes in constant time
 * (after the length check `timingSafeEqual` needs), then the form body parsed with `URLSearchParams`.
 */
const floor: ProviderFloor = {
  accepts(headers, rawBody) {
    const header = headers.authorization;
    if (typeof header !== 'string') return false;
    const received = Buffer.from(header, 'utf8');
    if (received.length !== BASIC_HEADER_BYTES.length || !timingSafeEqual(received, BASIC_HEADER_BYTES)) {
      return false;
    }
    const fields = new URLSearchParams(rawBody.toString('utf8'));
    return (fields.get('k2_transaction_id') ?? '') !== '';
  },
  answer: '{"status":"01","description":"Accepted"}',
};

/**
 * Kopo Kopo's legacy HTTP POST notifications: a form-encoded paybill payment (about 0.4 KB) with HTTP
 * Basic credentials, answered with status `01`.
 *
 * @example
 * ```ts
 * k2LegacyProvider.deliveries(1)[0].headers.authorization; // 'Basic …'
 * ```
 */
export const k2LegacyProvider: WebhookProviderBench = {
  name: 'k2Legacy',
  label: 'legacy K2 notification (form, Basic auth)',
  path: '/webhooks/k2-legacy',
  deliveries: (count) => Array.from({ length: count }, legacyDelivery),
  tenderSource: () => createK2LegacySource({ credentials: CREDENTIALS }),
  floor,
  rivals: [],
};
