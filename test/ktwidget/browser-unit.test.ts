/**
 * The browser part's decisions with a stand-in page (the real-Chromium flows are in
 * test/e2e/ktwidget-browser.test.ts): redirect mode, an app that declines a redirect, URLs that are not
 * http(s), allowed hosts compared without letter case, a second opening closing the first.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { type KtwidgetBrowserError, openKtwidget } from '@tender/ktwidget/browser';

interface FakeElement {
  tag: string;
  id: string;
  textContent: string | null;
  src?: string;
  contentWindow?: object;
  style: { cssText: string };
  parent: FakeElement | undefined;
  children: FakeElement[];
  attributes: Record<string, string>;
  clicks: (() => void)[];
  setAttribute(name: string, value: string): void;
  appendChild(child: FakeElement): void;
  remove(): void;
  addEventListener(type: 'click', listener: () => void): void;
}

function element(tag: string): FakeElement {
  const created: FakeElement = {
    tag,
    id: '',
    textContent: null,
    style: { cssText: '' },
    parent: undefined,
    children: [],
    attributes: {},
    clicks: [],
    setAttribute(name, value) {
      created.attributes[name] = value;
    },
    appendChild(child) {
      child.parent = created;
      created.children.push(child);
    },
    remove() {
      if (created.parent)
        created.parent.children = created.parent.children.filter((other) => other !== created);
      created.parent = undefined;
    },
    addEventListener(_type, listener) {
      created.clicks.push(listener);
    },
  };
  if (tag === 'iframe') created.contentWindow = {};
  return created;
}

type Listener = (event: { origin: string; source: unknown; data: unknown }) => void;
const saved = new Map<string, PropertyDescriptor | undefined>();
let body: FakeElement;
let listeners: Set<Listener>;
let navigations: string[];

beforeEach(() => {
  body = element('body');
  listeners = new Set();
  navigations = [];
  const fakes: Record<string, unknown> = {
    document: { body, createElement: element },
    addEventListener: (_type: string, listener: Listener) => listeners.add(listener),
    removeEventListener: (_type: string, listener: Listener) => listeners.delete(listener),
    location: { assign: (url: string) => navigations.push(url) },
  };
  for (const [name, value] of Object.entries(fakes)) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
});

afterEach(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete (globalThis as Record<string, unknown>)[name];
  }
  saved.clear();
});

const WIDGET = 'https://widget.nplus.tech';
const frameOf = () => body.children[0]?.children.find((child) => child.tag === 'iframe');
const post = (data: unknown, origin = WIDGET, source: unknown = frameOf()?.contentWindow) => {
  for (const listener of [...listeners]) listener({ origin, source, data });
};

describe('openKtwidget with a stand-in page', () => {
  it('follows an allowed redirect (host compared without letter case), refuses others', async () => {
    const errors: KtwidgetBrowserError[] = [];
    const session = openKtwidget({
      url: `${WIDGET}/payment-card?hash=abc&show_close_buttontrue`,
      allowedRedirectHosts: ['Shop.Example.KZ'],
      onError: (error) => errors.push(error),
    });
    assert.equal(await session.started, true);
    assert.equal(frameOf()?.src, `${WIDGET}/payment-card?hash=abc&show_close_buttontrue`);
    assert.equal(body.children[0]?.id, 'ktpay_widget_wrapper');
    post('ftp://shop.example.kz/x');
    post('https://shop.example.kz.evil.example/x');
    post('//shop.example.kz/x');
    assert.deepEqual(navigations, []);
    assert.deepEqual(
      errors.map((error) => error.code),
      ['redirect_refused', 'redirect_refused', 'redirect_refused'],
    );
    post('https://shop.example.kz/paid?order=1');
    assert.deepEqual(navigations, ['https://shop.example.kz/paid?order=1']);
    assert.equal(listeners.size, 0, 'the listener goes with the navigation');
  });

  it('lets the app decline a redirect and keeps listening', () => {
    const seen: string[] = [];
    const session = openKtwidget({
      url: `${WIDGET}/payment-card?hash=abc`,
      allowedRedirectHosts: ['shop.example.kz'],
      onRedirect: (url) => {
        seen.push(url);
        return false;
      },
    });
    post('https://shop.example.kz/paid');
    assert.deepEqual(seen, ['https://shop.example.kz/paid']);
    assert.deepEqual(navigations, []);
    assert.equal(listeners.size, 1);
    session.close();
    assert.equal(listeners.size, 0);
    assert.equal(body.children.length, 0);
  });

  it('sends the page to the widget in redirect mode, adding nothing to it', async () => {
    const session = openKtwidget({
      url: `${WIDGET}/payment-card?hash=abc`,
      mode: 'redirect',
      allowedRedirectHosts: [],
    });
    assert.equal(await session.started, true);
    assert.deepEqual(navigations, [`${WIDGET}/payment-card?hash=abc`]);
    assert.equal(body.children.length, 0);
    assert.equal(listeners.size, 0);
  });

  it('shows an error for a widget URL that is not http(s), and closes once', async () => {
    let closes = 0;
    const errors: string[] = [];
    const session = openKtwidget({
      url: async () => 'javascript:alert(1)',
      allowedRedirectHosts: [],
      onClose: () => {
        closes += 1;
      },
      onError: (error) => errors.push(error.code),
    });
    assert.equal(await session.started, false);
    assert.deepEqual(errors, ['invalid_url']);
    assert.equal(frameOf(), undefined);
    const box = body.children[0]?.children.find((child) => child.attributes.role === 'alert');
    assert.ok(box);
    box.children.find((child) => child.tag === 'button')?.clicks[0]?.();
    session.close();
    assert.equal(closes, 1);
    assert.equal(body.children.length, 0);
    assert.equal(session.closed, true);
  });

  it('closes the widget already open when opened again, and obeys close only from the widget frame', () => {
    let firstClosed = false;
    openKtwidget({
      url: `${WIDGET}/payment-card?hash=one`,
      allowedRedirectHosts: [],
      onClose: () => {
        firstClosed = true;
      },
    });
    const second = openKtwidget({ url: `${WIDGET}/payment-card?hash=two`, allowedRedirectHosts: [] });
    assert.equal(firstClosed, true);
    assert.equal(body.children.length, 1);
    assert.equal(listeners.size, 1);
    post('close', 'https://evil.example');
    post('close', WIDGET, {});
    assert.equal(second.closed, false);
    post('close');
    assert.equal(second.closed, true);
    assert.equal(body.children.length, 0);
  });
});
