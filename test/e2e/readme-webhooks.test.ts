/**
 * The README's webhook quick start handler, run as written against every way a payment reaches the router:
 * a K2 Connect till webhook (no account anywhere: held for matching, not declined), the result of an STK
 * push started with a reference (credited to it), and legacy notifications (credited to the typed account,
 * or declined with "02" when there is no such account).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Money, PaymentDeclinedError, parseMoney, type TenderEvent } from '@tender/core';
import { createK2Provider, createK2WebhookSource } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { type Sandbox, sendLegacyNotification, sendWebhook, startSandbox } from '@tender/sandbox';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';

const LEGACY = { username: 'k2', password: 'legacy-password' };
const KNOWN_ACCOUNTS = new Set(['A100', 'ORD-7']);

/** The README code block that starts with the payment.succeeded handler. */
async function readmeHandler(): Promise<string> {
  const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf("```ts\nrouter.on('payment.succeeded'");
  assert.notEqual(start, -1, 'the README shows the payment.succeeded handler in its own ts block');
  const code = readme.slice(start + '```ts\n'.length);
  return code.slice(0, code.indexOf('```'));
}

let sandbox: Sandbox;
let router: WebhookRouter;
let server: Server;
let base = '';
const credited: [string, Money, string | undefined][] = [];
const held: TenderEvent[] = [];

before(async () => {
  sandbox = await startSandbox({ callbackDelayMs: 60_000 });
  router = createRouter({
    sources: [
      {
        name: 'k2',
        path: '/webhooks/k2',
        source: createK2WebhookSource({ apiKeys: sandbox.credentials.apiKey }),
      },
      {
        name: 'k2-legacy',
        path: '/webhooks/k2-legacy',
        source: createK2LegacySource({ credentials: LEGACY }),
      },
    ],
  });
  const accounts = {
    exists: async (account: string) => KNOWN_ACCOUNTS.has(account),
    credit: async (account: string, amount: Money, receipt: string | undefined) => {
      credited.push([account, amount, receipt]);
    },
  };
  const unmatched = { hold: (event: TenderEvent) => void held.push(event) };
  // The README block is plain JavaScript inside TypeScript: run it with the names it uses.
  const AsyncFunction = (async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('router', 'accounts', 'unmatched', 'PaymentDeclinedError', await readmeHandler())(
    router,
    accounts,
    unmatched,
    PaymentDeclinedError,
  );
  server = createServer(toNodeHandler(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
  await sandbox.close();
});

describe('the README webhook quick start', () => {
  it('holds a K2 Connect till payment, which names no account, instead of declining it', async () => {
    const result = await sendWebhook({
      topic: 'buygoods_transaction_received',
      to: `${base}/webhooks/k2`,
      apiKey: sandbox.credentials.apiKey,
    });
    assert.equal(result.status, 200);
    assert.equal(held.length, 1);
    assert.equal(held[0]?.type, 'payment.succeeded');
    assert.equal(credited.length, 0);
  });

  it('credits the result of an STK push to the reference it was started with', async () => {
    const k2 = createK2Provider({
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      apiKey: sandbox.credentials.apiKey,
      baseUrl: sandbox.url,
      tillNumber: 'K776655',
      callbackUrl: `${base}/webhooks/k2`,
    });
    await k2.collect({
      amount: parseMoney('250', 'KES'),
      payer: { phone: '0711000111' },
      reference: 'ORD-7',
    });
    await sandbox.settleAll();
    const [account, amount, receipt] = credited.at(-1) ?? [];
    assert.equal(account, 'ORD-7');
    assert.deepEqual(amount, parseMoney('250', 'KES'));
    assert.match(receipt ?? '', /^[A-Z0-9]{10}$/);
  });

  it('credits a legacy notification to the typed account, and declines an unknown one with 02', async () => {
    const to = `${base}/webhooks/k2-legacy`;
    const accepted = await sendLegacyNotification({
      to,
      ...LEGACY,
      fields: { ac_no: 'A100', amount: '1500' },
    });
    assert.deepEqual(JSON.parse(accepted.body), { status: '01', description: 'Accepted' });
    assert.deepEqual(credited.at(-1)?.slice(0, 2), ['A100', parseMoney('1500', 'KES')]);
    const declined = await sendLegacyNotification({ to, ...LEGACY, fields: { ac_no: 'B999', amount: '10' } });
    assert.equal(JSON.parse(declined.body).status, '02');
  });
});
