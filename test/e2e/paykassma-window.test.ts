/**
 * The payment window in a real headless Chromium: open the URL the provider made, see the amount and the
 * KBZPay number, type the transaction id, attach a screenshot, submit, and the simulator's postback reaches
 * the router as `payment.succeeded`.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseMoney, type TenderEvent } from '@tender/core';
import { createPaykassmaProvider, createPaykassmaSource } from '@tender/paykassma';
import { type PaykassmaSandbox, startPaykassmaSandbox } from '@tender/sandbox';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';

let browser: Browser;
let sandbox: PaykassmaSandbox;
let router: WebhookRouter;
let server: Server;
const events: TenderEvent[] = [];

before(async () => {
  browser = await launchChromium();
  sandbox = await startPaykassmaSandbox({ activationDelayMs: 5 });
  router = createRouter({
    sources: [
      { name: 'paykassma', path: '/webhooks/paykassma', source: createPaykassmaSource(sandbox.credentials) },
    ],
  });
  router.on('payment.succeeded', (event) => {
    events.push(event);
  });
  server = createServer(toNodeHandler(router));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  sandbox.setPostbackUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/paykassma`);
});

after(async () => {
  await browser?.close();
  await new Promise((done) => server.close(done));
  await router.close();
  await sandbox.close();
});

describe('Paykassma payment window in Chromium', { timeout: 60_000 }, () => {
  it('from opening the URL to payment.succeeded in the router', async () => {
    const paykassma = createPaykassmaProvider({
      apiUrl: sandbox.apiUrl,
      pluginUrl: sandbox.pluginUrl,
      ...sandbox.credentials,
    });
    const link = await paykassma.createLink({
      amount: parseMoney('15000', 'MMK'),
      reference: 'dep-window-1',
      metadata: { label: 'user-58213' },
    });
    assert.equal(link.nextAction?.type, 'redirect');
    const page = await browser.newPage();
    try {
      await page.goto(link.reference);
      assert.equal(await page.textContent('#amount'), '15000');
      const number = (await page.textContent('#kbzpay-number')) ?? '';
      assert.match(number, /^09\d{9}$/);
      await page.fill('#key1', '01003246080588218368');
      await page.setInputFiles('#screenshot', {
        name: 'receipt.png',
        mimeType: 'image/png',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      });
      await Promise.all([page.waitForURL(/\/plugin\/activate$/), page.click('#confirm')]);
      assert.equal(await page.textContent('#status'), 'Payment submitted');
    } finally {
      await page.close();
    }
    await sandbox.idle();
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event?.type === 'payment.succeeded');
    assert.equal(event.merchantReference, 'dep-window-1');
    assert.equal(event.providerReference, '01003246080588218368');
    assert.deepEqual(event.amount, { currency: 'MMK', minor: 1_500_000 });
  });

  it('shows the manual’s errors on the page for a transaction id that is not 15 to 25 digits', async () => {
    const paykassma = createPaykassmaProvider({
      apiUrl: sandbox.apiUrl,
      pluginUrl: sandbox.pluginUrl,
      ...sandbox.credentials,
    });
    const link = await paykassma.createLink({
      amount: parseMoney('100', 'MMK'),
      metadata: { label: 'user-2' },
    });
    const page = await browser.newPage();
    try {
      await page.goto(link.reference);
      // The browser's own pattern check is bypassed to reach the server's validation.
      await page.$eval('form', (form) => form.setAttribute('novalidate', ''));
      await page.fill('#key1', '12345');
      await page.setInputFiles('#screenshot', {
        name: 'r.png',
        mimeType: 'image/png',
        buffer: Buffer.from([1]),
      });
      await Promise.all([page.waitForURL(/\/plugin\/activate$/), page.click('#confirm')]);
      assert.match((await page.textContent('#errors')) ?? '', /key1: The key1 must be 15 to 25 digits/);
    } finally {
      await page.close();
    }
  });

  it('a link with wrong parameters shows what is wrong', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(
        `${sandbox.pluginUrl}/?label=u&currency_code=USD&wallet_type=kbzpay_manual`,
      );
      assert.equal(response?.status(), 400);
      const text = (await page.textContent('body')) ?? '';
      assert.match(text, /currency_code must be MMK/);
      assert.match(text, /custom_transaction_id is required/);
      assert.match(text, /fixed_amount must be a whole number of kyat/);
    } finally {
      await page.close();
    }
  });
});
