import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { decodeK2Payload } from '../../packages/k2/src/webhooks/decode.ts';
import { K2TransactionWebhookSchema } from '../../packages/k2/src/webhooks/payloads.ts';
import { fixtureJson } from './webhook-fixtures.ts';

type Webhook = { created_at?: unknown; event: { resource: Record<string, unknown> } };

/** A webhook fixture with its resource and envelope changed by `change`. */
function webhook(fixture: string, change: (payload: Webhook) => void): Webhook {
  const payload = structuredClone(fixtureJson(fixture)) as Webhook;
  change(payload);
  return payload;
}

function occurredAt(payload: unknown): string | undefined {
  const [event] = decodeK2Payload(payload);
  return event?.occurredAt.toISOString();
}

const REVERSED_AT = '2026-03-15T10:00:00+03:00';
const REVERSED_AT_UTC = '2026-03-15T07:00:00.000Z';

describe('K2 reversal and void times', () => {
  it('payment.reversed happens at reversal_time, for every reversed topic', () => {
    for (const fixture of ['webhook-buygoods-reversed', 'webhook-b2b-reversed', 'webhook-card-reversed']) {
      const payload = webhook(fixture, (p) => {
        p.event.resource.reversal_time = REVERSED_AT;
      });
      const [event] = decodeK2Payload(payload);
      assert.equal(event?.type, 'payment.reversed', fixture);
      assert.equal(event?.occurredAt.toISOString(), REVERSED_AT_UTC, fixture);
    }
  });

  it('reversal_time may be Unix seconds, as a number or as digits', () => {
    const seconds = Date.parse(REVERSED_AT_UTC) / 1000;
    for (const value of [seconds, String(seconds), ` ${seconds} `]) {
      const payload = webhook('webhook-buygoods-reversed', (p) => {
        p.event.resource.reversal_time = value;
      });
      assert.equal(occurredAt(payload), REVERSED_AT_UTC, JSON.stringify(value));
    }
  });

  it('without a readable reversal_time: the envelope created_at, then origination_time', () => {
    for (const value of [undefined, null, '', 'soon', '2026-13-45T99:00:00+03:00']) {
      const payload = webhook('webhook-buygoods-reversed', (p) => {
        if (value !== undefined) p.event.resource.reversal_time = value;
      });
      assert.equal(occurredAt(payload), '2026-03-15T07:00:03.000Z', JSON.stringify(value));
    }
    for (const createdAt of [undefined, null, 'yesterday']) {
      const payload = webhook('webhook-buygoods-reversed', (p) => {
        if (createdAt === undefined) delete p.created_at;
        else p.created_at = createdAt;
      });
      // origination_time is the original payment's time: the last resort, still before "now".
      assert.equal(occurredAt(payload), '2026-03-14T05:45:12.000Z', JSON.stringify(createdAt));
    }
  });

  it('payment.voided happens at the envelope created_at, then origination_time; reversal_time is no void time', () => {
    const voided = webhook('webhook-card-voided', (p) => {
      p.event.resource.origination_time = '2026-03-19T19:30:00+03:00';
      p.event.resource.reversal_time = REVERSED_AT;
    });
    assert.equal(occurredAt(voided), '2026-03-19T16:41:01.000Z');
    delete voided.created_at;
    assert.equal(occurredAt(voided), '2026-03-19T16:30:00.000Z');
  });

  it('a received payment still happens at origination_time, not at created_at', () => {
    const received = webhook('webhook-buygoods-received', (p) => {
      p.event.resource.reversal_time = REVERSED_AT;
    });
    assert.equal(occurredAt(received), '2026-03-14T05:45:12.000Z');
  });

  it('a polled reversal: reversal_time, else origination_time (the polling result time is not the reversal time)', () => {
    const document = structuredClone(fixtureJson('result-polling')) as {
      data: { attributes: { created_at?: string; transactions: { resource: Record<string, unknown> }[] } };
    };
    document.data.attributes.created_at = '2026-03-19T08:00:00+03:00';
    const reversedAt = () => decodeK2Payload(document).find((event) => event.type === 'payment.reversed');
    assert.equal(reversedAt()?.occurredAt.toISOString(), '2026-03-14T05:45:12.000Z');
    const reversal = document.data.attributes.transactions[3];
    assert.ok(reversal);
    reversal.resource.reversal_time = REVERSED_AT;
    assert.equal(reversedAt()?.occurredAt.toISOString(), REVERSED_AT_UTC);
    assert.equal(reversedAt()?.id, 'k2:transaction:SJK4PQ7RT2:reversed');
  });

  it('the schema carries reversal_time as sent and refuses a value that is no time at all', () => {
    const payload = webhook('webhook-buygoods-reversed', (p) => {
      p.event.resource.reversal_time = REVERSED_AT;
    });
    assert.equal(v.parse(K2TransactionWebhookSchema, payload).event.resource.reversal_time, REVERSED_AT);
    const odd = webhook('webhook-buygoods-reversed', (p) => {
      p.event.resource.reversal_time = { at: REVERSED_AT };
    });
    assert.equal(v.safeParse(K2TransactionWebhookSchema, odd).success, false);
  });
});
