/**
 * STK push through the sandbox (reference §3.2, §5.1): 201 + absolute Location, the Pending document, the
 * settled Success/Failed documents, the signed callback, the outcome rules and the validation errors.
 * Most tests use a long delay and settleAll(), so the pending state is observable without racing the timer;
 * the last suite lets a 20 ms timer settle a push on its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAILURE_REASONS, SANDBOX_TEST_INPUTS, type Sandbox, startSandbox } from '@tender/sandbox';
import { api, attributes, fetchToken } from './support/client.ts';
import { expectedSignature, type Receiver, startReceiver } from './support/receiver.ts';

let sandbox: Sandbox;
let receiver: Receiver;
let token: string;

before(async () => {
  sandbox = await startSandbox({ callbackDelayMs: 60_000, apiKey: 'stk_test_key' });
  receiver = await startReceiver();
  token = await fetchToken(sandbox);
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

function stkBody(phone: string, value: number | string, extra: Record<string, unknown> = {}) {
  return {
    payment_channel: 'M-PESA STK Push',
    till_number: 'K776655',
    subscriber: { first_name: 'Amina', last_name: 'Otieno', phone_number: phone, email: 'amina@example.org' },
    amount: { currency: 'KES', value },
    metadata: { order_id: 'ORD-20931' },
    _links: { callback_url: `${receiver.url}/k2/results/stk` },
    ...extra,
  };
}

async function attributesAt(location: string): Promise<Record<string, unknown>> {
  return attributes((await api(token, 'GET', location)).json);
}

async function push(phone: string, value: number | string) {
  const created = await api(token, 'POST', `${sandbox.url}/api/v2/incoming_payments`, stkBody(phone, value));
  assert.equal(created.status, 201);
  assert.ok(created.location);
  return created.location;
}

describe('POST /api/v2/incoming_payments', () => {
  it('answers 201 with an absolute Location and an empty body, then GET shows Pending', async () => {
    const response = await fetch(`${sandbox.url}/api/v2/incoming_payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(stkBody('+254711000111', 250)),
    });
    assert.equal(response.status, 201);
    assert.equal(await response.text(), '');
    const location = response.headers.get('location') ?? '';
    assert.match(location, new RegExp(`^${sandbox.url}/api/v2/incoming_payments/[0-9a-f-]{36}$`));

    const pending = await api(token, 'GET', location);
    assert.equal(pending.status, 200);
    const id = location.split('/').at(-1);
    const initiation = attributes(pending.json).initiation_time;
    assert.match(String(initiation), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+03:00$/);
    assert.deepEqual(pending.json, {
      data: {
        id,
        type: 'incoming_payment',
        attributes: {
          initiation_time: initiation,
          status: 'Pending',
          event: { type: 'Incoming Payment Request', resource: null, errors: null },
          metadata: { order_id: 'ORD-20931' },
          _links: { callback_url: `${receiver.url}/k2/results/stk`, self: location },
        },
      },
    });
  });

  it('settles as Success after the delay and POSTs the same document, signed, to the callback URL', async () => {
    const location = await push('0711000111', '1250');
    await sandbox.settleAll();
    const settled = await api(token, 'GET', location);
    const attrs = attributes(settled.json);
    assert.equal(attrs.status, 'Success');
    const event = attrs.event as { resource: Record<string, unknown>; errors: unknown };
    assert.equal(event.errors, null);
    assert.deepEqual(Object.keys(event.resource), [
      'id',
      'reference',
      'origination_time',
      'sender_phone_number',
      'hashed_sender_phone',
      'amount',
      'currency',
      'till_number',
      'system',
      'status',
      'sender_first_name',
      'sender_middle_name',
      'sender_last_name',
    ]);
    assert.equal(event.resource.amount, '1250.0');
    assert.equal(event.resource.sender_phone_number, '+254711000111');
    assert.equal(event.resource.status, 'Received');
    assert.equal(event.resource.till_number, 'K776655');
    assert.equal(event.resource.sender_middle_name, null);
    assert.match(String(event.resource.reference), /^[A-Z][A-Z0-9]{9}$/);
    assert.match(String(event.resource.hashed_sender_phone), /^[0-9a-f]{64}$/);

    const callback = receiver.received.find((delivered) => delivered.body.includes(location));
    assert.ok(callback, 'the callback reached the receiver');
    assert.equal(callback.method, 'POST');
    assert.equal(callback.path, '/k2/results/stk');
    assert.equal(callback.headers['content-type'], 'application/json');
    assert.equal(callback.headers['x-kopokopo-signature'], expectedSignature('stk_test_key', callback.body));
    assert.deepEqual(JSON.parse(callback.body), settled.json);
    assert.equal(callback.body, JSON.stringify(settled.json), 'compact JSON, as K2 sends');
  });

  it('settles the documented test phones as Failed with K2-style reasons and no resource', async () => {
    const cases = [
      [SANDBOX_TEST_INPUTS.stk.cancelledPhone, FAILURE_REASONS.stkCancelled],
      [SANDBOX_TEST_INPUTS.stk.insufficientBalancePhone, 'The balance is insufficient for the transaction'],
      [SANDBOX_TEST_INPUTS.stk.timeoutPhone, 'DS timeout user cannot be reached'],
      ['0700000004', 'The initiator information is invalid.'],
    ] as const;
    const locations = await Promise.all(cases.map(([phone]) => push(phone, 100)));
    await sandbox.settleAll();
    for (const [index, location] of locations.entries()) {
      const attrs = attributes((await api(token, 'GET', location)).json);
      assert.equal(attrs.status, 'Failed');
      assert.deepEqual(attrs.event, {
        type: 'Incoming Payment Request',
        resource: null,
        errors: cases[index]?.[1],
      });
      const callback = receiver.received.find((delivered) => delivered.body.includes(location));
      assert.equal(attributes(JSON.parse(callback?.body ?? '{}')).status, 'Failed');
    }
  });

  it('chooses the same failures by the cents of the amount, for any phone', async () => {
    const cancelled = await push('+254722333444', '100.01');
    const timeout = await push('+254722333444', 100.03);
    await sandbox.settleAll();
    const errorsOf = async (location: string) =>
      ((await attributesAt(location)).event as { errors: string }).errors;
    assert.equal(await errorsOf(cancelled), 'Request cancelled by user');
    assert.equal(await errorsOf(timeout), 'DS timeout user cannot be reached');
  });

  it('leaves a push to the never-answering phone Pending and sends no callback', async () => {
    const location = await push(SANDBOX_TEST_INPUTS.stk.neverAnsweredPhone, 100);
    await sandbox.settleAll();
    assert.equal(attributes((await api(token, 'GET', location)).json).status, 'Pending');
    assert.equal(
      receiver.received.some((delivered) => delivered.body.includes(location)),
      false,
    );
  });
});

describe('incoming payment validation', () => {
  async function rejected(body: unknown) {
    const answer = await api(token, 'POST', `${sandbox.url}/api/v2/incoming_payments`, body);
    assert.equal(answer.status, 400);
    assert.equal(answer.location, null);
    return answer.json;
  }

  it('names every missing field in one K2 error body', async () => {
    assert.deepEqual(await rejected({}), {
      error_code: 400,
      error_message:
        "Payment channel can't be blank; Till number can't be blank; Subscriber can't be blank; Amount can't be blank; Callback url can't be blank",
    });
  });

  it("answers a bad phone with K2's own message", async () => {
    assert.deepEqual(await rejected(stkBody('12345', 100)), {
      error_code: 400,
      error_message: 'Subscriber phone number is an invalid number',
    });
  });

  it('refuses a till without K, another currency, a bad amount, a bad URL and too much metadata', async () => {
    const body = {
      ...stkBody('+254711000111', 'abc', { till_number: '776655' }),
      amount: { currency: 'USD', value: '-5' },
      metadata: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 },
      _links: { callback_url: 'not a url' },
    };
    assert.deepEqual(await rejected(body), {
      error_code: 400,
      error_message: [
        'Till number must be an Online Payments Account till number starting with K',
        'Amount currency must be KES',
        'Amount value must be a positive amount with at most two decimals',
        'Metadata can have at most 5 key/value pairs',
        'Callback url is not a valid url',
      ].join('; '),
    });
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(`${sandbox.url}/api/v2/incoming_payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"payment_channel":',
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      error_code: 400,
      error_message: 'The request body is not valid JSON',
    });
  });

  it('answers an unknown id and an unknown path with 404 in the K2 error shape', async () => {
    const unknownId = await api(
      token,
      'GET',
      `${sandbox.url}/api/v2/incoming_payments/00000000-0000-4000-8000-000000000000`,
    );
    assert.deepEqual(unknownId.json, { error_code: 404, error_message: 'Not Found' });
    const unknownPath = await api(token, 'GET', `${sandbox.url}/api/v2/nothing_here`);
    assert.equal(unknownPath.status, 404);
  });
});

describe('settling on its own', () => {
  it('moves a push from Pending to Success after callbackDelayMs and delivers the callback', async () => {
    const quick = await startSandbox({ callbackDelayMs: 20, apiKey: 'quick_key' });
    try {
      const quickToken = await fetchToken(quick);
      const created = await api(
        quickToken,
        'POST',
        `${quick.url}/api/v2/incoming_payments`,
        stkBody('+254711000111', 99),
      );
      const location = created.location ?? '';
      const statuses = new Set<unknown>();
      for (let polls = 0; polls < 100 && !statuses.has('Success'); polls += 1) {
        statuses.add(attributes((await api(quickToken, 'GET', location)).json).status);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.ok(statuses.has('Success'), 'settled without settleAll()');
      assert.deepEqual(
        [...statuses].filter((status) => status !== 'Pending' && status !== 'Success'),
        [],
      );
      await quick.idle();
      const callback = receiver.received.find((delivered) => delivered.body.includes(location));
      assert.equal(
        callback?.headers['x-kopokopo-signature'],
        expectedSignature('quick_key', callback?.body ?? ''),
      );
    } finally {
      await quick.close();
    }
  });
});
