/**
 * The Paykassma client's exact requests (method, URL, query, headers, body, every multipart part), every
 * answer shape and error, validation that sends nothing, and planted secrets that never leak.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { OutcomeUnknownError, ProviderError, parseMoney, ValidationError } from '@tender/core';
import {
  createPaykassmaClient,
  PAYKASSMA_DEFAULT_USER_AGENT,
  PAYKASSMA_ERROR_CODES,
  type PaykassmaConfig,
  signWithdrawal,
} from '@tender/paykassma';

const SECRET = 'pluginapi-PLANTED-5b2f';
const ACCESS = 'access-PLANTED-71c0';
const PRIVATE = 'private-PLANTED-0e9d';
const WITHDRAWAL_KEY = 'withdrawal-PLANTED-c4a8';
const PLANTED = [SECRET, ACCESS, PRIVATE, WITHDRAWAL_KEY];
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);

/** A fetch that records each request and answers from a queue. */
function recorder(...answers: (() => Response)[]) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    requests.push(new Request(input, init));
    const next = answers.shift();
    if (next === undefined) throw new Error('unexpected request');
    return next();
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function client(fetch: typeof globalThis.fetch, overrides: Partial<PaykassmaConfig> = {}) {
  return createPaykassmaClient({
    domain: 'merchant.example',
    pluginapiSecret: SECRET,
    postbackAccessKey: ACCESS,
    postbackPrivateKey: PRIVATE,
    paymentUrlIds: { success: 2, pending: 3, fail: 1 },
    fetch,
    ...overrides,
  });
}

function assertNoSecret(text: string) {
  for (const secret of PLANTED) assert.ok(!text.includes(secret), `leaked ${secret} in ${text}`);
}

function assertSafeError(error: unknown) {
  assert.ok(error instanceof Error);
  assertNoSecret(`${error.message} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`);
}

const amount = parseMoney('25000', 'MMK');

describe('payment window URL (§4)', () => {
  it('carries every parameter, URL-encoded, and the configured payment_url ids; no hashed URLs', () => {
    const url = new URL(
      client(recorder().fetch).paymentWindowUrl({
        label: 'user 58213&x',
        customTransactionId: 'dep-731',
        amount,
        lang: 'my',
      }),
    );
    assert.equal(url.origin, 'https://plugin.merchant.example');
    assert.equal(url.pathname, '/');
    assert.deepEqual(
      [...url.searchParams],
      [
        ['label', 'user 58213&x'],
        ['currency_code', 'MMK'],
        ['lang', 'my'],
        ['wallet_type', 'kbzpay_manual'],
        ['custom_transaction_id', 'dep-731'],
        ['fixed_amount', '25000'],
        ['payment_url_success_id', '2'],
        ['payment_url_pending_id', '3'],
        ['payment_url_fail_id', '1'],
      ],
    );
  });

  it('refuses a fraction of a kyat and another currency', () => {
    const pk = client(recorder().fetch);
    const base = { label: 'u', customTransactionId: 'd' };
    assert.throws(
      () => pk.paymentWindowUrl({ ...base, amount: parseMoney('1.5', 'MMK') }),
      /amount: .*whole number of kyat/,
    );
    assert.throws(
      () => pk.paymentWindowUrl({ ...base, amount: parseMoney('1', 'KES') }),
      /amount: must be in MMK/,
    );
  });
});

