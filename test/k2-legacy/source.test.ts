import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { type PaymentSucceededEvent, ValidationError, type WebhookRequest } from '@tender/core';
import { createK2LegacySource } from '@tender/k2-legacy';

const FIELDS = {
  k2_account_id: '12',
  k2_transaction_id: '15',
  mm_system_id: 'M-PESA',
  mp_transaction_id: '54445',
  biller_number: '888555',
  transaction_date: '26/4/11',
  transaction_time: '1:03 PM',
  transaction_type: 'Paybill',
  ac_no: 'A123333',
  sender: '0723456789',
  first_name: 'John',
  middle_name: 'K.',
  last_name: 'Doe',
  amount: '1500',
  currency: 'KES',
};
const USER = 'k2user';
const PASSWORD = 'pa55-PLANTED-secret';

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function request(
  fields: Record<string, string> = FIELDS,
  options: { authorization?: string | undefined; inQuery?: boolean; body?: string } = {},
): WebhookRequest {
  const encoded = new URLSearchParams(fields).toString();
  const body = options.body ?? (options.inQuery ? '' : encoded);
  return {
    method: 'POST',
    path: '/webhooks/k2-legacy',
    query: new URLSearchParams(options.inQuery ? encoded : ''),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'authorization' in options ? options.authorization : basic(USER, PASSWORD),
    },
    rawBody: new TextEncoder().encode(body),
  };
}

const source = createK2LegacySource({ credentials: { username: USER, password: PASSWORD } });

async function decodeOne(fields: Record<string, string>, timeZone?: string): Promise<PaymentSucceededEvent> {
  const chosen = timeZone ? createK2LegacySource({ authentication: 'none', timeZone }) : source;
  const [event] = await chosen.decode(request(fields));
  assert.ok(event?.type === 'payment.succeeded');
  return event;
}

function decodeFails(fields: Record<string, string>, path: string, pattern: RegExp) {
  assert.throws(
    () => source.decode(request(fields)),
    (error: unknown) => {
      assert.ok(error instanceof ValidationError, String(error));
      const issue = error.issues.find((candidate) => candidate.path === path);
      assert.ok(issue, `no issue for ${path} in ${error.message}`);
      assert.match(issue.message, pattern);
      return true;
    },
  );
}

describe('legacy K2 notification: fields', () => {
  it('maps every field into a payment.succeeded event', async () => {
    const event = await decodeOne(FIELDS);
    assert.deepEqual(
      { ...event, occurredAt: event.occurredAt.toISOString() },
      {
        id: 'k2-legacy:15',
        type: 'payment.succeeded',
        provider: 'k2-legacy',
        providerEvent: 'legacy_notification',
        occurredAt: '2011-04-26T10:03:00.000Z',
        providerReference: '54445',
        amount: { currency: 'KES', minor: 150000 },
        channel: 'paybill',
        payer: {
          firstName: 'John',
          middleName: 'K.',
          lastName: 'Doe',
          phone: '+254723456789',
          account: '0723456789',
        },
        payee: { account: '888555', id: '12' },
        accountNumber: 'A123333',
        raw: FIELDS,
      },
    );
  });

  it('reads the query-string form when the body is empty, and the body wins otherwise', async () => {
    const [fromQuery] = await source.decode(request(FIELDS, { inQuery: true }));
    assert.equal(fromQuery?.id, 'k2-legacy:15');
    const mixed = request({ ...FIELDS, k2_transaction_id: '99' });
    const both: WebhookRequest = { ...mixed, query: new URLSearchParams(FIELDS) };
    const [fromBody] = await source.decode(both);
    assert.equal(fromBody?.id, 'k2-legacy:99');
  });

  it('keeps UTF-8 names', async () => {
    const event = await decodeOne({ ...FIELDS, first_name: 'Wanjirũ', last_name: 'Zoë' });
    assert.equal(event.payer?.firstName, 'Wanjirũ');
    assert.equal(event.payer?.lastName, 'Zoë');
  });

  it('uses the configured zone', async () => {
    const event = await decodeOne(FIELDS, 'UTC');
    assert.equal(event.occurredAt.toISOString(), '2011-04-26T13:03:00.000Z');
    const midnight = await decodeOne({ ...FIELDS, transaction_time: '12:05 AM' });
    assert.equal(midnight.occurredAt.toISOString(), '2011-04-25T21:05:00.000Z');
  });

  it('accepts decimals up to the currency exponent, leap days and keeps foreign phones as sent', async () => {
    assert.deepEqual((await decodeOne({ ...FIELDS, amount: '1500.50' })).amount, {
      currency: 'KES',
      minor: 150050,
    });
    assert.equal((await decodeOne({ ...FIELDS, transaction_date: '29/2/12' })).occurredAt.getUTCDate(), 29);
    assert.equal((await decodeOne({ ...FIELDS, sender: '+441234567890' })).payer?.phone, '+441234567890');
    assert.equal((await decodeOne({ ...FIELDS, sender: '254723456789' })).payer?.phone, '+254723456789');
  });

  for (const date of ['31/2/11', '29/2/11', '2011-04-26', '26/4/2011', '0/4/11', '26/13/11', '']) {
    it(`rejects the date "${date}"`, () => {
      decodeFails(
        { ...FIELDS, transaction_date: date },
        'transaction_date',
        date ? /D\/M\/YY|calendar/ : /missing/,
      );
    });
  }

  for (const time of ['13:00 PM', '0:30 AM', '1:60 PM', '13:03', '1:03', 'noon']) {
    it(`rejects the time "${time}"`, () => {
      decodeFails({ ...FIELDS, transaction_time: time }, 'transaction_time', /12-hour|AM\/PM/);
    });
  }

  for (const amount of ['-1', '1.234', 'abc', '1e3']) {
    it(`rejects the amount "${amount}"`, () =>
      decodeFails({ ...FIELDS, amount }, 'amount', /amount|decimal|negative|exponent|more decimals/));
  }

  it('lists every missing field together', () => {
    const { k2_transaction_id: _id, amount: _amount, sender: _sender, ...rest } = FIELDS;
    assert.throws(
      () => source.decode(request(rest)),
      (error: unknown) =>
        error instanceof ValidationError &&
        ['amount', 'k2_transaction_id', 'sender'].every((path) =>
          error.issues.some((issue) => issue.path === path),
        ),
    );
    decodeFails({ ...FIELDS, amount: '' }, 'amount', /missing/);
  });

  it('reports an unknown currency', () => decodeFails({ ...FIELDS, currency: 'XYZ' }, 'amount', /XYZ/));
});

