import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlainHttpElsewhere, providerBaseUrlSchema } from '@tender/core';
import * as v from 'valibot';

describe('providerBaseUrlSchema', () => {
  const schema = providerBaseUrlSchema('https://api.example.com');

  it('takes an http(s) origin with a base path and drops trailing slashes, in linear time', () => {
    assert.equal(v.parse(schema, ' https://api.example.com/ '), 'https://api.example.com');
    assert.equal(v.parse(schema, 'http://127.0.0.1:4010/base///'), 'http://127.0.0.1:4010/base');
    assert.equal(
      v.parse(schema, `https://api.example.com/a${'/'.repeat(50_000)}`),
      'https://api.example.com/a',
    );
  });

  it('refuses other schemes, queries, fragments and credentials, naming the example', () => {
    const messages = (input: unknown) => v.safeParse(schema, input).issues?.map((issue) => issue.message);
    assert.deepEqual(messages('api.example.com'), [
      'must be an absolute URL such as https://api.example.com',
    ]);
    assert.deepEqual(messages('ftp://api.example.com'), ['must use https (or http for a simulator)']);
    for (const url of [
      'https://api.example.com/?a=1',
      'https://api.example.com/#x',
      'https://u:p@api.example.com',
    ]) {
      assert.deepEqual(messages(url), [
        'must be a plain origin with an optional base path: no query, fragment or credentials',
      ]);
    }
  });
});

describe('isPlainHttpElsewhere', () => {
  it('is true only for plain http to a host beyond this machine', () => {
    for (const url of [
      'http://localhost:1',
      'http://127.8.9.10',
      'http://[::1]:2',
      'http://0.0.0.0:3',
      'http://[::]',
    ]) {
      assert.equal(isPlainHttpElsewhere(url), false, url);
    }
    assert.equal(isPlainHttpElsewhere('https://api.example.com'), false);
    assert.equal(isPlainHttpElsewhere('http://sandbox.internal:4010'), true);
    assert.equal(isPlainHttpElsewhere('http://10.0.0.5'), true);
  });
});
