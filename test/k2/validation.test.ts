/**
 * Input validation of the K2 client, per the reference's rules: Kenyan phone numbers normalised to the
 * form each endpoint expects, KES only, positive exact amounts, at most five metadata pairs, absolute
 * http(s) callback URLs, till numbers, scopes, Daraja, time windows. Every failure is a ValidationError
 * naming the field, and no request (not even for a token) is sent.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { type Money, money, parseMoney, ValidationError } from '@tender/core';
import nock from 'nock';
import { type K2Client, normalizeKenyanPhone } from '../../packages/k2/src/index.ts';
import { BASE, created, jsonOf, recorder, testClient, tokenEndpoint } from './client-harness.ts';

let client: K2Client;

before(() => nock.disableNetConnect());
beforeEach(() => {
  client = testClient();
});
afterEach(() => nock.cleanAll());

const kes = (text: string): Money => parseMoney(text, 'KES');
const callbackUrl = 'https://shop.example/k2/results';

/**
 * Runs `call` with every K2 endpoint (and the token endpoint) trapped, expects a ValidationError whose
 * issue paths are exactly `paths`, and checks that no trap was touched: nothing was sent.
 */
async function assertRefusedUnsent(call: () => Promise<unknown>, paths: string[]): Promise<ValidationError> {
  const trap = nock(BASE)
    .post(/.*/)
    .reply(201, '', { location: `${BASE}/x/1` })
    .get(/.*/)
    .reply(200, {});
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${String(caught)}`);
  assert.deepEqual(
    caught.issues.map((issue) => issue.path),
    paths,
  );
  assert.equal(caught.provider, 'k2');
  assert.equal(trap.pendingMocks().length, 2, 'no request was sent');
  return caught;
}

describe('normalizeKenyanPhone', () => {
  it('accepts 07…, 01…, 2547…, 2541… and +254… with spaces or hyphens', () => {
    const forms: [string, string][] = [
      ['0712345678', '712345678'],
      ['0112345678', '112345678'],
      ['254712345678', '712345678'],
      ['254112345678', '112345678'],
      ['+254712345678', '712345678'],
      ['0712 345 678', '712345678'],
      ['+254-712-345-678', '712345678'],
    ];
    for (const [input, national] of forms) {
      assert.equal(normalizeKenyanPhone(input, 'international'), `+254${national}`, input);
      assert.equal(normalizeKenyanPhone(input, 'plain'), `254${national}`, input);
    }
  });

  it('refuses what is not a Kenyan mobile number', () => {
    for (const input of [
      '',
      '712345678',
      '0812345678',
      '+255712345678',
      '07123456789',
      '071234567',
      '254 7123 4567a',
      '+2540712345678',
    ]) {
      assert.equal(normalizeKenyanPhone(input, 'plain'), undefined, input);
    }
  });
});

describe('phone numbers on the wire', () => {
  it('sends +254… for STK push and 254… for send-money wallets, from the same input', async () => {
    tokenEndpoint();
    const stk = recorder(created('/api/v2/incoming_payments', 'ip'));
    nock(BASE).post('/api/v2/incoming_payments').reply(stk.reply);
    const payout = recorder(created('/api/v2/send_money', 'sm'));
    nock(BASE).post('/api/v2/send_money').reply(payout.reply);

    await client.incomingPayments.create({
      tillNumber: 'K776655',
      subscriber: { phoneNumber: '0712345678' },
      amount: kes('10'),
      callbackUrl,
    });
    await client.sendMoney.create({
      destinations: [
        {
          type: 'mobile_wallet',
          phoneNumber: '0712345678',
          network: 'Safaricom',
          amount: kes('10'),
          description: 'x',
        },
      ],
      callbackUrl,
    });

    assert.equal(
      jsonOf<{ subscriber: { phone_number: string } }>(stk.seen[0]).subscriber.phone_number,
      '+254712345678',
    );
    assert.equal(
      jsonOf<{ destinations: { phone_number: string }[] }>(payout.seen[0]).destinations[0]?.phone_number,
      '254712345678',
    );
  });

  it('refuses a bad STK phone, naming the field and listing the accepted forms', async () => {
    const error = await assertRefusedUnsent(
      () =>
        client.incomingPayments.create({
          tillNumber: 'K776655',
          subscriber: { phoneNumber: '0812345678' },
          amount: kes('10'),
          callbackUrl,
        }),
      ['subscriber.phoneNumber'],
    );
    assert.match(error.message, /subscriber\.phoneNumber: must be a Kenyan mobile number: 07XXXXXXXX/);
  });

  it('refuses bad wallet phones in send money, external recipients and merchant wallets', async () => {
    await assertRefusedUnsent(
      () =>
        client.sendMoney.create({
          destinations: [
            { type: 'till', tillNumber: '889900', amount: kes('5'), description: 'ok' },
            {
              type: 'mobile_wallet',
              phoneNumber: '12345',
              network: 'Safaricom',
              amount: kes('5'),
              description: 'x',
            },
          ],
          callbackUrl,
        }),
      ['destinations.1.phoneNumber'],
    );
    await assertRefusedUnsent(
      () =>
        client.externalRecipients.create({
          type: 'mobile_wallet',
          firstName: 'A',
          lastName: 'B',
          phoneNumber: '+255722000222',
          network: 'Safaricom',
        }),
      ['phoneNumber'],
    );
    await assertRefusedUnsent(
      () =>
        client.transferAccounts.createWallet({
          firstName: 'A',
          lastName: 'B',
          phoneNumber: '',
          network: 'Safaricom',
        }),
      ['phoneNumber'],
    );
  });
});

describe('amounts and currency', () => {
  it('refuses another currency, a zero amount and a missing amount', async () => {
    const stk = (amount: Money | undefined) =>
      client.incomingPayments.create({
        tillNumber: 'K776655',
        subscriber: { phoneNumber: '0712345678' },
        amount: amount as Money,
        callbackUrl,
      });
    const usd = await assertRefusedUnsent(() => stk(money(1000, 'USD')), ['amount']);
    assert.match(usd.message, /amount: must be in KES/);
    const zero = await assertRefusedUnsent(() => stk(money(0, 'KES')), ['amount']);
    assert.match(zero.message, /amount: must be more than zero/);
    const missing = await assertRefusedUnsent(() => stk(undefined), ['amount']);
    assert.match(missing.message, /amount: is missing/);
  });

  it('types amounts as Money, so a float does not compile, and says how to make one at run time', async () => {
    const stk = (amount: Money) =>
      client.incomingPayments.create({
        tillNumber: 'K776655',
        subscriber: { phoneNumber: '0712345678' },
        amount,
        callbackUrl,
      });
    // @ts-expect-error a float is not a Money: amounts never travel as binary floating point
    const float = await assertRefusedUnsent(() => stk(250.5), ['amount']);
    assert.match(
      float.message,
      /amount: must be a Money amount, not a number: use parseMoney\('250\.5', 'KES'\)/,
    );
    // @ts-expect-error decimal text is not a Money either
    const text = await assertRefusedUnsent(() => stk('1500'), ['amount']);
    assert.match(text.message, /use parseMoney\('1500', 'KES'\)/);
    const payout = await assertRefusedUnsent(
      () =>
        client.sendMoney.create({
          // @ts-expect-error the same for every amount of the raw client
          destinations: [{ type: 'merchant_wallet', reference: 'w-1', amount: 99.99 }],
          callbackUrl,
        }),
      ['destinations.0.amount'],
    );
    assert.match(payout.message, /use parseMoney\('99\.99', 'KES'\)/);
  });

  it('checks every send-money destination amount and the payment link amount', async () => {
    await assertRefusedUnsent(
      () =>
        client.sendMoney.create({
          destinations: [
            { type: 'merchant_wallet', reference: 'w-1', amount: kes('5') },
            { type: 'merchant_bank_account', reference: 'b-1', amount: money(500, 'UGX') },
          ],
          callbackUrl,
        }),
      ['destinations.1.amount'],
    );
    await assertRefusedUnsent(
      () => client.paymentLinks.create({ tillNumber: '556677', amount: money(100, 'USD'), callbackUrl }),
      ['amount'],
    );
  });
});

describe('amounts K2 would read differently', () => {
  const stk = (amount: Money) =>
    client.incomingPayments.create({
      tillNumber: 'K776655',
      subscriber: { phoneNumber: '0711000111' },
      amount,
      callbackUrl,
    });

  it('sends the largest amount below which every amount is exact as exactly that decimal', async () => {
    tokenEndpoint();
    const seen = recorder(created('/api/v2/incoming_payments', 'ip'));
    nock(BASE).post('/api/v2/incoming_payments').reply(seen.reply);
    await stk(kes('70368744177664.00'));
    assert.match(seen.seen[0]?.text ?? '', /"value":70368744177664[,}]/);
  });

  it('refuses the first inexact amount and KES 90071992547409.91, naming the field, sending nothing', async () => {
    for (const text of ['70368744177664.01', '90071992547409.91']) {
      const error = await assertRefusedUnsent(() => stk(kes(text)), ['amount']);
      assert.ok(error.message.includes(`amount: KES ${text} is too large to be sent exactly`), error.message);
    }
    await assertRefusedUnsent(
      () =>
        client.sendMoney.create({
          destinations: [
            { type: 'merchant_wallet', reference: 'w-1', amount: kes('5') },
            { type: 'merchant_wallet', reference: 'w-2', amount: kes('90071992547409.91') },
          ],
          callbackUrl,
        }),
      ['destinations.1.amount'],
    );
    await assertRefusedUnsent(
      () =>
        client.paymentLinks.create({ tillNumber: '556677', amount: kes('70368744177664.01'), callbackUrl }),
      ['amount'],
    );
  });
});

describe('metadata', () => {
  it('takes five pairs and refuses six', async () => {
    tokenEndpoint();
    const { seen, reply } = recorder(created('/api/v2/reversals', 'rv'));
    nock(BASE).post('/api/v2/reversals').reply(reply);
    const five = { a: 1, b: 'two', c: true, d: null, e: 5.5 };

    await client.reversals.create({
      transactionReference: 'TQB7XK2M9P',
      reason: 'x',
      metadata: five,
      callbackUrl,
    });
    assert.deepEqual(jsonOf<{ metadata: unknown }>(seen[0]).metadata, five);

    const error = await assertRefusedUnsent(
      () =>
        client.reversals.create({
          transactionReference: 'TQB7XK2M9P',
          reason: 'x',
          metadata: { ...five, f: 6 },
          callbackUrl,
        }),
      ['metadata'],
    );
    assert.match(error.message, /metadata: must have at most 5 key\/value pairs/);
  });

  it('refuses nested values and blank keys', async () => {
    await assertRefusedUnsent(
      () =>
        client.sendMoney.create({
          metadata: { nested: { deep: 1 } } as unknown as Record<string, string>,
          callbackUrl,
        }),
      ['metadata.nested'],
    );
    await assertRefusedUnsent(
      () => client.sendMoney.create({ metadata: { ' ': 'x' }, callbackUrl }),
      ['metadata'],
    );
  });
});

describe('callback and webhook URLs', () => {
  it('must be absolute http(s) URLs', async () => {
    for (const url of ['/k2/results', 'not a url', 'ftp://shop.example/results', 'mailto:ops@shop.example']) {
      await assertRefusedUnsent(
        () => client.reversals.create({ transactionReference: 'TQB7XK2M9P', reason: 'x', callbackUrl: url }),
        ['callbackUrl'],
      );
      await assertRefusedUnsent(
        () => client.webhooks.subscribe({ eventType: 'customer_created', url, scope: 'company' }),
        ['url'],
      );
    }
  });

  it('is required where K2 requires it', async () => {
    const error = await assertRefusedUnsent(
      () =>
        client.polling.create({ scope: 'company', fromTime: new Date(0), toTime: new Date(1000) } as never),
      ['callbackUrl'],
    );
    assert.match(error.message, /callbackUrl: is missing/);
  });
});

describe('till numbers', () => {
  it('STK push needs the K-prefixed Online Payments Account till', async () => {
    const error = await assertRefusedUnsent(
      () =>
        client.incomingPayments.create({
          tillNumber: '776655',
          subscriber: { phoneNumber: '0712345678' },
          amount: kes('10'),
          callbackUrl,
        }),
      ['tillNumber'],
    );
    assert.match(error.message, /starting with K/);
  });

  it('send-money tills are digits; payment links take either kind', async () => {
    await assertRefusedUnsent(
      () =>
        client.sendMoney.create({
          destinations: [{ type: 'till', tillNumber: 'K889900', amount: kes('5'), description: 'x' }],
          callbackUrl,
        }),
      ['destinations.0.tillNumber'],
    );
    await assertRefusedUnsent(
      () => client.paymentLinks.create({ tillNumber: 'till-556677', amount: kes('5'), callbackUrl }),
      ['tillNumber'],
    );
  });
});

describe('webhook subscription rules', () => {
  const url = 'https://shop.example/k2/webhooks';

  it('till scope requires the scope reference; company scope refuses one', async () => {
    const missing = await assertRefusedUnsent(
      () => client.webhooks.subscribe({ eventType: 'buygoods_transaction_received', url, scope: 'till' }),
      ['scopeReference'],
    );
    assert.match(missing.message, /scopeReference: is required for till scope/);
    await assertRefusedUnsent(
      () =>
        client.webhooks.subscribe({
          eventType: 'customer_created',
          url,
          scope: 'company',
          scopeReference: '776655',
        }),
      ['scopeReference'],
    );
    await assertRefusedUnsent(
      () => client.webhooks.subscribe({ eventType: 'customer_created', url, scope: 'branch' }),
      ['scope'],
    );
  });

  it('enable_daraja_payload only for buygoods and b2b received', async () => {
    for (const eventType of [
      'buygoods_transaction_reversed',
      'customer_created',
      'settlement_transfer_completed',
    ] as const) {
      const error = await assertRefusedUnsent(
        () => client.webhooks.subscribe({ eventType, url, scope: 'company', enableDarajaPayload: true }),
        ['enableDarajaPayload'],
      );
      assert.match(error.message, /buygoods_transaction_received and b2b_transaction_received/);
    }
  });

  it('refuses an unknown event type', async () => {
    await assertRefusedUnsent(
      () => client.webhooks.subscribe({ eventType: 'payment_received' as never, url, scope: 'company' }),
      ['eventType'],
    );
  });
});

describe('required fields and several issues at once', () => {
  it('names every bad field of a send-money request in one error', async () => {
    const error = await assertRefusedUnsent(
      () =>
        client.sendMoney.create({
          destinations: [
            {
              type: 'mobile_wallet',
              phoneNumber: '0712345678',
              network: ' ',
              amount: kes('5'),
              description: '',
            },
            { type: 'merchant_wallet', reference: '', amount: kes('5') },
            { type: 'cheque' } as never,
          ],
          metadata: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 },
          callbackUrl: 'nowhere',
        }),
      [
        'destinations.0.network',
        'destinations.0.description',
        'destinations.1.reference',
        'destinations.2.type',
        'metadata',
        'callbackUrl',
      ],
    );
    assert.match(error.message, /^Invalid K2 sendMoney\.create request: /);
  });

  it('checks the fields of each external recipient type, bank accounts and reversals', async () => {
    await assertRefusedUnsent(
      () =>
        client.externalRecipients.create({
          type: 'bank_account',
          accountName: 'A',
          accountNumber: '1',
        } as never),
      ['bankBranchRef'],
    );
    await assertRefusedUnsent(
      () =>
        client.externalRecipients.create({
          type: 'paybill',
          paybillName: 'P',
          paybillNumber: '400200',
        } as never),
      ['paybillAccountNumber'],
    );
    await assertRefusedUnsent(
      () =>
        client.externalRecipients.create({
          type: 'bank_account',
          accountName: 'A',
          accountNumber: '1',
          bankBranchRef: 'b',
          settlementMethod: 'SWIFT' as 'EFT',
        }),
      ['settlementMethod'],
    );
    await assertRefusedUnsent(
      () =>
        client.transferAccounts.createBankAccount({
          accountName: 'A',
          accountNumber: '1',
          bankBranchRef: 'b',
        } as never),
      ['settlementMethod'],
    );
    await assertRefusedUnsent(
      () => client.reversals.create({ transactionReference: ' ', callbackUrl } as never),
      ['transactionReference', 'reason'],
    );
  });
});

describe('polling windows', () => {
  it('refuses a window that does not move forward, a time without an offset, and a till without reference', async () => {
    const from = new Date('2026-01-05T00:00:00Z');
    await assertRefusedUnsent(
      () => client.polling.create({ scope: 'company', fromTime: from, toTime: from, callbackUrl }),
      ['fromTime'],
    );
    await assertRefusedUnsent(
      () =>
        client.polling.create({
          scope: 'company',
          fromTime: from,
          toTime: '2026-01-05 23:59:59',
          callbackUrl,
        }),
      ['toTime'],
    );
    await assertRefusedUnsent(
      () =>
        client.polling.create({ scope: 'company', fromTime: new Date('nope'), toTime: from, callbackUrl }),
      ['fromTime'],
    );
    await assertRefusedUnsent(
      () =>
        client.polling.create({
          scope: 'till',
          fromTime: from,
          toTime: new Date('2026-01-06T00:00:00Z'),
          callbackUrl,
        }),
      ['scopeReference'],
    );
  });
});

describe('polling times on the calendar', () => {
  const poll = (fromTime: string, toTime = '2029-12-31T00:00:00+03:00') =>
    client.polling.create({ scope: 'company', fromTime, toTime, callbackUrl });

  it('sends 29 February of a leap year as written', async () => {
    tokenEndpoint();
    const seen = recorder(created('/api/v2/polling', 'p'));
    nock(BASE).post('/api/v2/polling').reply(seen.reply);
    await poll('2028-02-29T00:00:00+03:00', '2028-02-29T23:59:59+03:00');
    const body = jsonOf<{ from_time: string; to_time: string }>(seen.seen[0]);
    assert.equal(body.from_time, '2028-02-29T00:00:00+03:00');
    assert.equal(body.to_time, '2028-02-29T23:59:59+03:00');
  });

  it('refuses impossible dates and times, naming the field and why, sending nothing', async () => {
    const cases: [string, RegExp][] = [
      ['2027-02-29T00:00:00+03:00', /fromTime: is not a real date: February 2027 has 28 days, not 29/],
      ['2026-02-30T00:00:00+03:00', /February 2026 has 28 days, not 30/],
      ['2100-02-29T00:00:00Z', /February 2100 has 28 days/],
      ['2026-04-31T00:00:00+03:00', /April 2026 has 30 days, not 31/],
      ['2026-01-00T00:00:00+03:00', /January 2026 has 31 days, not 0/],
      ['2026-13-01T00:00:00+03:00', /there is no month 13/],
      ['2026-00-10T00:00:00+03:00', /there is no month 0/],
      [
        '2026-01-05T24:00:00+03:00',
        /hours run from 00 to 23, not 24 \(write 24:00 as 00:00 of the next day\)/,
      ],
      ['2026-01-05T12:60:00+03:00', /minutes run from 00 to 59, not 60/],
      ['2026-01-05T12:00:60+03:00', /seconds run from 00 to 59, not 60/],
      ['2026-01-05T12:00:00+03:60', /impossible offset/],
    ];
    for (const [time, message] of cases) {
      const error = await assertRefusedUnsent(() => poll(time), ['fromTime']);
      assert.match(error.message, message, time);
    }
    const to = await assertRefusedUnsent(
      () => poll('2026-02-01T00:00:00+03:00', '2026-02-30T00:00:00+03:00'),
      ['toTime'],
    );
    assert.match(to.message, /toTime: is not a real date/);
  });

  it('accepts 2000-02-29 (divisible by 400) and the last day of every month', async () => {
    tokenEndpoint();
    nock(BASE)
      .post('/api/v2/polling')
      .times(13)
      .reply(201, '', { location: `${BASE}/api/v2/polling/p` });
    await poll('2000-02-29T12:00:00Z');
    const last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    for (const [index, day] of last.entries()) {
      const month = String(index + 1).padStart(2, '0');
      await poll(`2027-${month}-${day}T23:59:59.999+03:00`, '2028-01-01T00:00:00+03:00');
    }
  });
});

describe('Location URLs', () => {
  it('status and cancel refuse a URL on another host before the token could travel there', async () => {
    const foreign = 'https://evil.example/api/v2/payment_links/0f1e';
    const status = await assertRefusedUnsent(() => client.status(foreign), ['location']);
    assert.match(status.message, /must be on https:\/\/sandbox\.kopokopo\.com/);
    await assertRefusedUnsent(() => client.paymentLinks.cancel(foreign), ['location']);
    await assertRefusedUnsent(() => client.paymentLinks.cancel(`${BASE}/`), ['location']);
    await assertRefusedUnsent(() => client.status('not a url'), ['location']);
  });
});