describe('create deposit (§5.1)', () => {
  it('POSTs {currency, label} as JSON with the secret in the query, and types the wallet details', async () => {
    const { fetch, requests } = recorder(json({ status: 'ok', params: { 'kbzpay number': '09798765432' } }));
    const deposit = await client(fetch).createDeposit({ label: 'user-58213' });
    assert.equal(deposit.kbzpayNumber, '09798765432');
    assert.deepEqual(deposit.params, { 'kbzpay number': '09798765432' });
    const [request] = requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(
      request.url,
      `https://api.merchant.example/api/v1/transaction/create/kbzpay_manual?secret=${SECRET}`,
    );
    assert.equal(request.headers.get('content-type'), 'application/json');
    assert.equal(request.headers.get('accept'), 'application/json');
    assert.equal(request.headers.get('user-agent'), PAYKASSMA_DEFAULT_USER_AGENT);
    assert.equal(await request.text(), '{"currency":"MMK","label":"user-58213"}');
  });

  it('keeps other wallet keys as text; a fail answer is a ProviderError with Paykassma message', async () => {
    const { fetch } = recorder(
      json({ status: 'ok', params: { 'Wallet number': 12, is_check_amount: true, note: null } }),
      json({ status: 'fail', message: 'Label is blocked' }),
      json({ status: 'fail', message: 'Not found' }, 404),
    );
    const pk = client(fetch);
    assert.deepEqual((await pk.createDeposit({ label: 'u' })).params, {
      'Wallet number': '12',
      is_check_amount: 'true',
      note: '',
    });
    await assert.rejects(pk.createDeposit({ label: 'u' }), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.providerCode, PAYKASSMA_ERROR_CODES.fail);
      assert.equal(error.providerMessage, 'Label is blocked');
      assert.equal(error.status, 200);
      assertSafeError(error);
      return true;
    });
    await assert.rejects(pk.createDeposit({ label: 'u' }), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.status, 404);
      assert.equal(error.providerMessage, 'Not found');
      assertSafeError(error);
      return true;
    });
  });

  it('an answer of another shape is a ProviderError saying so', async () => {
    const { fetch } = recorder(json({ status: 'ok' }));
    await assert.rejects(client(fetch).createDeposit({ label: 'u' }), /does not recognise/);
  });
});

describe('activation (§5.2)', () => {
  const input = {
    label: 'user-58213',
    customTransactionId: 'dep-731',
    transactionId: '01003246080588218368',
    amount,
    screenshot: { data: PNG, name: 'receipt.png', type: 'image/png' },
  };

  it('POSTs multipart with each part exact, the screenshot as a file part', async () => {
    const { fetch, requests } = recorder(
      json({
        status: 'success',
        message: '',
        code: 20000,
        data: [],
        paginate: { offset: 0, total: 1, limit: 1 },
      }),
    );
    await client(fetch).activate(input);
    const [request] = requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.url, `https://api.merchant.example/api/v1/possible-transaction?secret=${SECRET}`);
    assert.match(request.headers.get('content-type') ?? '', /^multipart\/form-data; boundary=/);
    const form = await request.formData();
    assert.deepEqual(
      [...form.keys()],
      ['currency_code', 'wallet_type', 'label', 'key1', 'screenshot', 'amount', 'custom_transaction_id'],
    );
    assert.equal(form.get('currency_code'), 'MMK');
    assert.equal(form.get('wallet_type'), 'kbzpay_manual');
    assert.equal(form.get('label'), 'user-58213');
    assert.equal(form.get('key1'), '01003246080588218368');
    assert.equal(form.get('amount'), '25000');
    assert.equal(form.get('custom_transaction_id'), 'dep-731');
    const file = form.get('screenshot');
    assert.ok(file instanceof File);
    assert.equal(file.name, 'receipt.png');
    assert.equal(file.type, 'image/png');
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PNG);
  });

  it('uses the configured activation scheme on the domain host', async () => {
    const { fetch, requests } = recorder(json({ status: 'success', code: 20000 }));
    await client(fetch, { activationScheme: 'http' }).activate(input);
    assert.match(requests[0]?.url ?? '', /^http:\/\/api\.merchant\.example\/api\/v1\/possible-transaction\?/);
  });

  it('checks every field before sending: id digits, whole kyat, screenshot size and type', async () => {
    const { fetch, requests } = recorder();
    const pk = client(fetch, { screenshot: { maxBytes: 8, types: ['image/png'] } });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ transactionId: '12345678901234' }, /transactionId: must be the 15 to 25 digits/],
      [{ transactionId: '12345678901234567890123456' }, /transactionId/],
      [{ transactionId: '1234567890123a5' }, /transactionId/],
      [{ amount: parseMoney('25000.5', 'MMK') }, /amount: .*whole number of kyat/],
      [
        { screenshot: { data: PNG, name: 'r.gif', type: 'image/gif' } },
        /screenshot\.data: is 12 bytes.*screenshot\.type: must be one of image\/png/,
      ],
      [
        { screenshot: { data: new Uint8Array(), name: 'r.png', type: 'image/png' } },
        /screenshot\.data: is empty/,
      ],
      [{ label: '' }, /label: must not be blank/],
    ];
    for (const [change, message] of cases) {
      await assert.rejects(pk.activate({ ...input, ...change } as typeof input), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.equal(requests.length, 0);
  });

  it('a field-list fail answer keeps every message; an unreadable success is OutcomeUnknownError', async () => {
    const { fetch } = recorder(
      json(
        {
          status: 'fail',
          message: { key1: ['The key1 has already been taken.'], amount: ['Too small', 'Really'] },
        },
        422,
      ),
      json({ status: 'weird' }),
    );
    const pk = client(fetch);
    await assert.rejects(pk.activate(input), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.status, 422);
      assert.equal(
        error.providerMessage,
        'key1: The key1 has already been taken.; amount: Too small, Really',
      );
      return true;
    });
    await assert.rejects(pk.activate(input), OutcomeUnknownError);
  });
});

