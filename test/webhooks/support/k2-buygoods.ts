import { createHmac, randomUUID } from 'node:crypto';

/**
 * A signed K2 `buygoods_transaction_received` webhook (reference §4.4) for the transaction `reference`:
 * compact JSON, signed with HMAC-SHA256 of its exact bytes under `apiKey`, as K2 sends it. The router
 * turns it into a `payment.succeeded` event with the id `k2:transaction:<reference>:received`.
 */
export function signedBuygoods(
  apiKey: string,
  reference: string,
): { body: string; headers: Record<string, string> } {
  const eventId = randomUUID();
  const resourceId = randomUUID();
  const body = JSON.stringify({
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
        reference,
        till_number: '556677',
        sender_phone_number: '+254711000111',
        origination_time: '2026-01-05T14:02:09+03:00',
        sender_first_name: 'Amina',
        sender_last_name: 'Otieno',
      },
    },
    _links: {
      self: `https://sandbox.kopokopo.com/webhook_events/${eventId}`,
      resource: `https://sandbox.kopokopo.com/financial_transaction/${resourceId}`,
    },
  });
  const signature = createHmac('sha256', apiKey).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-kopokopo-signature': signature } };
}

/** The event id the router gives the buygoods webhook of `reference`. */
export function buygoodsEventId(reference: string): string {
  return `k2:transaction:${reference}:received`;
}
