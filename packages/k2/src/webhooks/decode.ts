import { type TenderEvent, ValidationError } from '@tender/core';
import { decodeK2DarajaPayload, isK2DarajaPayload } from './daraja.ts';
import { decodeK2Result } from './decode-result.ts';
import { decodeK2Webhook } from './decode-webhook.ts';

/** One decoder for every delivery: building a TextDecoder per call showed up in the benchmark profile. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parsed(payload: unknown): unknown {
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) return payload;
  try {
    const textBody = typeof payload === 'string' ? payload : UTF8.decode(payload);
    return JSON.parse(textBody);
  } catch {
    throw new ValidationError('Invalid K2 delivery', [{ path: '', message: 'the body is not UTF-8 JSON' }], {
      provider: 'k2',
      operation: 'webhook',
    });
  }
}

/**
 * Normalizes any body K2 POSTs: a webhook envelope (it has `topic`), a Daraja-format webhook (it has
 * `TransactionType`) or a result callback (it has `data`). Takes the parsed JSON, or the JSON text or bytes
 * (decoded as strict UTF-8). Each body gives at least one event; what fits no event type is a
 * `provider.event`, never dropped. A body that is not JSON, is none of the three or breaks its schema
 * throws core's `ValidationError` naming the offending fields. `raw` on every event is the parsed body.
 *
 * @example
 * ```ts
 * const events = decodeK2Payload(rawBody); // after verifyK2Signature(rawBody, ...) said ok
 * ```
 */
export function decodeK2Payload(payload: unknown): TenderEvent[] {
  const body = parsed(payload);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    if ('topic' in body) return decodeK2Webhook(body);
    if (isK2DarajaPayload(body)) return decodeK2DarajaPayload(body);
    if ('data' in body) return decodeK2Result(body);
  }
  throw new ValidationError(
    'Invalid K2 delivery',
    [
      {
        path: '',
        message:
          'is neither a webhook (topic), a Daraja-format webhook (TransactionType) nor a result (data)',
      },
    ],
    { provider: 'k2', operation: 'webhook' },
  );
}
