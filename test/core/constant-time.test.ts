import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantTimeEqual } from '@tender/core';

describe('constantTimeEqual', () => {
  it('says equal only for the very same string', () => {
    assert.equal(constantTimeEqual('a1b2', 'a1b2'), true);
    assert.equal(constantTimeEqual('a1b2', 'a1b3'), false);
    assert.equal(constantTimeEqual('a1b2', 'a1b2 '), false);
    assert.equal(constantTimeEqual('', ''), true);
  });

  it('never takes a lone surrogate for U+FFFD (UTF-8 would write them alike)', () => {
    assert.equal(constantTimeEqual('\uD800', '\uFFFD'), false);
    assert.equal(constantTimeEqual('\uFFFD', '\uDC00'), false);
    assert.equal(constantTimeEqual('\uD800', '\uD800'), false);
  });
});
