/**
 * KTPay's errors (§7): every documented code as a typed KtwidgetApiError with KTPay's code and message,
 * whichever of the three envelopes it comes in and whatever the HTTP status; a lost or unreadable answer as
 * outcome unknown; nothing secret in any of them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { money, NetworkError, OutcomeUnknownError } from '@tender/core';
import { createKtwidgetClient, KTWIDGET_ERROR_CODES, KtwidgetApiError } from '@tender/ktwidget';
import { type KtpaySimulator, startKtpaySimulator } from '@tender/sandbox';
import { CALLBACK_SECRET, configFor, startFintech } from './support.ts';

let ktpay: KtpaySimulator;
let ktpay200: KtpaySimulator;
before(async () => {
  ktpay = await startKtpaySimulator();
  ktpay200 = await startKtpaySimulator({ errorStatus: 200 });
});
after(async () => {
  await ktpay.close();
  await ktpay200.close();
});

function clientFor(simulator: KtpaySimulator, extra: { appId?: string; appKey?: string } = {}) {
  return createKtwidgetClient({
    appId: extra.appId ?? simulator.appId,
    appKey: extra.appKey ?? simulator.appKey,
    merchantId: simulator.merchantId,
    hosts: simulator.hosts,
    callbackUrl: 'http://127.0.0.1:9/webhooks/ktwidget',
    callbackSecret: CALLBACK_SECRET,
  });
}

const codes = Object.keys(KTWIDGET_ERROR_CODES).map(Number);

describe('every documented KTPay error code', () => {
  for (const [name, simulator, status] of [
    ['with the status of its code family', () => ktpay, (code: number) => Number(String(code).slice(0, 3))],
    ['with HTTP 200 (KTPay statuses are unknown)', () => ktpay200, () => 200],
  ] as const) {
    it(`is a KtwidgetApiError with KTPay's code, message and meaning, ${name}`, async () => {
      for (const code of codes) {
        await assert.rejects(
          clientFor(simulator()).createTransaction({
            orderId: `SIM-ERROR-${code}`,
            amount: money(100, 'KZT'),
          }),
          (error: unknown) => {
            assert.ok(error instanceof KtwidgetApiError, `code ${code}`);
            assert.equal(error.providerCode, code);
            assert.equal(error.status, status(code));
            assert.equal(error.kind, KTWIDGET_ERROR_CODES[code]?.kind);
            assert.equal(typeof error.providerMessage, 'string');
            assert.equal(error.provider, 'ktwidget');
            assert.equal(error.operation, 'createTransaction');
            assert.equal(error.retryable, code >= 5_000_000);
            assert.match(error.message, new RegExp(`^KTPay refused createTransaction .*${code}`));
            assert.ok(!error.message.includes(CALLBACK_SECRET));
            return true;
          },
        );
      }
    });
  }

  it('answers a wrong app id with 4010103 and an undecryptable body with 4220101', async () => {
    await assert.rejects(
      clientFor(ktpay, { appId: 'not-the-app' }).createTransaction({
        orderId: 'E-1',
        amount: money(100, 'KZT'),
      }),
      (error: unknown) =>
        error instanceof KtwidgetApiError && error.providerCode === 4010103 && error.kind === 'configuration',
    );
    const other = await startKtpaySimulator();
    const otherKey = other.appKey;
    await other.close();
    await assert.rejects(
      clientFor(ktpay, { appKey: otherKey }).createTransaction({ orderId: 'E-2', amount: money(100, 'KZT') }),
      (error: unknown) =>
        error instanceof KtwidgetApiError && error.providerCode === 4220101 && error.kind === 'encryption',
    );
  });

  it('carries field messages of a validation failure (a reused order id)', async () => {
    const client = clientFor(ktpay);
    await client.createTransaction({ orderId: 'E-3', amount: money(100, 'KZT') });
    await assert.rejects(
      client.createTransaction({ orderId: 'E-3', amount: money(100, 'KZT') }),
      (error: unknown) => {
        assert.ok(error instanceof KtwidgetApiError);
        assert.equal(error.providerCode, 4220002);
        assert.deepEqual(error.fields, { order_id: 'The order_id has already been taken.' });
        assert.match(error.message, /order_id: The order_id has already been taken\./);
        return true;
      },
    );
  });
});

describe('error envelopes', () => {
  const envelopes: [
    string,
    number,
    unknown,
    { code: number; message: string; hint?: string; fields?: object },
  ][] = [
    [
      'current README',
      422,
      {
        success: false,
        data: [],
        error: { code: 4220101, messages: { error: 'Data malformed' }, hint: 'base64' },
      },
      { code: 4220101, message: 'Data malformed', hint: 'base64' },
    ],
    [
      'PHP SDK (response.success false)',
      500,
      {
        response: { success: false },
        error: { code: 5000105, messages: { error: 'Create failed', amount: 'bad' } },
      },
      { code: 5000105, message: 'Create failed', fields: { amount: 'bad' } },
    ],
    [
      'api-ref 2019 with validation',
      200,
      {
        success: false,
        error: {
          code: 4220103,
          message: 'Validation error',
          validation: { app_id: ['The app id is invalid.'] },
          hint: 'h',
        },
      },
      { code: 4220103, message: 'Validation error', hint: 'h', fields: { app_id: 'The app id is invalid.' } },
    ],
  ];
  for (const [name, status, body, expected] of envelopes) {
    it(`reads the ${name} envelope (HTTP ${status})`, async () => {
      const fintech = await startFintech(() => ({ status, body: JSON.stringify(body) }));
      try {
        const client = createKtwidgetClient(configFor(fintech.url));
        await assert.rejects(
          client.createTransaction({ orderId: 'V-1', amount: money(100, 'KZT') }),
          (error: unknown) => {
            assert.ok(error instanceof KtwidgetApiError);
            assert.equal(error.providerCode, expected.code);
            assert.equal(error.providerMessage, expected.message);
            assert.equal(error.hint, expected.hint);
            assert.deepEqual(error.fields, expected.fields ?? {});
            assert.equal(error.status, status);
            return true;
          },
        );
        assert.equal(fintech.received.length, 1, 'never re-sent');
      } finally {
        await fintech.close();
      }
    });
  }

  it('makes a 2xx without a transaction hash or error an OutcomeUnknownError, never re-sent', async () => {
    const fintech = await startFintech(() => ({ status: 200, body: '<html>maintenance</html>' }));
    try {
      const client = createKtwidgetClient(configFor(fintech.url));
      await assert.rejects(
        client.createTransaction({ orderId: 'V-2', amount: money(100, 'KZT') }),
        (error: unknown) =>
          error instanceof OutcomeUnknownError && /Do not resend order V-2/.test(error.message),
      );
      assert.equal(fintech.received.length, 1);
    } finally {
      await fintech.close();
    }
  });

  it('refuses a transaction hash that could break out of the widget URL', async () => {
    const fintech = await startFintech(() => ({
      status: 200,
      body: JSON.stringify({
        error: [],
        response: { success: true, data: { transaction_hash: 'x&next=javascript:1' } },
      }),
    }));
    try {
      const client = createKtwidgetClient(configFor(fintech.url));
      await assert.rejects(
        client.createTransaction({ orderId: 'V-3', amount: money(100, 'KZT') }),
        OutcomeUnknownError,
      );
    } finally {
      await fintech.close();
    }
  });

  it('reports a connection never made as a NetworkError', async () => {
    const fintech = await startFintech();
    const url = fintech.url;
    await fintech.close();
    const client = createKtwidgetClient(configFor(url));
    await assert.rejects(
      client.createTransaction({ orderId: 'V-4', amount: money(100, 'KZT') }),
      NetworkError,
    );
  });

  it('keeps the callback token out of an error that echoes the order back', async () => {
    const token = new URL(createKtwidgetClient(configFor('http://127.0.0.1:9')).callbackUrlFor('V-5') ?? '')
      .search;
    const echo = await startFintech(() => ({
      status: 422,
      body: JSON.stringify({
        success: false,
        error: { code: 4220002, message: `callback_post_url ${token} refused` },
      }),
    }));
    try {
      const client = createKtwidgetClient(configFor(echo.url));
      await assert.rejects(
        client.createTransaction({ orderId: 'V-5', amount: money(100, 'KZT') }),
        (error: unknown) => {
          assert.ok(error instanceof KtwidgetApiError);
          assert.match(error.message, /callback_post_url .* refused/);
          for (const shown of [
            error.message,
            JSON.stringify(error),
            inspect(error),
            error.providerMessage ?? '',
          ]) {
            assert.ok(!shown.includes(token), shown);
          }
          return true;
        },
      );
    } finally {
      await echo.close();
    }
  });
});
