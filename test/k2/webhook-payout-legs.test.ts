/**
 * Send money results whose disbursements did not all move: the event's amount counts only the legs that
 * moved, each leg carries its failure reason, and a result whose every leg failed is a `payout.failed`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type TenderEvent, TenderEventSchema } from '@tender/core';
import * as v from 'valibot';
import { decodeK2Payload } from '../../packages/k2/src/webhooks/decode.ts';
import { decodeFixture, KES } from './webhook-fixtures.ts';

type Disbursement = Record<string, unknown>;

const leg = (amount: string, status: string | null, errors: unknown, extra: Disbursement = {}) => ({
  amount,
  status,
  errors,
  destination_type: 'till',
  till_number: '889900',
  transaction_reference: status === 'Transferred' ? `TCC${amount}` : null,
  ...extra,
});

function sendMoney(disbursements: Disbursement[], status = 'Processed', type = 'send_money'): TenderEvent {
  const [event, ...rest] = decodeK2Payload({
    data: {
      id: 'sm-1',
      type,
      attributes: {
        status,
        created_at: '2026-01-08T10:00:00.300+03:00',
        currency: 'KES',
        ...(type === 'payment' ? { amount: { currency: 'KES', value: 2300 } } : {}),
        transfer_batches: disbursements.map((disbursement) => ({
          status: disbursement.status,
          amount: disbursement.amount,
          disbursements: [disbursement],
        })),
        errors: null,
      },
    },
  });
  assert.ok(event);
  assert.equal(rest.length, 0);
  // Every event the decoder gives is one core's schema accepts.
  v.parse(TenderEventSchema, event);
  return event;
}

function payout(event: TenderEvent) {
  assert.ok(event.type === 'payout.succeeded' || event.type === 'payout.failed', event.type);
  return event;
}

describe('K2 send money results with per-disbursement outcomes', () => {
  it('partial failure: payout.succeeded, partial, the amount of the moved legs only', () => {
    const event = payout(
      sendMoney([leg('1500.0', 'Transferred', null), leg('800.0', 'Failed', 'Invalid till number')]),
    );
    assert.equal(event.type, 'payout.succeeded');
    assert.equal(event.type === 'payout.succeeded' && event.partial, true);
    assert.deepEqual(event.amount, KES(150000));
    assert.equal(event.failureReason, undefined);
    assert.deepEqual(
      event.legs.map((one) => [one.status, one.amount?.minor, one.failureReason]),
      [
        ['Transferred', 150000, undefined],
        ['Failed', 80000, 'Invalid till number'],
      ],
    );
  });

  it('all legs failed under a Processed request: payout.failed with the legs reasons', () => {
    const event = payout(
      sendMoney([
        leg('800.0', 'Failed', ['Invalid till number']),
        leg('1500.0', 'failed', { message: 'Subscriber not registered' }),
        leg('200.0', 'Rejected', 'Invalid till number'),
      ]),
    );
    assert.equal(event.type, 'payout.failed');
    assert.equal(event.failureReason, 'Invalid till number; Subscriber not registered');
    assert.deepEqual(event.amount, KES(250000));
    assert.equal('partial' in event, false);
  });

  it('all legs failed without reasons: payout.failed still says why', () => {
    const event = payout(sendMoney([leg('800.0', 'Failed', null)]));
    assert.equal(event.type, 'payout.failed');
    assert.equal(event.failureReason, 'every disbursement failed');
    assert.equal(event.legs[0]?.failureReason, undefined);
  });

  it('all legs succeeded: payout.succeeded for the total, not partial, no reasons', () => {
    const event = payout(sendMoney([leg('1500.0', 'Transferred', null), leg('800.0', 'Transferred', null)]));
    assert.equal(event.type, 'payout.succeeded');
    assert.equal('partial' in event, false);
    assert.deepEqual(event.amount, KES(230000));
    assert.ok(event.legs.every((one) => one.failureReason === undefined));
  });

  it('legs without a status of their own: the request speaks for them (unchanged)', () => {
    const event = payout(sendMoney([leg('1500.0', null, null), leg('800.0', null, null)]));
    assert.equal(event.type, 'payout.succeeded');
    assert.equal('partial' in event, false);
    assert.deepEqual(event.amount, KES(230000));

    const echoed = payout(
      decodeK2Payload({
        data: {
          id: 'sm-2',
          type: 'send_money',
          attributes: {
            status: 'Processed',
            currency: 'KES',
            destinations: [{ type: 'till', till_number: '889900', amount: 800 }],
            transfer_batches: null,
          },
        },
      })[0] as TenderEvent,
    );
    assert.equal(echoed.type, 'payout.succeeded');
    assert.deepEqual(echoed.amount, KES(80000));
  });

  it('a leg with no status but errors counts as failed', () => {
    const event = payout(sendMoney([leg('1500.0', 'Transferred', null), leg('800.0', null, 'Till closed')]));
    assert.equal(event.type === 'payout.succeeded' && event.partial, true);
    assert.deepEqual(event.amount, KES(150000));
    assert.equal(event.legs[1]?.failureReason, 'Till closed');
  });

  it('a leg still pending or with an unknown word is not paid out', () => {
    const event = payout(sendMoney([leg('1500.0', 'Transferred', null), leg('800.0', 'Queued', null)]));
    assert.equal(event.type === 'payout.succeeded' && event.partial, true);
    assert.deepEqual(event.amount, KES(150000));

    const waiting = sendMoney([leg('800.0', 'Pending', null), leg('200.0', 'Failed', 'Invalid till number')]);
    assert.equal(waiting.type, 'provider.event');
  });

  it('a v1 payment whose legs partly failed counts the moved legs, not the v1 amount', () => {
    const event = payout(
      sendMoney(
        [leg('1500.0', 'Transferred', null), leg('800.0', 'Failed', 'Invalid till number')],
        'Processed',
        'payment',
      ),
    );
    assert.equal(event.type === 'payout.succeeded' && event.partial, true);
    assert.deepEqual(event.amount, KES(150000));
  });

  it('the send money fixtures still decode and fit core schema', () => {
    for (const name of [
      'result-send-money-processed',
      'result-send-money-failed',
      'result-send-money-scheduled',
      'result-payment-v1',
    ]) {
      for (const event of decodeFixture(name)) v.parse(TenderEventSchema, event);
    }
  });
});
