import { createHmac, randomUUID } from 'node:crypto';

/** The API key every bench delivery is signed with (K2 signs webhooks with the application's API key). */
export const BENCH_API_KEY = 'bench_api_key_5f0c9d2e';

/** Where the bench's router listens for K2 webhooks. */
export const WEBHOOK_PATH = '/webhooks/k2';

/**
 * One signed webhook delivery as it leaves K2: the exact body bytes and the headers that came with them.
 *
 * @example
 * ```ts
 * const delivery = signedBuygoodsDelivery();
 * delivery.headers['x-kopokopo-signature']; // 64 lower-case hex characters
 * ```
 */
export interface SignedDelivery {
  readonly rawBody: Buffer;
  /** Header names in lower case, as Node's `http` hands them over. */
  readonly headers: Readonly<Record<string, string>>;
}

let transactions = 0;

/**
 * A fresh M-PESA-style transaction code (10 upper-case letters and digits), unique in this process.
 *
 * @example
 * ```ts
 * nextTransactionReference(); // 'TB0000000K'
 * ```
 */
export function nextTransactionReference(): string {
  transactions += 1;
  return `TB${transactions.toString(36).toUpperCase().padStart(8, '0')}`;
}

/**
 * A `buygoods_transaction_received` webhook body in K2's shape (reference §4.4), compact JSON as K2 sends it,
 * with a fresh event id, resource id and transaction code, so de-duplication (whatever it keys on) never
 * short-cuts a delivery. About 0.8 KB.
 *
 * @example
 * ```ts
 * JSON.parse(buygoodsReceivedBody()).topic; // 'buygoods_transaction_received'
 * ```
 */
export function buygoodsReceivedBody(): string {
  const eventId = randomUUID();
  const resourceId = randomUUID();
  const payload = {
    topic: 'buygoods_transaction_received',
    id: eventId,
    created_at: '2026-01-05T14:02:11+03:00',
    event: {
      type: 'Buygoods Transaction',
      resource: {
        id: resourceId,
        amount: '450.0',
        status: 'Received',
        system: 'Lipa Na M-PESA',
        currency: 'KES',
        reference: nextTransactionReference(),
        till_number: '556677',
        sender_phone_number: '+254711000111',
        hashed_sender_phone: '5f2a9c0e7b1d4e3f8a6c2b9d0e1f3a4c5b6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f',
        origination_time: '2026-01-05T14:02:09+03:00',
        sender_first_name: 'Amina',
        sender_middle_name: null,
        sender_last_name: 'Otieno',
      },
    },
    _links: {
      self: `https://sandbox.kopokopo.com/webhook_events/${eventId}`,
      resource: `https://sandbox.kopokopo.com/financial_transaction/${resourceId}`,
    },
  };
  return JSON.stringify(payload);
}

/**
 * A fresh `buygoods_transaction_received` delivery signed with {@link BENCH_API_KEY} over its exact bytes.
 * The body is compact `JSON.stringify` output, so k2-connect-node's re-serialisation yields the same bytes
 * and the same signature verifies for every contender.
 *
 * @example
 * ```ts
 * const { rawBody, headers } = signedBuygoodsDelivery();
 * ```
 */
export function signedBuygoodsDelivery(): SignedDelivery {
  const rawBody = Buffer.from(buygoodsReceivedBody(), 'utf8');
  const signature = createHmac('sha256', BENCH_API_KEY).update(rawBody).digest('hex');
  return {
    rawBody,
    headers: {
      'content-type': 'application/json',
      'content-length': String(rawBody.length),
      'user-agent': 'Kopo Kopo Webhooks',
      'x-kopokopo-signature': signature,
    },
  };
}

/**
 * `count` fresh signed deliveries: one round's input, built before the clock starts.
 *
 * @example
 * ```ts
 * const batch = signedBuygoodsDeliveries(4000);
 * ```
 */
export function signedBuygoodsDeliveries(count: number): SignedDelivery[] {
  return Array.from({ length: count }, signedBuygoodsDelivery);
}
