/**
 * Send money through the sandbox (reference §3.5, §5.2): Scheduled then Processed with one transfer batch
 * per destination, sweeps, the failing test destinations, the refused source identifier and validation.
 * A long delay and settleAll() make the pending state observable without racing the timer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAILURE_REASONS, SANDBOX_TEST_INPUTS, type Sandbox, startSandbox } from '@tender/sandbox';
import { api, attributes, fetchToken } from './support/client.ts';
import { type Receiver, startReceiver } from './support/receiver.ts';

let sandbox: Sandbox;
let receiver: Receiver;
let token: string;

before(async () => {
  sandbox = await startSandbox({ callbackDelayMs: 60_000 });
  receiver = await startReceiver();
  token = await fetchToken(sandbox);
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

const wallet = {
  type: 'mobile_wallet',
  phone_number: '254722000222',
  network: 'Safaricom',
  amount: 1500,
  description: 'Delivery fee',
  nickname: 'Driver Brian',
  favourite: true,
};
const bank = {
  type: 'bank_account',
  bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
  account_name: 'Pendo Supplies',
  account_number: '5566778899',
  amount: '42000.50',
  description: 'Invoice 7781',
};
const ownWallet = {
  type: 'merchant_wallet',
  reference: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
  amount: 5000,
};

async function sendMoney(destinations: unknown[] | undefined, extra: Record<string, unknown> = {}) {
  const body = {
    source_identifier: '776655',
    currency: 'KES',
    ...(destinations === undefined ? {} : { destinations }),
    metadata: { batch: 'payroll-2026-01' },
    _links: { callback_url: `${receiver.url}/k2/results/send-money` },
    ...extra,
  };
  const created = await api(token, 'POST', `${sandbox.url}/api/v2/send_money`, body);
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.match(created.location ?? '', new RegExp(`^${sandbox.url}/api/v2/send_money/[0-9a-f-]{36}$`));
  return created.location ?? '';
}

describe('POST /api/v2/send_money', () => {
  it('shows Scheduled with nulls, then Processed with one transfer batch per destination', async () => {
    const location = await sendMoney([wallet, bank, ownWallet]);
    const scheduled = attributes((await api(token, 'GET', location)).json);
    assert.equal(scheduled.status, 'Scheduled');
    assert.equal(scheduled.source_identifier, null);
    assert.equal(scheduled.destinations, null);
    assert.equal(scheduled.transfer_batches, null);
    assert.equal(scheduled.errors, null);
    assert.equal(scheduled.currency, 'KES');

    await sandbox.settleAll();
    const processed = attributes((await api(token, 'GET', location)).json);
    assert.equal(processed.status, 'Processed');
    assert.equal(processed.source_identifier, '776655');
    assert.equal(processed.errors, null);
    assert.deepEqual(processed.metadata, { batch: 'payroll-2026-01' });
    assert.deepEqual(processed.destinations, [wallet, { ...bank, amount: 42000.5 }, ownWallet]);
    const batches = processed.transfer_batches as {
      status: string;
      amount: string;
      disbursements: Record<string, unknown>[];
    }[];
    assert.deepEqual(
      batches.map((batch) => [batch.status, batch.amount]),
      [
        ['Transferred', '1500.0'],
        ['Transferred', '42000.5'],
        ['Transferred', '5000.0'],
      ],
    );
    const [walletPayout] = batches[0]?.disbursements ?? [];
    assert.equal(walletPayout?.destination_type, 'mobile_wallet');
    assert.equal(walletPayout?.phone_number, '254722000222');
    assert.equal(walletPayout?.status, 'Transferred');
    assert.equal(walletPayout?.errors, null);
    assert.match(String(walletPayout?.transaction_reference), /^[A-Z][A-Z0-9]{9}$/);
    assert.equal(batches[2]?.disbursements[0]?.destination_reference, ownWallet.reference);

    const callback = receiver.received.find((delivered) => delivered.body.includes(location));
    assert.equal(attributes(JSON.parse(callback?.body ?? '{}')).status, 'Processed');
  });

  it('sweeps to the preferred account when there are no destinations', async () => {
    const location = await sendMoney(undefined, { source_identifier: null });
    await sandbox.settleAll();
    const swept = attributes((await api(token, 'GET', location)).json);
    assert.equal(swept.status, 'Processed');
    assert.deepEqual(swept.destinations, []);
    const [batch] = swept.transfer_batches as { disbursements: Record<string, unknown>[] }[];
    assert.equal(batch?.disbursements[0]?.destination_type, 'merchant_bank_account');
  });

  it('fails only the destinations the rules fail, and the whole request when all fail', async () => {
    const partial = await sendMoney([
      wallet,
      { ...wallet, phone_number: SANDBOX_TEST_INPUTS.sendMoney.unregisteredPhone },
    ]);
    const failed = await sendMoney([
      { ...bank, account_number: SANDBOX_TEST_INPUTS.sendMoney.invalidBankAccountNumber },
      { ...wallet, amount: '10.12' },
    ]);
    await sandbox.settleAll();

    const partialAttributes = attributes((await api(token, 'GET', partial)).json);
    assert.equal(partialAttributes.status, 'Processed');
    const partialBatches = partialAttributes.transfer_batches as {
      status: string;
      disbursements: Record<string, unknown>[];
    }[];
    assert.deepEqual(
      partialBatches.map((batch) => batch.status),
      ['Transferred', 'Failed'],
    );
    assert.equal(partialBatches[1]?.disbursements[0]?.errors, FAILURE_REASONS.unregisteredPhone);
    assert.equal(partialBatches[1]?.disbursements[0]?.transaction_reference, null);

    const failedAttributes = attributes((await api(token, 'GET', failed)).json);
    assert.equal(failedAttributes.status, 'Failed');
    assert.equal(
      failedAttributes.errors,
      `${FAILURE_REASONS.invalidBankAccount}; ${FAILURE_REASONS.insufficientFunds}`,
    );
  });

  it('keeps a batch with a never-processed amount Scheduled and sends no callback', async () => {
    const location = await sendMoney([{ ...wallet, amount: 99.05 }]);
    await sandbox.settleAll();
    assert.equal(attributes((await api(token, 'GET', location)).json).status, 'Scheduled');
    assert.equal(
      receiver.received.some((delivered) => delivered.body.includes(location)),
      false,
    );
  });

  it("refuses the invalid source identifier with K2's own message", async () => {
    const answer = await api(token, 'POST', `${sandbox.url}/api/v2/send_money`, {
      source_identifier: SANDBOX_TEST_INPUTS.sendMoney.invalidSourceIdentifier,
      currency: 'KES',
      destinations: [wallet],
      _links: { callback_url: `${receiver.url}/x` },
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.json, { error_code: 400, error_message: 'Source identifier is invalid' });
  });

  it('validates currency, destination types, phones and required destination fields', async () => {
    const answer = await api(token, 'POST', `${sandbox.url}/api/v2/send_money`, {
      currency: 'USD',
      destinations: [
        { type: 'crypto', amount: 1 },
        {
          type: 'mobile_wallet',
          phone_number: '0722000222',
          network: 'Safaricom',
          amount: 5,
          description: 'x',
        },
        { type: 'paybill', paybill_number: '400200', amount: 0 },
        { type: 'merchant_bank_account', amount: 10 },
      ],
      _links: {},
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.json, {
      error_code: 400,
      error_message: [
        'Currency must be KES',
        'Destination 1 type must be one of mobile_wallet, bank_account, till, paybill, merchant_wallet, merchant_bank_account',
        'Destination 2 phone number is an invalid number, it must be in the format 254XXXXXXXXX',
        "Destination 3 paybill account number can't be blank",
        'Destination 3 amount must be a positive amount with at most two decimals',
        "Destination 3 description can't be blank",
        "Destination 4 reference can't be blank",
        "Callback url can't be blank",
      ].join('; '),
    });
  });
});
