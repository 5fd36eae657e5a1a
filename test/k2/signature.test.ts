import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { signK2Body, verifyK2Signature } from '../../packages/k2/src/webhooks/signature.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/k2', `${name}.json`));
const utf8 = (text: string) => new TextEncoder().encode(text);

// Reference §4.1: the document's own vector, compact and pretty-printed.
const VECTOR_KEY = 'demo_api_key_123';
const VECTOR_BODY = '{"topic":"customer_created","id":"0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00"}';
const VECTOR_SIGNATURE = 'c9f4f8906aabb5cb87c15ff0faa6f72b994a14ba50c53bbb561c582dc9735cb0';
const VECTOR_PRETTY_SIGNATURE = 'cbbf69ff6708efb3b9201b2d096cd6985548a8e1c699ca4c8a241ac0578ff5b7';

describe('signK2Body', () => {
  it('matches the reference vectors over the exact bytes', () => {
    assert.equal(signK2Body(VECTOR_KEY, VECTOR_BODY), VECTOR_SIGNATURE);
    assert.equal(signK2Body(VECTOR_KEY, utf8(VECTOR_BODY)), VECTOR_SIGNATURE);
    assert.equal(
      signK2Body(VECTOR_KEY, JSON.stringify(JSON.parse(VECTOR_BODY), null, 2)),
      VECTOR_PRETTY_SIGNATURE,
    );
  });

  it('writes 64 lower-case hex characters', () => {
    assert.match(signK2Body('k', fixture('webhook-buygoods-received')), /^[0-9a-f]{64}$/);
  });
});

describe('verifyK2Signature', () => {
  it('accepts the reference vectors, and refuses the compact signature on the pretty body', () => {
    assert.deepEqual(verifyK2Signature(utf8(VECTOR_BODY), VECTOR_SIGNATURE, [VECTOR_KEY]), { ok: true });
    const pretty = utf8(JSON.stringify(JSON.parse(VECTOR_BODY), null, 2));
    assert.deepEqual(verifyK2Signature(pretty, VECTOR_PRETTY_SIGNATURE, [VECTOR_KEY]), { ok: true });
    assert.equal(verifyK2Signature(pretty, VECTOR_SIGNATURE, [VECTOR_KEY]).ok, false);
  });

  it('accepts upper-case hex and surrounding spaces (the same digest written differently)', () => {
    const body = utf8(VECTOR_BODY);
    assert.deepEqual(verifyK2Signature(body, VECTOR_SIGNATURE.toUpperCase(), [VECTOR_KEY]), { ok: true });
    assert.deepEqual(verifyK2Signature(body, ` ${VECTOR_SIGNATURE}\t`, [VECTOR_KEY]), { ok: true });
  });

  it('fails when any single byte of the body changes, at every position', () => {
    const body = fixture('webhook-buygoods-received');
    const signature = signK2Body('key', body);
    assert.deepEqual(verifyK2Signature(body, signature, ['key']), { ok: true });
    for (let position = 0; position < body.length; position++) {
      const tampered = Uint8Array.from(body);
      tampered[position] = (tampered[position] ?? 0) ^ 0x20;
      assert.equal(verifyK2Signature(tampered, signature, ['key']).ok, false, `byte ${position}`);
    }
    assert.equal(verifyK2Signature(body.subarray(0, -1), signature, ['key']).ok, false, 'truncated');
    assert.equal(
      verifyK2Signature(Buffer.concat([body, utf8(' ')]), signature, ['key']).ok,
      false,
      'extended',
    );
  });

  it('fails when any single character of the signature changes', () => {
    const body = fixture('webhook-customer-created');
    const signature = signK2Body('key', body);
    for (let position = 0; position < signature.length; position++) {
      const other = signature[position] === '0' ? '1' : '0';
      const changed = `${signature.slice(0, position)}${other}${signature.slice(position + 1)}`;
      assert.equal(verifyK2Signature(body, changed, ['key']).ok, false, `character ${position}`);
    }
  });

  it('refuses missing, malformed, short, long and wrong signatures with a reason that reveals nothing', () => {
    const body = fixture('webhook-customer-created');
    const expected = signK2Body('key', body);
    const cases: [string | undefined, RegExp][] = [
      [undefined, /missing/],
      ['', /missing/],
      ['   ', /missing/],
      ['abc', /64 hex/],
      [expected.slice(0, 63), /64 hex/],
      [`${expected}0`, /64 hex/],
      [`${expected}00`, /64 hex/],
      ['z'.repeat(64), /64 hex/],
      [`sha256=${expected}`, /64 hex/],
      [`${expected}, ${expected}`, /64 hex/],
      [Buffer.from(expected, 'hex').toString('base64'), /64 hex/],
      [signK2Body('other-key', body), /does not match/],
      ['0'.repeat(64), /does not match/],
    ];
    for (const [header, reason] of cases) {
      const verdict = verifyK2Signature(body, header, ['key']);
      assert.equal(verdict.ok, false, String(header));
      assert.match(verdict.ok ? '' : verdict.reason, reason, String(header));
      assert.ok(!JSON.stringify(verdict).includes(expected));
    }
  });

  it('accepts any of several keys during a rotation, and ignores empty keys', () => {
    const body = fixture('webhook-customer-created');
    assert.deepEqual(verifyK2Signature(body, signK2Body('new-key', body), ['old-key', 'new-key']), {
      ok: true,
    });
    assert.deepEqual(verifyK2Signature(body, signK2Body('old-key', body), ['old-key', 'new-key']), {
      ok: true,
    });
    assert.equal(verifyK2Signature(body, signK2Body('third', body), ['old-key', 'new-key']).ok, false);
    assert.equal(
      verifyK2Signature(body, signK2Body('', body), ['']).ok,
      false,
      'an empty key proves nothing',
    );
    assert.equal(verifyK2Signature(body, signK2Body('key', body), []).ok, false);
  });

  it('never throws, whatever arrives', () => {
    const body = fixture('webhook-customer-created');
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 130 }), { nil: undefined }),
        fc.uint8Array(),
        (header, bytes) => {
          assert.equal(verifyK2Signature(bytes, header, ['key']).ok, false);
          assert.equal(verifyK2Signature(body, header, ['key']).ok, false);
        },
      ),
    );
    const garbage: unknown[] = [null, 42, {}, [], Symbol('s')];
    for (const value of garbage) {
      assert.equal(verifyK2Signature(body, value as string, ['key']).ok, false);
      assert.equal(verifyK2Signature(value as Uint8Array, signK2Body('key', body), ['key']).ok, false);
    }
  });
});
