/**
 * The Paykassma simulator on its own, over real HTTP: the manual's validation answers for each endpoint,
 * the re-send rule (only 200 with {"status":"ok"} stops it), the credited amount of the half-paid test
 * input, and `tender sandbox` starting it next to the K2 simulator.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseExactJson, paykassmaPostbackSignature, phpJson, signWithdrawal } from '@tender/paykassma';
import { PAYKASSMA_TEST_INPUTS, type PaykassmaSandbox, startPaykassmaSandbox } from '@tender/sandbox';

let sandbox: PaykassmaSandbox;
let receiver: Server;
let receiverUrl = '';
/** What the receiver answers, in turn; the last one repeats. */
let answers: { status: number; body: string }[] = [];
const received: string[] = [];

before(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      received.push(body);
      const answer = answers.length > 1 ? (answers.shift() as { status: number; body: string }) : answers[0];
      response.writeHead(answer?.status ?? 200, { 'content-type': 'application/json' });
      response.end(answer?.body ?? '{"status":"ok"}');
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pk`;
  sandbox = await startPaykassmaSandbox({
    postbackUrl: receiverUrl,
    activationDelayMs: 1,
    withdrawalDelayMs: 1,
    retryBackoffMs: 1,
    deliveryAttempts: 5,
  });
});

after(async () => {
  await sandbox.close();
  await new Promise((done) => receiver.close(done));
});

const api = (path: string, init: RequestInit) => fetch(`${sandbox.apiUrl}${path}`, init);
const withSecret = (path: string) =>
  `${path}?secret=${encodeURIComponent(sandbox.credentials.pluginapiSecret)}`;
const postJson = (path: string, body: unknown) =>
  api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function activationForm(
  fields: Record<string, string | null>,
  screenshot: Blob | null = new Blob([new Uint8Array([1])], { type: 'image/png' }),
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== null) form.set(name, value);
  if (screenshot !== null) form.set('screenshot', screenshot, 'receipt.png');
  return form;
}

describe('Paykassma simulator: answers', () => {
  it('refuses a missing or wrong secret with 404 Not found', async () => {
    for (const path of [
      '/api/v1/transaction/create/kbzpay_manual',
      '/api/v1/transaction/create/kbzpay_manual?secret=x',
    ]) {
      const response = await postJson(path, { currency: 'MMK', label: 'u' });
      assert.equal(response.status, 404);
      assert.deepEqual(await response.json(), { status: 'fail', message: 'Not found' });
    }
    assert.ok(
      sandbox.requests().every((request) => !request.path.includes(sandbox.credentials.pluginapiSecret)),
    );
  });

  it('create deposit: field errors Laravel-style; a new KBZPay number per deposit', async () => {
    const bad = await postJson(withSecret('/api/v1/transaction/create/kbzpay_manual'), { currency: 'USD' });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(((await bad.json()) as { message: object }).message), ['currency', 'label']);
    const numbers = [];
    for (const label of ['sim-1', 'sim-2']) {
      const response = await postJson(withSecret('/api/v1/transaction/create/kbzpay_manual'), {
        currency: 'MMK',
        label,
      });
      const body = (await response.json()) as { status: string; params: Record<string, string> };
      assert.equal(body.status, 'ok');
      numbers.push(body.params['kbzpay number']);
    }
    assert.notEqual(numbers[0], numbers[1]);
  });

  it('activation: every field checked, the manual success body, then a signed postback', async () => {
    const path = withSecret('/api/v1/possible-transaction');
    const notMultipart = await postJson(path, {});
    assert.equal(notMultipart.status, 400);
    const bad = await api(path, {
      method: 'POST',
      body: activationForm(
        {
          currency_code: 'KES',
          wallet_type: 'x',
          label: 'nobody',
          key1: '123',
          amount: '1.5',
          custom_transaction_id: null,
        },
        new Blob([new Uint8Array([1])], { type: 'text/plain' }),
      ),
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(((await bad.json()) as { message: object }).message).sort(), [
      'amount',
      'currency_code',
      'custom_transaction_id',
      'key1',
      'label',
      'screenshot',
      'wallet_type',
    ]);
    answers = [{ status: 200, body: '{"status":"ok"}' }];
    const fields = {
      currency_code: 'MMK',
      wallet_type: 'kbzpay_manual',
      label: 'sim-1',
      key1: '010032460805882183',
      amount: '7000',
      custom_transaction_id: 'sim-dep-1',
    };
    const ok = await api(path, { method: 'POST', body: activationForm(fields) });
    assert.deepEqual(await ok.json(), {
      status: 'success',
      message: '',
      code: 20000,
      data: [],
      paginate: { offset: 0, total: 1, limit: 1 },
    });
    const again = await api(path, { method: 'POST', body: activationForm(fields) });
    assert.deepEqual(await again.json(), {
      status: 'fail',
      message: { custom_transaction_id: ['The custom transaction id has already been taken.'] },
    });
    await sandbox.idle();
    const postback = sandbox.postbacks().at(-1);
    assert.ok(postback);
    const tree = parseExactJson(postback.body);
    assert.ok(tree.kind === 'object');
    const list = tree.entries.find((entry) => entry.key === 'additional_data')?.value;
    assert.ok(list);
    const body = JSON.parse(postback.body) as Record<string, unknown>;
    assert.equal(
      body.signature,
      paykassmaPostbackSignature(
        sandbox.credentials.postbackAccessKey,
        sandbox.credentials.postbackPrivateKey,
        phpJson(list),
      ),
    );
    assert.equal(body.access_key, sandbox.credentials.postbackAccessKey);
    assert.deepEqual(
      [
        body.direction,
        body.amount,
        (body.additional_data as Record<string, unknown>[])[0]?.plugin_custom_order_id,
      ],
      ['ingoing', 7000, 'sim-dep-1'],
    );
  });

  it('the payment window speaks English or Burmese, and escapes what it echoes', async () => {
    const query = (lang: string, label: string) =>
      `${sandbox.pluginUrl}/?${new URLSearchParams({ label, currency_code: 'MMK', lang, wallet_type: 'kbzpay_manual', custom_transaction_id: 'd', fixed_amount: '100' })}`;
    const english = await (await fetch(query('en', 'sim-1'))).text();
    assert.match(english, /<title>Pay with KBZPay<\/title>/);
    const burmese = await (await fetch(query('my', 'sim-1'))).text();
    assert.match(burmese, /<title>KBZPay ဖြင့် ပေးချေပါ<\/title>/);
    const hostile = await (await fetch(query('en', '"><script>alert(1)</script>'))).text();
    assert.doesNotMatch(hostile, /<script>/);
    assert.match(hostile, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });

  it('the half-paid test input credits half of what the payer claimed', async () => {
    answers = [{ status: 200, body: '{"status":"ok"}' }];
    const response = await api(withSecret('/api/v1/possible-transaction'), {
      method: 'POST',
      body: activationForm({
        currency_code: 'MMK',
        wallet_type: 'kbzpay_manual',
        label: 'sim-2',
        key1: `${PAYKASSMA_TEST_INPUTS.halfPaidTransactionPrefix}000000000001`,
        amount: '20001',
        custom_transaction_id: 'sim-dep-half',
      }),
    });
    assert.equal(response.status, 200);
    await sandbox.idle();
    const body = JSON.parse(sandbox.postbacks().at(-1)?.body ?? '{}') as {
      additional_data: { amount: string }[];
    };
    assert.equal(body.additional_data[0]?.amount, '10000');
  });

  it('withdrawal: field errors, the signature check, the balance check', async () => {
    const unsigned = {
      withdrawal_id: 'sim-wd-1',
      payment_system: 'kbzpay_manual',
      amount: 100,
      currency_code: 'MMK',
      label: 'sim-1',
      account_number: '09712345678',
      is_test: true,
    };
    const key = sandbox.credentials.withdrawalPrivateKey;
    const send = (body: Record<string, unknown>) => postJson('/v2/withdrawal/create', body);
    const fields = await send({
      ...unsigned,
      account_number: '0971',
      amount: 1.5,
      is_test: 'yes',
      signature: 'x',
    });
    assert.deepEqual(Object.keys(((await fields.json()) as { message: object }).message), [
      'amount',
      'account_number',
      'is_test',
    ]);
    const wrong = await send({ ...unsigned, signature: signWithdrawal(unsigned, 'not-the-key') });
    assert.deepEqual(await wrong.json(), { status: 'fail', message: 'Withdrawal signature is invalid' });
    const tooMuch = { ...unsigned, withdrawal_id: 'sim-wd-2', amount: sandbox.balanceKyat() + 1 };
    const refused = await send({ ...tooMuch, signature: signWithdrawal(tooMuch, key) });
    assert.deepEqual(await refused.json(), {
      status: 'fail',
      message: { withdrawals_sum_amount: ['Insufficient balance'] },
    });
    answers = [{ status: 200, body: '{"status":"ok"}' }];
    const accepted = await send({ ...unsigned, signature: signWithdrawal(unsigned, key) });
    assert.deepEqual(await accepted.json(), { status: 'ok' });
    const duplicate = await send({ ...unsigned, signature: signWithdrawal(unsigned, key) });
    assert.deepEqual(await duplicate.json(), {
      status: 'fail',
      message: { withdrawal_id: ['The withdrawal id has already been taken.'] },
    });
    await sandbox.idle();
    const outcome = JSON.parse(sandbox.postbacks().at(-1)?.body ?? '{}') as {
      additional_data: Record<string, unknown>[];
    };
    assert.deepEqual(
      [outcome.additional_data[0]?.withdrawal_id, outcome.additional_data[0]?.withdrawal_status],
      ['sim-wd-1', 1],
    );
  });

  it('re-sends a postback until it is answered 200 {"status":"ok"}: another body or status is not enough', async () => {
    answers = [
      { status: 500, body: '' },
      { status: 200, body: 'OK' },
      { status: 200, body: '{"status":"fail"}' },
      { status: 200, body: '{"status":"ok"}' },
    ];
    const unsigned = {
      withdrawal_id: 'sim-wd-3',
      payment_system: 'kbzpay_manual',
      amount: 100,
      currency_code: 'MMK',
      label: 'sim-1',
      account_number: PAYKASSMA_TEST_INPUTS.failingAccountNumber,
      is_test: false,
    };
    await postJson('/v2/withdrawal/create', {
      ...unsigned,
      signature: signWithdrawal(unsigned, sandbox.credentials.withdrawalPrivateKey),
    });
    await sandbox.idle();
    const postback = sandbox.postbacks().at(-1);
    assert.deepEqual(
      postback?.attempts.map((attempt) => [attempt.status, attempt.body]),
      [
        [500, ''],
        [200, 'OK'],
        [200, '{"status":"fail"}'],
        [200, '{"status":"ok"}'],
      ],
    );
    assert.match(postback?.body ?? '', /"withdrawal_status":5/);
  });
});

describe('tender sandbox', () => {
  it('starts the Paykassma simulator next to the K2 one and prints its keys', {
    timeout: 30_000,
  }, async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=tender-source',
        '--import',
        'tsx',
        'packages/sandbox/src/cli/main.ts',
        'sandbox',
        '--port',
        '0',
        '--quiet',
      ],
      { cwd: join(import.meta.dirname, '..', '..') },
    );
    let stdout = '';
    const listening = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Press Ctrl+C')) resolve();
      });
    });
    await listening;
    const url = /Paykassma KBZPay sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    assert.ok(url, stdout);
    const page = await fetch(
      `${url}/plugin/?label=u&currency_code=MMK&wallet_type=kbzpay_manual&custom_transaction_id=d&fixed_amount=100`,
    );
    assert.equal(page.status, 200);
    assert.match(await page.text(), /id="kbzpay-number">09\d{9}</);
    const closed = new Promise((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    assert.equal(await closed, 0);
    assert.match(stdout, /pluginapi secret {6}pk_secret_[0-9a-f]{24}/);
    assert.match(stdout, /postback access key {3}pk_access_/);
    assert.match(stdout, /sandbox stopped/);
  });
});
