/**
 * The neutral Provider on Paykassma: collect then confirm (the typed second step), payout, link, status,
 * and the capabilities it lacks (compile errors, UnsupportedOperationError at run time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  type Capability,
  type ConfirmRequest,
  defineProvider,
  type Operation,
  type Provider,
  parseMoney,
  perform,
  UnsupportedOperationError,
  ValidationError,
} from '@tender/core';
import { createK2Provider } from '@tender/k2';
import { createPaykassmaProvider, PAYKASSMA_CAPABILITIES, signWithdrawal } from '@tender/paykassma';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

function recorder(...answers: unknown[]) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    requests.push(new Request(input, init));
    const next = answers.shift();
    if (next === undefined) throw new Error('unexpected request');
    return new Response(JSON.stringify(next), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

function provider(fetch: typeof globalThis.fetch, options: { testWithdrawals?: boolean } = {}) {
  return createPaykassmaProvider({
    domain: 'merchant.example',
    pluginapiSecret: 'secret-1',
    postbackPrivateKey: 'private-1',
    fetch,
    ...options,
  });
}

const amount = parseMoney('25000', 'MMK');

describe('Paykassma provider: collect and its confirm step', () => {
  it('collect creates the deposit and says which KBZPay number to pay; confirm activates the same operation', async () => {
    const { fetch, requests } = recorder(
      { status: 'ok', params: { 'kbzpay number': '09798765432' } },
      { status: 'success', message: '', code: 20000, data: [], paginate: { offset: 0, total: 1, limit: 1 } },
    );
    const paykassma = provider(fetch);
    const deposit = await paykassma.collect({
      amount,
      payer: { customerId: 'user-58213' },
      reference: 'dep-731',
    });
    assert.deepEqual(
      { ...deposit, raw: undefined },
      {
        provider: 'paykassma',
        kind: 'collect',
        id: 'dep-731',
        reference: 'dep-731',
        status: 'pending',
        merchantReference: 'dep-731',
        amount,
        nextAction: { type: 'pay_to', details: { 'kbzpay number': '09798765432' } },
        raw: undefined,
      },
    );
    assert.equal(await requests[0]?.text(), '{"currency":"MMK","label":"user-58213"}');

    const confirmed = await paykassma.confirm({
      operation: deposit,
      payerReference: '01003246080588218368',
      proof: { name: 'receipt.png', type: 'image/png', data: PNG },
    });
    assert.equal(confirmed.id, 'dep-731');
    assert.equal(confirmed.kind, 'collect');
    assert.equal(confirmed.status, 'pending');
    assert.equal(confirmed.providerStatus, 'activation accepted');
    assert.equal(confirmed.nextAction, undefined);
    const form = await (requests[1] as Request).formData();
    assert.equal(form.get('label'), 'user-58213');
    assert.equal(form.get('custom_transaction_id'), 'dep-731');
    assert.equal(form.get('key1'), '01003246080588218368');
    assert.equal(form.get('amount'), '25000');
    assert.equal((form.get('screenshot') as File).name, 'receipt.png');
    assert.deepEqual(await paykassma.status(confirmed), confirmed, 'no status query: the operation as it is');
  });

  it('confirm through perform(), with the amount the payer reports', async () => {
    const { fetch, requests } = recorder(
      { status: 'ok', params: { 'kbzpay number': '09798765432' } },
      { status: 'success', code: 20000 },
    );
    const paykassma = provider(fetch);
    const deposit = await perform(paykassma, 'collect', { amount, payer: { customerId: 'u1' } });
    assert.match(deposit.id, /^[0-9a-f-]{36}$/);
    await perform(paykassma, 'confirm', {
      operation: deposit,
      payerReference: '010032460805882183',
      amount: parseMoney('24000', 'MMK'),
      proof: { name: 'r.png', type: 'image/png', data: PNG },
    });
    assert.equal((await (requests[1] as Request).formData()).get('amount'), '24000');
  });

  it('refuses, naming the neutral field and sending nothing, what Paykassma cannot take', async () => {
    const { fetch, requests } = recorder();
    const paykassma = provider(fetch);
    const deposit: Operation = {
      provider: 'paykassma',
      kind: 'collect',
      id: 'd',
      reference: 'd',
      status: 'pending',
      amount,
      raw: { label: 'u', customTransactionId: 'd', answer: {} },
    };
    const proof = { name: 'r.png', type: 'image/png', data: PNG };
    const cases: [() => Promise<unknown>, string][] = [
      [() => paykassma.collect({ amount, payer: { phone: '0911' } }), 'payer.customerId'],
      [() => paykassma.collect({ amount: parseMoney('1.5', 'MMK'), payer: { customerId: 'u' } }), 'amount'],
      [() => paykassma.confirm({ operation: deposit, payerReference: '123', proof }), 'payerReference'],
      [() => paykassma.confirm({ operation: deposit, payerReference: '010032460805882183' }), 'proof'],
      [
        () =>
          paykassma.confirm({
            operation: { ...deposit, raw: {} },
            payerReference: '010032460805882183',
            proof,
          }),
        'operation.raw',
      ],
      [
        () =>
          paykassma.confirm({
            operation: { ...deposit, provider: 'k2' },
            payerReference: '010032460805882183',
            proof,
          }),
        'operation',
      ],
      [() => paykassma.confirm({ operation: deposit, payerReference: '  ', proof }), 'payerReference'],
      [
        () =>
          paykassma.payout({
            amount,
            destination: { type: 'till', tillNumber: '1' },
            metadata: { label: 'u' },
          }),
        'destination.type',
      ],
      [
        () =>
          paykassma.payout({
            amount,
            destination: { type: 'mobile_wallet', phone: '0971234567' },
            metadata: { label: 'u' },
          }),
        'destination.phone',
      ],
      [
        () => paykassma.payout({ amount, destination: { type: 'mobile_wallet', phone: '09712345678' } }),
        'metadata.label',
      ],
      [() => paykassma.createLink({ amount }), 'metadata.label'],
    ];
    for (const [call, path] of cases) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.ok(
          error.issues.some((issue) => issue.path === path),
          `${path}: ${error.issues.map((issue) => issue.path).join(', ')}`,
        );
        return true;
      });
    }
    assert.equal(requests.length, 0);
  });
});

describe('Paykassma provider: payout, link, capabilities', () => {
  it('payout sends a signed withdrawal to the 11-digit account, id from the reference', async () => {
    const { fetch, requests } = recorder({ status: 'ok' });
    const operation = await provider(fetch, { testWithdrawals: true }).payout({
      amount: parseMoney('45000', 'MMK'),
      destination: { type: 'mobile_wallet', phone: '09712345678' },
      reference: 'wd-1',
      description: 'order 7781',
      metadata: { label: 'user-58213' },
    });
    assert.equal(operation.kind, 'payout');
    assert.equal(operation.id, 'wd-1');
    assert.equal(operation.status, 'pending');
    const body = JSON.parse(await (requests[0] as Request).text()) as Record<
      string,
      string | number | boolean
    >;
    const { signature, ...signed } = body;
    assert.deepEqual(signed, {
      withdrawal_id: 'wd-1',
      payment_system: 'kbzpay_manual',
      amount: 45000,
      currency_code: 'MMK',
      label: 'user-58213',
      account_number: '09712345678',
      is_test: true,
      comment: 'order 7781',
    });
    assert.equal(signature, signWithdrawal(signed, 'private-1'));
  });

  it('createLink is the payment window URL as a redirect; cancelLink is refused', async () => {
    const paykassma = provider(recorder().fetch);
    const link = await paykassma.createLink({
      amount,
      reference: 'dep-9',
      metadata: { label: 'user-58213' },
    });
    assert.equal(link.kind, 'link');
    assert.equal(link.id, 'dep-9');
    assert.deepEqual(link.nextAction, { type: 'redirect', url: link.reference });
    assert.equal(
      link.reference,
      'https://plugin.merchant.example/?label=user-58213&currency_code=MMK&lang=en&wallet_type=kbzpay_manual&custom_transaction_id=dep-9&fixed_amount=25000',
    );
    await assert.rejects(paykassma.cancelLink({ reference: link.reference }), UnsupportedOperationError);
  });

  it('keeps the secrets out of util.inspect and JSON of the provider', () => {
    const paykassma = provider(recorder().fetch);
    const shown = `${inspect(paykassma, { depth: 10, showHidden: true })} ${JSON.stringify(paykassma)}`;
    assert.ok(!shown.includes('secret-1') && !shown.includes('private-1'), shown);
  });

  it('declares collect, confirm, payout and link; reverse and notify are compile errors and throw', async () => {
    const paykassma = provider(recorder().fetch);
    assert.deepEqual(paykassma.capabilities, [...PAYKASSMA_CAPABILITIES]);
    assert.equal(paykassma.supports('confirm'), true);
    assert.equal(paykassma.supports('reverse'), false);
    const untyped = paykassma as unknown as Record<string, (request: unknown) => Promise<unknown>>;
    // @ts-expect-error: Paykassma cannot reverse
    assert.equal(typeof paykassma.reverse, 'function');
    // @ts-expect-error: Paykassma has no notify
    assert.equal(typeof paykassma.notify, 'function');
    await assert.rejects(
      untyped.reverse?.({ transactionReference: 'x' }) as Promise<unknown>,
      UnsupportedOperationError,
    );
    await assert.rejects(untyped.notify?.({}) as Promise<unknown>, UnsupportedOperationError);
  });

  it('confirm is absent from providers that do not declare it: a compile error, and UnsupportedOperationError', async () => {
    const k2 = createK2Provider({
      clientId: 'id',
      clientSecret: 'secret',
      environment: 'sandbox',
      tillNumber: 'K776655',
    });
    const request = { operation: {} } as ConfirmRequest;
    // @ts-expect-error: K2 has no confirm step
    await assert.rejects(k2.confirm(request), UnsupportedOperationError);
    // @ts-expect-error: nor through perform()
    await assert.rejects(perform(k2, 'confirm', request), /k2 does not support confirm/);
    const widget: Provider<'collect'> = defineProvider({
      name: 'widget',
      capabilities: ['collect'],
      collect: async () => ({
        provider: 'widget',
        kind: 'collect',
        id: '1',
        reference: '1',
        status: 'pending',
        raw: undefined,
      }),
      status: async (operation) => operation,
    });
    const capability: Capability = 'confirm';
    assert.equal(widget.supports(capability), false);
    assert.throws(
      () =>
        // @ts-expect-error: a provider that declares confirm must implement it
        defineProvider({
          name: 'broken',
          capabilities: ['confirm'],
          status: async (operation: Operation) => operation,
        }),
      /declares confirm but does not implement confirm\(\)/,
    );
  });
});
