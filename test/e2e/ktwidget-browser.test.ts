/**
 * The KTWidget browser part in a real headless Chromium, against the checkout example and the KTPay
 * simulator: checkout page -> widget -> test card -> callback -> payment.succeeded in the router; a declined
 * card -> payment.failed; hostile messages (another origin, `javascript:` URLs, hosts not allowed, another
 * window) ignored; one message listener however often the widget opens; close removes everything; a failed
 * start shows an error instead of an empty frame.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type Checkout, startCheckout } from '../../examples/ktwidget-checkout/app.ts';
import { launchChromium } from '../support/chromium.ts';

let browser: Browser;
let checkout: Checkout;
let hostile: Server;
let hostileUrl = '';

/** Counts the page's `message` listeners, so a test can see how many the widget keeps. */
const COUNT_LISTENERS = `(() => {
  const add = window.addEventListener.bind(window);
  const remove = window.removeEventListener.bind(window);
  const live = new Set();
  window.messageListeners = () => live.size;
  window.addEventListener = (type, listener, options) => { if (type === 'message') live.add(listener); return add(type, listener, options); };
  window.removeEventListener = (type, listener, options) => { if (type === 'message') live.delete(listener); return remove(type, listener, options); };
})();`;

before(async () => {
  browser = await launchChromium();
  checkout = await startCheckout({ timeScale: 0.001 });
  // A page on another origin that posts to its parent what a hostile frame would.
  hostile = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><script>
      const shop = new URLSearchParams(location.search).get('shop');
      for (const message of ['close', 'javascript:document.title="pwned"//http', shop + '/paid', 'https://evil.example/']) parent.postMessage(message, '*');
      parent.postMessage('hostile-done', '*');
    </script>`);
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`;
});

after(async () => {
  await browser?.close();
  await checkout?.close();
  await new Promise((resolve) => hostile?.close(resolve));
});

async function openCheckout(query = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(COUNT_LISTENERS);
  await page.goto(`${checkout.url}/${query}`);
  return page;
}

async function payWith(page: Page, card: string): Promise<string> {
  await page.click('#pay');
  const widget = page.frameLocator('#iframe_widget');
  await widget.locator('#card').fill(card);
  await widget.locator('#pay').click();
  await widget.locator('#result').waitFor();
  return (await page.locator('#status').getAttribute('data-order')) ?? '';
}

async function eventFor(orderId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = checkout.events.find((candidate) => candidate.merchantReference === orderId);
    if (event) return event;
    if (Date.now() > deadline) throw new Error(`no event for ${orderId}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('KTWidget in a real browser', { timeout: 60_000 }, () => {
  it('pays with a test card: callback -> payment.succeeded, Continue returns to the shop', async () => {
    const page = await openCheckout();
    try {
      const orderId = await payWith(page, '4400 4400 4400 4402');
      const event = await eventFor(orderId);
      assert.equal(event.type, 'payment.succeeded');
      assert.ok(event.type === 'payment.succeeded');
      assert.deepEqual(event.amount, { currency: 'KZT', minor: 499000 });
      assert.equal(event.channel, 'card');
      await page.frameLocator('#iframe_widget').locator('#continue').click();
      await page.waitForURL(`${checkout.url}/paid`);
      assert.equal(await page.locator('#result').textContent(), 'Thank you!');
    } finally {
      await page.close();
    }
  });

  it('declines a card: callback -> payment.failed with the bank error, Continue to /failed', async () => {
    const page = await openCheckout();
    try {
      const orderId = await payWith(page, '4000000000000002');
      const event = await eventFor(orderId);
      assert.ok(event.type === 'payment.failed');
      assert.equal(event.failureReason, 'ERROR_PAYMENT: Payment declined by the acquirer');
      await page.frameLocator('#iframe_widget').locator('#continue').click();
      await page.waitForURL(`${checkout.url}/failed`);
    } finally {
      await page.close();
    }
  });

  it('ignores hostile messages: another origin, javascript: URLs, hosts not allowed, another window', async () => {
    const page = await openCheckout();
    try {
      await page.click('#pay');
      await page.frameLocator('#iframe_widget').locator('#card').waitFor();
      const title = await page.title();
      // A frame on another origin posts close, a javascript: URL, an allowed URL and a foreign one.
      const src = `${hostileUrl}?shop=${encodeURIComponent(checkout.url)}`;
      await page.evaluate(`new Promise((resolve) => {
        addEventListener('message', (event) => event.data === 'hostile-done' && resolve());
        const frame = document.createElement('iframe');
        frame.src = ${JSON.stringify(src)};
        document.body.appendChild(frame);
      })`);
      // Messages from the widget's own origin and frame that are not allowed redirects, an allowed URL
      // claiming the widget's origin from another window, and close from another origin.
      const origin = JSON.stringify(new URL(checkout.ktpay.widgetUrl).origin);
      await page.evaluate(`(() => {
        const frame = document.getElementById('iframe_widget');
        for (const data of ['javascript:document.title="pwned"//http', 'https://evil.example/', 'data:text/html,x']) {
          dispatchEvent(new MessageEvent('message', { data, origin: ${origin}, source: frame.contentWindow }));
        }
        dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(`${checkout.url}/paid`)}, origin: ${origin}, source: window }));
        dispatchEvent(new MessageEvent('message', { data: 'close', origin: 'http://127.0.0.1:1', source: frame.contentWindow }));
      })()`);
      assert.equal(page.url(), `${checkout.url}/`);
      assert.equal(await page.title(), title);
      assert.equal(await page.locator('#ktpay_widget_wrapper').count(), 1, 'still open');
      assert.equal(await page.locator('#status').textContent(), 'Payment form error: redirect_refused');
      // The widget itself still works afterwards.
      await page.frameLocator('#iframe_widget').locator('#close').click();
      await page.locator('#ktpay_widget_wrapper').waitFor({ state: 'detached' });
    } finally {
      await page.close();
    }
  });

  it('keeps one listener however often it opens, and close removes the overlay and the listener', async () => {
    const page = await openCheckout();
    try {
      const listeners = () => page.evaluate<number>('window.messageListeners()');
      const before = await listeners();
      // The overlay covers the button after the first opening: the page's own code opens it again.
      for (let round = 0; round < 3; round += 1) {
        await page.evaluate("document.getElementById('pay').click()");
        await page.frameLocator('#iframe_widget').locator('#card').waitFor();
      }
      assert.equal(await page.locator('#ktpay_widget_wrapper').count(), 1);
      assert.equal(await page.locator('#iframe_widget').count(), 1);
      assert.equal(await listeners(), before + 1);
      await page.frameLocator('#iframe_widget').locator('#close').click();
      await page.locator('#ktpay_widget_wrapper').waitFor({ state: 'detached' });
      assert.equal(await page.locator('#iframe_widget').count(), 0);
      assert.equal(await listeners(), before);
      assert.equal(await page.locator('#status').textContent(), 'The payment form was closed.');
    } finally {
      await page.close();
    }
  });

  it('shows an error instead of an empty full-screen frame when the start fails', async () => {
    const page = await openCheckout('?fail=1');
    try {
      await page.click('#pay');
      const alert = page.locator('#ktpay_widget_wrapper [role=alert]');
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? '', /could not be opened/);
      assert.equal(await page.locator('#iframe_widget').count(), 0);
      assert.equal(await page.locator('#status').textContent(), 'Payment form error: start_failed');
      await alert.locator('button').click();
      await page.locator('#ktpay_widget_wrapper').waitFor({ state: 'detached' });
    } finally {
      await page.close();
    }
  });
});