describe('withdrawal (§9)', () => {
  const input = {
    withdrawalId: 'wd-2024-000412',
    label: 'user-58213',
    accountNumber: '09712345678',
    amount: parseMoney('45000', 'MMK'),
    isTest: true,
  };

  it('POSTs the signed JSON body, without the secret, signed with the withdrawal key', async () => {
    const { fetch, requests } = recorder(json({ status: 'ok' }));
    const result = await client(fetch, { withdrawalPrivateKey: WITHDRAWAL_KEY }).createWithdrawal(input);
    assert.equal(result.withdrawalId, 'wd-2024-000412');
    const [request] = requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.url, 'https://api.merchant.example/v2/withdrawal/create');
    assert.equal(request.headers.get('content-type'), 'application/json');
    const body = JSON.parse(await request.text()) as Record<string, string | number | boolean>;
    const unsigned = {
      withdrawal_id: 'wd-2024-000412',
      payment_system: 'kbzpay_manual',
      amount: 45000,
      currency_code: 'MMK',
      label: 'user-58213',
      account_number: '09712345678',
      is_test: true,
    };
    assert.deepEqual(body, { ...unsigned, signature: signWithdrawal(unsigned, WITHDRAWAL_KEY) });
  });

  it('signs with the postback private key by default, includes comment, generates an id when none is given', async () => {
    const { fetch, requests } = recorder(json({ status: 'ok' }));
    const { withdrawalId: _given, ...rest } = input;
    const result = await client(fetch).createWithdrawal({ ...rest, isTest: false, comment: 'order 7781' });
    assert.match(result.withdrawalId, /^[0-9a-f-]{36}$/);
    const body = JSON.parse(await (requests[0] as Request).text()) as Record<
      string,
      string | number | boolean
    >;
    assert.equal(body.withdrawal_id, result.withdrawalId);
    assert.equal(body.comment, 'order 7781');
    assert.equal(body.is_test, false);
    const { signature, ...signed } = body;
    assert.equal(signature, signWithdrawal(signed, PRIVATE));
  });

  it('refuses a bad account number, a fractional amount and another currency without sending', async () => {
    const { fetch, requests } = recorder();
    const pk = client(fetch);
    for (const [change, path] of [
      [{ accountNumber: '0971234567' }, 'accountNumber'],
      [{ accountNumber: '097123456789' }, 'accountNumber'],
      [{ accountNumber: '0971234567a' }, 'accountNumber'],
      [{ amount: parseMoney('45000.01', 'MMK') }, 'amount'],
      [{ amount: parseMoney('45000', 'USD') }, 'amount'],
      [{ label: 'x'.repeat(37) }, 'label'],
    ] as const) {
      await assert.rejects(pk.createWithdrawal({ ...input, ...change }), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(
          error.issues.map((issue) => issue.path),
          [path],
        );
        return true;
      });
    }
    assert.equal(requests.length, 0);
  });

  it('tells "Insufficient balance" and "Withdrawal signature is invalid" apart, with 200 or an error status', async () => {
    const { fetch } = recorder(
      json({ status: 'fail', message: { withdrawals_sum_amount: ['Insufficient balance'] } }),
      json({ status: 'fail', message: 'Withdrawal signature is invalid' }),
      json({ status: 'fail', message: { withdrawals_sum_amount: ['Insufficient balance'] } }, 422),
      json({ status: 'fail', message: 'Withdrawal signature is invalid' }, 400),
    );
    const pk = client(fetch);
    const expectations = [
      [PAYKASSMA_ERROR_CODES.insufficientBalance, 'withdrawals_sum_amount: Insufficient balance', 200],
      [PAYKASSMA_ERROR_CODES.withdrawalSignatureInvalid, 'Withdrawal signature is invalid', 200],
      [PAYKASSMA_ERROR_CODES.insufficientBalance, 'withdrawals_sum_amount: Insufficient balance', 422],
      [PAYKASSMA_ERROR_CODES.withdrawalSignatureInvalid, 'Withdrawal signature is invalid', 400],
    ] as const;
    for (const [code, message, status] of expectations) {
      await assert.rejects(pk.createWithdrawal(input), (error: unknown) => {
        assert.ok(error instanceof ProviderError, String(error));
        assert.equal(error.providerCode, code);
        assert.equal(error.providerMessage, message);
        assert.equal(error.status, status);
        assert.equal(error.retryable, false);
        assertSafeError(error);
        return true;
      });
    }
  });

  it('a POST that gets no answer is OutcomeUnknownError and is sent once only', async () => {
    let received = 0;
    const server = createServer((request) => {
      received += 1;
      request.resume();
      request.on('end', () => request.socket.destroy());
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const pk = createPaykassmaClient({
        apiUrl,
        pluginUrl: apiUrl,
        pluginapiSecret: SECRET,
        postbackPrivateKey: PRIVATE,
      });
      await assert.rejects(pk.createWithdrawal(input), (error: unknown) => {
        assert.ok(error instanceof OutcomeUnknownError, String(error));
        assert.match(error.message, /\(withdrawal_id wd-2024-000412\)$/);
        assertSafeError(error);
        return true;
      });
      const { withdrawalId: _given, ...generated } = input;
      await assert.rejects(pk.createWithdrawal(generated), (error: unknown) => {
        assert.ok(error instanceof OutcomeUnknownError, String(error));
        assert.match(error.message, /\(withdrawal_id [0-9a-f-]{36}\)$/, 'the generated id, to look it up');
        return true;
      });
      assert.equal(received, 2);
    } finally {
      server.close();
    }
  });
});

