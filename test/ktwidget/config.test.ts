/**
 * Configuration: every bad field named at construction, hosts resolved, and no secret in any error,
 * inspect or JSON output; the source's options likewise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { ValidationError } from '@tender/core';
import {
  createKtwidgetClient,
  createKtwidgetProvider,
  createKtwidgetSource,
  KTWIDGET_HOSTS,
  type KtwidgetConfig,
  resolveKtwidgetConfig,
} from '@tender/ktwidget';
import { APP_ID, APP_KEY, CALLBACK_SECRET } from './support.ts';

const valid: KtwidgetConfig = {
  appId: APP_ID,
  appKey: APP_KEY,
  merchantId: 42,
  environment: 'test',
  callbackUrl: 'https://shop.example.kz/webhooks/ktwidget',
  callbackSecret: CALLBACK_SECRET,
};

function refuses(config: unknown, field: string, message: RegExp) {
  assert.throws(
    () => createKtwidgetClient(config as KtwidgetConfig),
    (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      const issue = error.issues.find((candidate) => candidate.path === field);
      assert.ok(issue, `no issue for ${field} in ${error.message}`);
      assert.match(issue.message, message);
      for (const shown of [error.message, JSON.stringify(error), inspect(error)]) {
        assert.ok(!shown.includes(CALLBACK_SECRET));
      }
      return true;
    },
  );
}

describe('KTWidget configuration', () => {
  it('resolves the hosts of §4 by environment, or takes explicit hosts without a trailing slash', () => {
    assert.deepEqual(resolveKtwidgetConfig(valid).hosts, KTWIDGET_HOSTS.test);
    assert.deepEqual(resolveKtwidgetConfig({ ...valid, environment: 'production' }).hosts, {
      fintech: 'https://fintech.nplus.tech',
      widget: 'https://widget.nplus.tech',
    });
    const { environment: _, ...rest } = valid;
    assert.deepEqual(
      resolveKtwidgetConfig({
        ...rest,
        hosts: { fintech: 'http://127.0.0.1:4020/', widget: 'http://127.0.0.1:4021' },
      }).hosts,
      { fintech: 'http://127.0.0.1:4020', widget: 'http://127.0.0.1:4021' },
    );
    assert.equal(resolveKtwidgetConfig(valid).widgetUrlStyle, 'original');
    assert.equal(resolveKtwidgetConfig(valid).tokenParameter, 'token');
  });

  it('names each bad field', () => {
    refuses({ ...valid, appId: ' ' }, 'appId', /must not be empty/);
    refuses(
      { ...valid, appKey: 'h09acJ8QSLPw40XZxdNfLbq4hXzWInC5zXL319RdXUI' },
      'appKey',
      /standard base64 with padding/,
    );
    refuses(
      { ...valid, appKey: 'h09acJ8QSLPw40XZxdNfLbq4hXzWInC5zXL319RdXU_=' },
      'appKey',
      /standard base64/,
    );
    refuses({ ...valid, merchantId: '42' }, 'merchantId', /must be a number/);
    refuses({ ...valid, merchantId: 0 }, 'merchantId', /must be positive/);
    refuses({ ...valid, environment: 'sandbox' }, 'environment', /'test' or 'production'/);
    refuses({ ...valid, hosts: KTWIDGET_HOSTS.test }, 'environment', /exactly one of environment/);
    refuses({ ...valid, environment: undefined }, 'environment', /exactly one of environment/);
    const { environment: _, ...rest } = valid;
    refuses({ ...rest, hosts: { fintech: 'ftp://x', widget: 'https://w' } }, 'hosts.fintech', /https/);
    refuses(
      { ...rest, hosts: { fintech: 'https://f?x=1', widget: 'https://w' } },
      'hosts.fintech',
      /no query/,
    );
    refuses({ ...valid, callbackUrl: 'not a url' }, 'callbackUrl', /absolute URL/);
    refuses({ ...valid, callbackSecret: 'short' }, 'callbackSecret', /at least 32 characters/);
    refuses({ ...valid, callbackSecret: undefined }, 'callbackSecret', /required with callbackUrl/);
    refuses({ ...valid, tokenParameter: 'a b' }, 'tokenParameter', /letters, digits/);
    refuses({ ...valid, widgetUrlStyle: 'pretty' }, 'widgetUrlStyle', /'original', 'query' or 'omit'/);
    refuses({ ...valid, timeoutMs: 0 }, 'timeoutMs', /at least 1 ms/);
    refuses({ ...valid, fetch: 'fetch' }, 'fetch', /must be a function/);
  });

  it('never quotes a secret given in the wrong place', () => {
    refuses({ ...valid, merchantId: CALLBACK_SECRET }, 'merchantId', /must be a number/);
    refuses({ ...valid, appKey: CALLBACK_SECRET }, 'appKey', /standard base64/);
  });

  it('keeps the callback secret out of the client, the provider and the source when logged', () => {
    const client = createKtwidgetClient(valid);
    const provider = createKtwidgetProvider(valid);
    const source = createKtwidgetSource({ merchantId: 42, callbackSecret: CALLBACK_SECRET });
    for (const value of [client, provider, source]) {
      assert.ok(!inspect(value, { depth: 10, showHidden: true }).includes(CALLBACK_SECRET));
      assert.ok(!(JSON.stringify(value) ?? '').includes(CALLBACK_SECRET));
    }
  });

  it('refuses a provider given both a client and a configuration', () => {
    assert.throws(
      () => createKtwidgetProvider({ ...valid, client: createKtwidgetClient(valid) } as never),
      /give either a client or a KTWidget configuration/,
    );
  });
});

describe('KTWidget source options', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ callbackSecret: CALLBACK_SECRET }, 'merchantId', /merchant id/],
    [{ merchantId: 42 }, 'callbackSecret', /at least 32 characters/],
    [{ merchantId: 42, callbackSecret: 'short' }, 'callbackSecret', /at least 32 characters/],
    [
      { merchantId: 42, callbackSecret: CALLBACK_SECRET, skipChecks: ['token'] },
      'callbackSecret',
      /skipChecks lists/,
    ],
    [
      { merchantId: 42, callbackSecret: CALLBACK_SECRET, skipChecks: ['ip'] },
      'skipChecks',
      /only 'token' and 'merchantId'/,
    ],
    [
      { merchantId: 42, callbackSecret: CALLBACK_SECRET, verifyOrder: true },
      'verifyOrder',
      /must be a function/,
    ],
    [{ merchantId: 42, callbackSecret: CALLBACK_SECRET, tokenParameter: '' }, 'tokenParameter', /letters/],
  ];
  it('names each bad option; switching a layer off takes an explicit skipChecks', () => {
    for (const [options, field, message] of cases) {
      assert.throws(
        () => createKtwidgetSource(options as never),
        (error: unknown) =>
          error instanceof ValidationError &&
          error.issues[0]?.path === field &&
          message.test(error.issues[0].message) &&
          !error.message.includes(CALLBACK_SECRET),
      );
    }
    assert.equal(createKtwidgetSource({ skipChecks: ['token', 'merchantId'] }).provider, 'ktwidget');
  });
});
