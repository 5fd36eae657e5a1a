import { type PlainJson, parseJsonText, type TenderEvent, toPlainJson, ValidationError } from '@tender/core';
import { decodeK2DarajaJson, isK2DarajaPayload } from './daraja.ts';
import { decodeK2ResultJson } from './decode-result.ts';
import { decodeK2WebhookJson } from './decode-webhook.ts';

const CONTEXT = { provider: 'k2', operation: 'webhook' } as const;

/** One decoder for every delivery: building a TextDecoder per call showed up in the benchmark profile. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as {@link PlainJson}: text and bytes are parsed here (numbers a double cannot hold exactly keep
 * their text, see `parseJsonText`), an object the caller parsed is copied.
 */
function parsed(payload: unknown): PlainJson {
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) return toPlainJson(payload, CONTEXT);
  let textBody: string;
  try {
    textBody = typeof payload === 'string' ? payload : UTF8.decode(payload);
  } catch {
    throw new ValidationError(
      'Invalid K2 delivery',
      [{ path: '', message: 'the body is not UTF-8 JSON' }],
      CONTEXT,
    );
  }
  return parseJsonText(textBody, CONTEXT);
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
  const json = parsed(payload);
  const body = json.value;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    if ('topic' in body) return decodeK2WebhookJson(json);
    if (isK2DarajaPayload(body)) return decodeK2DarajaJson(json);
    if ('data' in body) return decodeK2ResultJson(json);
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
    CONTEXT,
  );
}