describe('configuration', () => {
  it('fails at construction naming each bad field, never quoting a secret', () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ pluginapiSecret: SECRET, postbackPrivateKey: PRIVATE }, ['domain']],
      [
        { apiUrl: 'https://api.example', pluginapiSecret: SECRET, postbackPrivateKey: PRIVATE },
        ['pluginUrl'],
      ],
      [
        { domain: 'https://merchant.example', pluginapiSecret: SECRET, postbackPrivateKey: PRIVATE },
        ['domain'],
      ],
      [{ domain: 'merchant.example', postbackPrivateKey: PRIVATE }, ['pluginapiSecret']],
      [{ domain: 'merchant.example', pluginapiSecret: SECRET }, ['withdrawalPrivateKey']],
      [{ domain: 'merchant.example', pluginapiSecret: 12, postbackPrivateKey: PRIVATE }, ['pluginapiSecret']],
      [
        { domain: 'merchant.example', pluginapiSecret: SECRET, postbackPrivateKey: PRIVATE, timeoutMs: 0 },
        ['timeoutMs'],
      ],
      [
        {
          apiUrl: 'http://10.0.0.5:4011',
          pluginUrl: 'http://10.0.0.5:4011/plugin',
          pluginapiSecret: SECRET,
          postbackPrivateKey: PRIVATE,
        },
        ['apiUrl'],
      ],
      [
        {
          domain: 'merchant.example',
          pluginapiSecret: SECRET,
          postbackPrivateKey: PRIVATE,
          paymentUrlIds: { success: -1 },
        },
        ['paymentUrlIds.success'],
      ],
    ];
    for (const [config, paths] of cases) {
      assert.throws(
        () => createPaykassmaClient(config as PaykassmaConfig),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError, String(error));
          assert.deepEqual(
            error.issues.map((issue) => issue.path),
            paths,
            JSON.stringify(paths),
          );
          assertSafeError(error);
          return true;
        },
      );
    }
  });

  it('shows only the hosts in util.inspect and JSON', () => {
    const pk = client(recorder().fetch, { withdrawalPrivateKey: WITHDRAWAL_KEY });
    const shown = `${inspect(pk, { depth: 10, showHidden: true })} ${JSON.stringify(pk)}`;
    assertNoSecret(shown);
    assert.match(shown, /api\.merchant\.example/);
  });
});
