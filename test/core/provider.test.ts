import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CollectRequest,
  defineProvider,
  type Operation,
  type Provider,
  perform,
  UnsupportedOperationError,
  ValidationError,
} from '@tender/core';

const collectRequest: CollectRequest = {
  amount: { currency: 'KES', minor: 25000 },
  payer: { phone: '+254711000111' },
  reference: 'ORD-1',
};

function pending(kind: Operation['kind'], id: string): Operation {
  return { provider: 'widget', kind, id, reference: `ref:${id}`, status: 'pending', raw: undefined };
}

/** A card widget: it can collect and notify, nothing else, as KTWidget. */
function createWidgetProvider(seen: unknown[] = []) {
  return defineProvider({
    name: 'widget',
    capabilities: ['collect', 'notify'],
    async collect(request) {
      seen.push(request);
      return pending('collect', 'c1');
    },
    async notify(request) {
      seen.push(request);
      return pending('notify', 'n1');
    },
    async status(operation) {
      return { ...operation, status: 'succeeded' };
    },
  });
}

describe('Provider capabilities', () => {
  it('calls a declared verb with the validated request', async () => {
    const seen: unknown[] = [];
    const widget = createWidgetProvider(seen);
    const operation = await widget.collect(collectRequest);
    assert.equal(operation.status, 'pending');
    assert.deepEqual(seen, [collectRequest]);
    assert.equal((await widget.status(operation)).status, 'succeeded');
  });

  it('refuses an undeclared verb at compile time and throws UnsupportedOperationError at run time', async () => {
    const widget = createWidgetProvider();
    const reverse = () =>
      // @ts-expect-error: the widget declares no reverse capability
      widget.reverse({ transactionReference: 'TAB3CD4EF5' });
    await assert.rejects(reverse, (error: unknown) => {
      assert.ok(error instanceof UnsupportedOperationError);
      assert.equal(error.code, 'unsupported_operation');
      assert.equal(error.provider, 'widget');
      assert.equal(error.operation, 'reverse');
      assert.match(error.message, /widget does not support reverse; it supports: collect, notify/);
      return true;
    });
    // @ts-expect-error: no payout either
    await assert.rejects(() => widget.payout({}), UnsupportedOperationError);
    // @ts-expect-error: no payment links either
    await assert.rejects(() => widget.createLink({}), UnsupportedOperationError);
    // @ts-expect-error: and no link cancellation
    await assert.rejects(() => widget.cancelLink({ reference: 'x' }), UnsupportedOperationError);
  });

  it('types perform() by the provider capabilities and guards at run time', async () => {
    const widget = createWidgetProvider();
    const operation = await perform(widget, 'collect', collectRequest);
    assert.equal(operation.kind, 'collect');
    // @ts-expect-error: 'payout' is not a capability of the widget
    await assert.rejects(() => perform(widget, 'payout', collectRequest), UnsupportedOperationError);
    const untyped = widget as unknown as Provider;
    await assert.rejects(
      () => perform(untyped, 'reverse', { transactionReference: 'x' }),
      UnsupportedOperationError,
    );
  });

  it('reports what it supports', () => {
    const widget = createWidgetProvider();
    assert.deepEqual(widget.capabilities, ['collect', 'notify']);
    assert.equal(widget.supports('collect'), true);
    assert.equal(widget.supports('reverse'), false);
  });

  it('validates requests before the adapter sees them, listing every bad field', async () => {
    const seen: unknown[] = [];
    const widget = createWidgetProvider(seen);
    const bad = {
      amount: { currency: 'KES', minor: -5 },
      payer: { email: 'not-an-email' },
      callbackUrl: 'ftp://x',
    };
    await assert.rejects(
      () => widget.collect(bad as unknown as CollectRequest),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        const paths = error.issues.map((issue) => issue.path).sort();
        assert.deepEqual(paths, ['amount.minor', 'callbackUrl', 'payer.email']);
        assert.equal(error.provider, 'widget');
        assert.equal(error.operation, 'collect');
        return true;
      },
    );
    assert.deepEqual(seen, []);
  });

  it('refuses a definition that declares a verb it does not implement', () => {
    assert.throws(
      () =>
        defineProvider({
          name: 'broken',
          capabilities: ['payout'],
          status: async (operation: Operation) => operation,
        } as unknown as Parameters<typeof defineProvider<'payout'>>[0]),
      /broken declares payout but does not implement payout\(\)/,
    );
  });
});
