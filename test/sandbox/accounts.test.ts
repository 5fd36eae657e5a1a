/**
 * Endpoints without callbacks (reference §3.1, §3.3, §3.4): webhook subscriptions, external recipients and
 * the merchant's own transfer accounts move from Pending to Active/Approved, and validate their bodies.
 * A long delay and settleAll() make the pending state observable without racing the timer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Sandbox, startSandbox } from '@tender/sandbox';
import { api, attributes, fetchToken } from './support/client.ts';

let sandbox: Sandbox;
let token: string;

before(async () => {
  sandbox = await startSandbox({ callbackDelayMs: 60_000 });
  token = await fetchToken(sandbox);
});
after(() => sandbox.close());

async function create(collection: string, body: unknown): Promise<string> {
  const answer = await api(token, 'POST', `${sandbox.url}/api/v2/${collection}`, body);
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  assert.match(answer.location ?? '', new RegExp(`^${sandbox.url}/api/v2/${collection}/[0-9a-f-]{36}$`));
  return answer.location ?? '';
}

async function errorMessage(collection: string, body: unknown): Promise<string> {
  const answer = await api(token, 'POST', `${sandbox.url}/api/v2/${collection}`, body);
  assert.equal(answer.status, 400);
  return (answer.json as { error_message: string }).error_message;
}

describe('POST /api/v2/webhook_subscriptions', () => {
  it('stores the subscription and shows it Pending, then Active', async () => {
    const body = {
      event_type: 'buygoods_transaction_received',
      url: 'https://merchant.example.org/k2/webhooks/buygoods',
      scope: 'till',
      scope_reference: '776655',
      enable_daraja_payload: true,
    };
    const location = await create('webhook_subscriptions', body);
    const id = location.split('/').at(-1);
    const pending = (await api(token, 'GET', location)).json;
    assert.deepEqual(pending, {
      data: {
        id,
        type: 'webhook_subscription',
        attributes: {
          event_type: 'buygoods_transaction_received',
          webhook_uri: body.url,
          status: 'Pending',
          scope: 'till',
          scope_reference: '776655',
          enable_daraja_payload: true,
          _links: { self: location },
        },
      },
    });
    const stored = sandbox.subscriptions().find((subscription) => subscription.id === id);
    assert.equal(stored?.url, body.url);
    assert.equal(stored?.darajaPayload, true);
    await sandbox.settleAll();
    assert.equal(attributes((await api(token, 'GET', location)).json).status, 'Active');
  });

  it('validates the event type, URL, scope, till reference and the Daraja restriction', async () => {
    assert.equal(
      await errorMessage('webhook_subscriptions', {
        event_type: 'payment_made',
        url: 'ftp://x',
        scope: 'shop',
      }),
      [
        'Event type must be one of buygoods_transaction_received, buygoods_transaction_reversed, b2b_transaction_received, b2b_transaction_reversed, settlement_transfer_completed, customer_created, card_transaction_received, card_transaction_voided, card_transaction_reversed, m2m_transaction_received',
        'Url is not a valid url',
        "Scope must be one of 'till' or 'company'",
      ].join('; '),
    );
    assert.equal(
      await errorMessage('webhook_subscriptions', {
        event_type: 'customer_created',
        url: 'http://127.0.0.1:9/hook',
        scope: 'till',
        enable_daraja_payload: true,
      }),
      "Scope reference can't be blank when scope is till; Enable daraja payload is only allowed for buygoods_transaction_received and b2b_transaction_received",
    );
  });
});

describe('POST /api/v2/external_recipients', () => {
  it('creates each recipient type and approves it with a reference', async () => {
    const recipients = [
      {
        type: 'mobile_wallet',
        external_recipient: {
          first_name: 'Brian',
          last_name: 'Mwangi',
          phone_number: '+254722000222',
          network: 'Safaricom',
        },
      },
      {
        type: 'bank_account',
        external_recipient: {
          account_name: 'Pendo Supplies',
          account_number: '5566778899',
          bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
          settlement_method: 'EFT',
        },
      },
      { type: 'till', external_recipient: { till_name: 'Stationers', till_number: '889900' } },
      {
        type: 'paybill',
        external_recipient: {
          paybill_name: 'KPLC',
          paybill_number: '888880',
          paybill_account_number: 'ACC-5521',
        },
      },
    ];
    const locations: string[] = [];
    for (const recipient of recipients) {
      const location = await create('external_recipients', recipient);
      const pending = attributes((await api(token, 'GET', location)).json);
      assert.equal(pending.status, 'Pending');
      assert.equal(pending.recipient_type, recipient.type);
      assert.equal(pending.recipient_reference, null);
      locations.push(location);
    }
    await sandbox.settleAll();
    for (const [index, location] of locations.entries()) {
      const approved = (await api(token, 'GET', location)).json as { data: { type: string } };
      assert.equal(approved.data.type, 'external_recipient');
      const attrs = attributes(approved);
      assert.equal(attrs.status, 'Approved');
      assert.match(String(attrs.recipient_reference), /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        {
          ...attrs,
          status: undefined,
          recipient_reference: undefined,
          recipient_type: undefined,
          _links: undefined,
        },
        {
          ...recipients[index]?.external_recipient,
          status: undefined,
          recipient_reference: undefined,
          recipient_type: undefined,
          _links: undefined,
        },
      );
    }
  });

  it('validates the type and the fields of that type', async () => {
    assert.equal(
      await errorMessage('external_recipients', { type: 'iban', external_recipient: {} }),
      'Type must be one of mobile_wallet, bank_account, till, paybill',
    );
    assert.equal(
      await errorMessage('external_recipients', {
        type: 'mobile_wallet',
        external_recipient: { first_name: 'Brian', phone_number: '0722' },
      }),
      "External recipient last name can't be blank; External recipient phone number is an invalid number; External recipient network can't be blank",
    );
  });
});

describe('POST /api/v2/merchant_bank_accounts and /api/v2/merchant_wallets', () => {
  it('approves a bank account and a wallet with an account reference', async () => {
    const bank = await create('merchant_bank_accounts', {
      account_name: 'Kilima Traders Ltd',
      account_number: '0123456789',
      bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
      settlement_method: 'RTS',
      nickname: 'Main operating account',
    });
    const walletLocation = await create('merchant_wallets', {
      first_name: 'Grace',
      last_name: 'Njeri',
      phone_number: '+254733000333',
      network: 'Safaricom',
    });
    assert.equal(attributes((await api(token, 'GET', bank)).json).status, 'Pending');
    await sandbox.settleAll();
    const bankDocument = (await api(token, 'GET', bank)).json as { data: { type: string } };
    assert.equal(bankDocument.data.type, 'merchant_bank_account');
    assert.equal(attributes(bankDocument).status, 'Approved');
    assert.equal(attributes(bankDocument).settlement_method, 'RTS');
    assert.match(String(attributes(bankDocument).account_reference), /^[0-9a-f-]{36}$/);
    const walletDocument = (await api(token, 'GET', walletLocation)).json as { data: { type: string } };
    assert.equal(walletDocument.data.type, 'merchant_wallet');
    assert.equal(attributes(walletDocument).network, 'Safaricom');
  });

  it('requires a known settlement method and a valid wallet phone', async () => {
    assert.equal(
      await errorMessage('merchant_bank_accounts', {
        account_name: 'Kilima',
        account_number: '1',
        bank_branch_ref: 'x',
        settlement_method: 'SWIFT',
      }),
      "Settlement method must be one of 'EFT' or 'RTS'",
    );
    assert.equal(
      await errorMessage('merchant_wallets', {
        first_name: 'Grace',
        last_name: 'Njeri',
        phone_number: '+1555',
        network: 'Safaricom',
      }),
      'Phone number is an invalid number',
    );
  });
});
