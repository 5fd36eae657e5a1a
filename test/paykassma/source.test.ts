/**
 * The postback WebhookSource through the router: signature and access key checks over every single byte
 * of the signed part, unsigned top-level fields that never change the events, every answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import type { TenderEvent, WebhookAnswer } from '@tender/core';
import {
  createPaykassmaSource,
  parseExactJson,
  paykassmaPostbackSignature,
  phpJson,
} from '@tender/paykassma';
import { createRouter } from '@tender/webhooks';
import {
  ACCESS_KEY,
  DEPOSIT_TOP,
  depositItem,
  PRIVATE_KEY,
  signedPostback,
  WITHDRAWAL_TOP,
  withdrawalItem,
} from './fixtures.ts';

const FIXED_NOW = new Date('2024-03-05T06:02:33Z');

function setup(handler: (event: TenderEvent) => void | Promise<void> = () => {}) {
  const source = createPaykassmaSource({
    postbackAccessKey: ACCESS_KEY,
    postbackPrivateKey: PRIVATE_KEY,
    now: () => FIXED_NOW,
  });
  const router = createRouter({ sources: [{ name: 'paykassma', path: '/pk', source }] });
  const events: TenderEvent[] = [];
  // A failing handler is part of some tests: its report is expected, not printed.
  router.onError(() => {});
  router.onAny(async (event) => {
    await handler(event);
    events.push(event);
  });
  const send = (body: string | Uint8Array): Promise<WebhookAnswer> =>
    router.receive({
      method: 'POST',
      path: '/pk',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      rawBody: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    });
  return { source, router, events, send };
}

describe('Paykassma postbacks: events', () => {
  it('a deposit becomes payment.succeeded with the credited amount, the transaction id and the order id', async () => {
    const { events, send } = setup();
    const answer = await send(signedPostback({ top: DEPOSIT_TOP, items: [depositItem()] }));
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { status: 'ok' });
    assert.deepEqual(events, [
      {
        type: 'payment.succeeded',
        id: 'paykassma:deposit:dep-2024-000731:0100987654321098765:40417',
        provider: 'paykassma',
        providerEvent: 'postback.ingoing',
        occurredAt: new Date('2024-03-04T02:21:44Z'),
        amount: { currency: 'MMK', minor: 2_500_000 },
        channel: 'wallet',
        merchantReference: 'dep-2024-000731',
        providerReference: '0100987654321098765',
        raw: depositItem(),
      },
    ]);
  });

  it('withdrawal_status 1 is payout.succeeded, 5 payout.failed, anything else provider.event', async () => {
    const { events, send } = setup();
    for (const status of [1, 5, 3]) {
      const answer = await send(
        signedPostback({ top: WITHDRAWAL_TOP, items: [withdrawalItem({ withdrawal_status: status })] }),
      );
      assert.equal(answer.status, 200, answer.body);
    }
    assert.deepEqual(
      events.map((event) => [event.type, event.id, event.providerEvent]),
      [
        ['payout.succeeded', 'paykassma:withdrawal:wd-2024-000412:1', 'postback.outgoing.success'],
        ['payout.failed', 'paykassma:withdrawal:wd-2024-000412:5', 'postback.outgoing.fail'],
        ['provider.event', 'paykassma:withdrawal:wd-2024-000412:3', 'postback.outgoing.withdrawal_status_3'],
      ],
    );
    const [succeeded, failed] = events;
    assert.ok(succeeded?.type === 'payout.succeeded' && failed?.type === 'payout.failed');
    assert.deepEqual(succeeded.amount, { currency: 'MMK', minor: 4_500_000 });
    assert.equal(succeeded.merchantReference, 'wd-2024-000412');
    assert.deepEqual(succeeded.legs, [
      {
        type: 'mobile_wallet',
        amount: { currency: 'MMK', minor: 4_500_000 },
        recipient: { account: '09712345678' },
        status: 'SUCCESS',
      },
    ]);
    assert.equal(succeeded.occurredAt.getTime(), FIXED_NOW.getTime());
    assert.match(failed.failureReason ?? '', /withdrawal_status 5/);
  });

  it('reads the older `transactions` shape, and a JSON-number amount from its source text', async () => {
    const { events, send } = setup();
    const item = {
      amount: 10.0,
      currency_code: 'MMK',
      wallet_type: 'kbzpay_manual',
      transaction_id: '01003246080588218368',
      transaction_type: 0,
      from: null,
      created_datetime: '2023-11-21 23:30:24',
      activated_datetime: '2023-11-22 02:30:22',
      custom_id: 'dep-9',
    };
    // JSON.stringify would print 10.0 as 10: write the source text by hand, as PHP does.
    const body = signedPostback({ items: [item], listName: 'transactions' }).replace(
      '"amount":10,',
      '"amount":10.0,',
    );
    const signedWith10 = signedPostback({ items: [item], listName: 'transactions' });
    assert.equal((await send(body)).status, 401, 'the signature was made over 10, not 10.0');
    assert.equal((await send(signedWith10)).status, 200);
    assert.equal(events[0]?.type, 'payment.succeeded');
    assert.equal(events[0]?.merchantReference, 'dep-9');
  });

  it('one event per item, each with its own id, when the list holds several', async () => {
    const { events, send } = setup();
    const items = [
      depositItem(),
      depositItem({
        plugin_custom_order_id: 'dep-2',
        transaction_id: '0100987654321098766',
        stockpiling_id: 2,
      }),
    ];
    const answer = await send(signedPostback({ top: { ...DEPOSIT_TOP, amount: 50000 }, items }));
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual(
      events.map((event) => event.merchantReference),
      ['dep-2024-000731', 'dep-2'],
    );
  });
});

describe('Paykassma postbacks: verification', () => {
  it('refuses every single-byte change of the signature, the access key and the signed list with 401 or 400, running nothing', async () => {
    const { events, send } = setup();
    const body = signedPostback({ top: DEPOSIT_TOP, items: [depositItem()] });
    const bytes = new TextEncoder().encode(body);
    const text = new TextDecoder().decode(bytes);
    const signedStart = text.indexOf('"signature"');
    const accessStart = text.indexOf('"access_key"');
    const signedRanges = [
      [signedStart + '"signature":"'.length, signedStart + '"signature":"'.length + 40],
      [accessStart + '"access_key":"'.length, accessStart + '"access_key":"'.length + ACCESS_KEY.length],
      [text.indexOf('[', text.indexOf('"additional_data"')), bytes.length - 1],
    ] as const;
    let tried = 0;
    for (const [start, end] of signedRanges) {
      for (let index = start; index < end; index += 1) {
        const changed = Uint8Array.from(bytes);
        changed[index] = (changed[index] as number) ^ 0x01;
        const answer = await send(changed);
        assert.ok(answer.status === 401 || answer.status === 400, `byte ${index}: ${answer.status}`);
        tried += 1;
      }
    }
    assert.ok(tried > 400);
    assert.equal(events.length, 0);
    assert.equal((await send(body)).status, 200, 'the untouched body still passes');
  });

  it('answers 401 with a short reason for a missing or wrong signature or access key', async () => {
    const { send } = setup();
    const body = JSON.parse(signedPostback({ top: DEPOSIT_TOP, items: [depositItem()] })) as Record<
      string,
      unknown
    >;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...body, signature: undefined }, /missing signature/],
      [{ ...body, signature: String(body.signature).toUpperCase() }, /signature does not match/],
      [{ ...body, access_key: undefined }, /missing access_key/],
      [{ ...body, access_key: 'someone-else' }, /wrong access_key/],
      [{ ...body, additional_data: undefined }, /signature does not match/],
    ];
    for (const [changed, reason] of cases) {
      const answer = await send(JSON.stringify(changed));
      assert.equal(answer.status, 401);
      assert.match(answer.body, reason);
      assert.doesNotMatch(answer.body, new RegExp(PRIVATE_KEY));
    }
    const other = signedPostback(
      { top: DEPOSIT_TOP, items: [depositItem()] },
      { accessKey: ACCESS_KEY, privateKey: 'another-private-key' },
    );
    assert.equal((await send(other)).status, 401);
    assert.equal((await send('not json')).status, 401);
  });

  it('a change of an unsigned top-level field never changes the events; a contradiction is refused 400', async () => {
    const { events, send } = setup();
    await send(signedPostback({ top: DEPOSIT_TOP, items: [depositItem()] }));
    const reference = events[0];
    const body = signedPostback({ top: DEPOSIT_TOP, items: [depositItem()] });
    const harmless: Record<string, unknown>[] = [
      { created_datetime: '2031-01-01 00:00:00' },
      { label: 'someone-else' },
      { extra: { converted_amount: { USD: 12 } } },
    ];
    for (const change of harmless) {
      const changed = JSON.stringify({ ...JSON.parse(body), ...change });
      const { events: seen, send: sendFresh } = setup();
      const answer = await sendFresh(changed);
      assert.equal(answer.status, 200, JSON.stringify(change));
      assert.deepEqual(seen, [reference], JSON.stringify(change));
    }
    const contradictions: [Record<string, unknown>, string][] = [
      [{ amount: 99999 }, 'amount'],
      [{ amount: '25000.5' }, 'amount'],
      [{ direction: 'outgoing' }, 'direction'],
      [{ currency_code: 'USD' }, 'currency_code'],
      [{ wallet_type: 'wavepay' }, 'wallet_type'],
    ];
    for (const [change, field] of contradictions) {
      const { events: seen, send: sendFresh } = setup();
      const answer = await sendFresh(JSON.stringify({ ...JSON.parse(body), ...change }));
      assert.equal(answer.status, 400, field);
      assert.match(answer.body, new RegExp(field));
      assert.equal(seen.length, 0);
    }
  });

  it('a signed label that disagrees with the top-level one is refused; a signed label names the payer', async () => {
    const { events, send } = setup();
    const withLabel = depositItem({ label: 'user-58213' });
    assert.equal((await send(signedPostback({ top: DEPOSIT_TOP, items: [withLabel] }))).status, 200);
    assert.deepEqual(events[0]?.type === 'payment.succeeded' ? events[0].payer : undefined, {
      id: 'user-58213',
    });
    const liar = signedPostback({ top: { ...DEPOSIT_TOP, label: 'other' }, items: [withLabel] });
    assert.equal((await send(liar)).status, 400);
  });
});

describe('Paykassma postbacks: malformed bodies and answers', () => {
  it('answers 400 naming the field for malformed signed items', async () => {
    const { send } = setup();
    const cases: [Record<string, unknown>, string][] = [
      [depositItem({ amount: 'lots' }), 'additional_data.0.amount'],
      [depositItem({ amount: '25000.555' }), 'additional_data.0.amount'],
      [depositItem({ currency_code: null }), 'additional_data.0.currency_code'],
      [depositItem({ currency_code: 'USD' }), 'additional_data.0.amount'],
      [depositItem({ activated_datetime: 'yesterday' }), 'additional_data.0.activated_datetime'],
      [depositItem({ transaction_id: ['x'] }), 'additional_data.0.transaction_id'],
      [
        depositItem({ plugin_custom_order_id: '', transaction_id: '', stockpiling_id: null }),
        'additional_data.0',
      ],
      [withdrawalItem({ withdrawal_id: '' }), 'additional_data.0.withdrawal_id'],
    ];
    for (const [item, path] of cases) {
      const answer = await send(signedPostback({ items: [item] }));
      assert.equal(answer.status, 400, path);
      assert.match(JSON.parse(answer.body).message, new RegExp(path.replaceAll('.', '\\.')));
    }
    const empty = await send(signedPostback({ items: [] }));
    assert.equal(empty.status, 400);
    assert.match(empty.body, /additional_data/);
  });

  it('answers a repeated postback ok without running handlers again', async () => {
    let runs = 0;
    const { send } = setup(() => {
      runs += 1;
    });
    const body = signedPostback({ top: DEPOSIT_TOP, items: [depositItem()] });
    assert.equal((await send(body)).status, 200);
    const again = await send(body);
    assert.equal(again.status, 200);
    assert.deepEqual(JSON.parse(again.body), { status: 'ok' });
    assert.equal(runs, 1);
  });

  it('answers a failed handler with a non-200, so Paykassma sends again, and runs it again then', async () => {
    let fail = true;
    const { send, events } = setup(() => {
      if (fail) throw new Error('database down');
    });
    const body = signedPostback({ top: DEPOSIT_TOP, items: [depositItem()] });
    const first = await send(body);
    assert.equal(first.status, 500);
    assert.notDeepEqual(JSON.parse(first.body), { status: 'ok' });
    fail = false;
    assert.equal((await send(body)).status, 200);
    assert.equal(events.length, 1);
  });

  it('keeps its keys out of inspect, JSON and errors', () => {
    const { source } = setup();
    for (const shown of [inspect(source, { depth: 5, showHidden: true }), JSON.stringify(source)]) {
      assert.doesNotMatch(shown, new RegExp(`${ACCESS_KEY}|${PRIVATE_KEY}`));
    }
    assert.throws(
      () =>
        createPaykassmaSource({ postbackAccessKey: ACCESS_KEY, postbackPrivateKey: 42 as unknown as string }),
      (error: Error) =>
        /postbackPrivateKey/.test(error.message) &&
        !error.message.includes(ACCESS_KEY) &&
        !JSON.stringify(error).includes(ACCESS_KEY) &&
        !inspect(error).includes(ACCESS_KEY),
    );
  });
});

describe('Paykassma postbacks: the verified item handlers read', () => {
  it('keeps a number no double holds exactly as its source text in raw, never rounded', async () => {
    const { events, send } = setup();
    const list = JSON.stringify([depositItem({ comment: 'x' })]).replace(
      '"comment":"x"',
      '"comment":"x","exchange_rate":1.00000000000000000001',
    );
    const signature = paykassmaPostbackSignature(ACCESS_KEY, PRIVATE_KEY, phpJson(parseExactJson(list)));
    const body = JSON.stringify({
      signature,
      ...DEPOSIT_TOP,
      access_key: ACCESS_KEY,
      additional_data: '__L__',
    });
    assert.equal((await send(body.replace('"__L__"', list))).status, 200);
    const raw = events[0]?.raw as Record<string, unknown>;
    assert.equal(raw.exchange_rate, '1.00000000000000000001');
    assert.equal(raw.stockpiling_id, 40417);
  });
});