describe('legacy K2 notification: authentication', () => {
  it('accepts the right Basic credentials', async () => {
    assert.deepEqual(await source.verify(request()), { ok: true });
  });

  const refused: [string, string | undefined][] = [
    ['wrong user', basic('other', PASSWORD)],
    ['wrong password', basic(USER, 'nope')],
    ['missing header', undefined],
    ['malformed base64', 'Basic !!!'],
    ['no colon', `Basic ${Buffer.from('justuser').toString('base64')}`],
    ['another scheme', `Bearer ${PASSWORD}`],
  ];
  for (const [name, authorization] of refused) {
    it(`refuses ${name} without throwing`, async () => {
      const verdict = await source.verify(request(FIELDS, { authorization }));
      assert.equal(verdict.ok, false);
      assert.ok(!JSON.stringify(verdict).includes(PASSWORD));
    });
  }

  it('requires an explicit choice and allows an explicit opt-out', async () => {
    assert.throws(() => createK2LegacySource({}), /authentication: 'none'/);
    const open = createK2LegacySource({ authentication: 'none' });
    assert.deepEqual(await open.verify(request(FIELDS, { authorization: undefined })), { ok: true });
    assert.throws(
      () => createK2LegacySource({ authentication: 'none', timeZone: 'Mars/Olympus' }),
      /Mars\/Olympus/,
    );
  });

  it('takes a pluggable check instead of Basic', async () => {
    const withKey = createK2LegacySource({
      authenticate: (incoming) => incoming.headers['x-api-key'] === 'key-1',
    });
    const good = { ...request(), headers: { ...request().headers, 'x-api-key': 'key-1' } };
    assert.deepEqual(await withKey.verify(good), { ok: true });
    assert.equal((await withKey.verify(request())).ok, false);
    const throwing = createK2LegacySource({
      authenticate: () => {
        throw new Error('boom');
      },
    });
    assert.equal((await throwing.verify(request())).ok, false);
  });

  it('never shows the credentials', () => {
    assert.ok(!inspect(source, { depth: 10, showHidden: true }).includes(PASSWORD));
    assert.ok(!JSON.stringify(source).includes(PASSWORD));
  });
});

describe('legacy K2 notification: answers', () => {
  it('answers each outcome in the dialect K2 expects', () => {
    const accepted = source.answer({ kind: 'accepted', duplicate: false });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body, '{"status":"01","description":"Accepted"}');
    assert.match(accepted.headers['content-type'] ?? '', /application\/json/);
    assert.equal(source.answer({ kind: 'accepted', duplicate: true }).body, accepted.body);
    const notFound = source.answer({ kind: 'declined', reason: 'account_not_found', message: 'x' });
    assert.deepEqual(
      [notFound.status, notFound.body],
      [200, '{"status":"02","description":"Account not Found"}'],
    );
    const invalid = source.answer({ kind: 'declined', reason: 'invalid_payment', message: 'x' });
    assert.deepEqual(
      [invalid.status, invalid.body],
      [200, '{"status":"03","description":"Invalid Payment"}'],
    );
    assert.equal(source.answer({ kind: 'failed' }).status, 500);
    const unauthorized = source.answer({
      kind: 'rejected',
      status: 401,
      message: 'missing or wrong Basic credentials',
    });
    assert.deepEqual(
      [unauthorized.status, unauthorized.body],
      [401, '{"error":"missing or wrong Basic credentials"}'],
    );
    const bad = source.answer({ kind: 'rejected', status: 400, message: 'amount: missing' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers['www-authenticate'], undefined, 'only a 401 challenges');
  });

  it('challenges a 401 for Basic credentials, as HTTP requires, only when it checks them', () => {
    const refused = { kind: 'rejected', status: 401, message: 'not authenticated' } as const;
    const withCredentials = createK2LegacySource({ credentials: { username: 'k2', password: 'pw' } });
    assert.equal(
      withCredentials.answer(refused).headers['www-authenticate'],
      'Basic realm="tender", charset="UTF-8"',
    );
    const custom = createK2LegacySource({ authenticate: () => false });
    assert.equal(custom.answer(refused).headers['www-authenticate'], undefined);
  });

  it('can write the status as a number', () => {
    const numeric = createK2LegacySource({ authentication: 'none', statusEncoding: 'number' });
    assert.equal(
      numeric.answer({ kind: 'accepted', duplicate: false }).body,
      '{"status":1,"description":"Accepted"}',
    );
  });
});
