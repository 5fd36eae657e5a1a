/**
 * The two signature formulas against the reference's vectors (§7.3 postbacks, §9.3 withdrawals), and the
 * exact re-serialisation the postback formula rests on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  JsonSyntaxError,
  parseExactJson,
  paykassmaPostbackSignature,
  phpJson,
  signWithdrawal,
  withdrawalSignString,
} from '@tender/paykassma';
import { SEED_DEPOSIT_LIST } from './fixtures.ts';

describe('postback signature (reference §7.3)', () => {
  it('matches the first self-test vector: slashes and Cyrillic unescaped', () => {
    const list =
      '[{"amount":"25000","currency_code":"MMK","transaction_id":"0100987654321098765","comment":"тест/ok"}]';
    const json = phpJson(parseExactJson(list));
    assert.equal(json, list);
    assert.equal(
      paykassmaPostbackSignature('PUBKEY', 'PRIVKEY', json),
      'f36dc8ce51fc717785c55155186b8c0a54d9c7d5',
    );
  });

  it("matches the second vector: the seed's additional_data, printed indented, re-serialised compactly", () => {
    const json = phpJson(parseExactJson(SEED_DEPOSIT_LIST));
    assert.equal(
      json,
      '[{"activated_datetime":"2023-11-22 02:30:22","exchanger_identifier":null,"comment":"","amount":"10000","currency_code":"MMK","wallet_type":"kbzpay_manual","stockpiling_id":1252,"transaction_id":"01003246080588218368","transaction_type":0,"plugin_custom_order_id":"test","withdrawal_id":null,"withdrawal_status":null,"account_number":"","account_name":"","account_email":"","bank_details":{"bank_code":"","branch_code":""}}]',
    );
    assert.equal(
      paykassmaPostbackSignature('PUBKEY', 'PRIVKEY', json),
      'e706f98f5eb5ed3eed97f9558d00c5bd421cfb37',
    );
  });
});

describe('re-serialisation from the source text', () => {
  it('keeps integer-like keys in source order, where JSON.parse moves them first', () => {
    const source = '[{"b":1,"2":2,"a":{"10":"x","1":"y"}}]';
    assert.equal(JSON.stringify(JSON.parse(source)), '[{"2":2,"b":1,"a":{"1":"y","10":"x"}}]');
    assert.equal(phpJson(parseExactJson(source)), source);
  });

  it('keeps number spellings: 10.0 stays 10.0, a 20-digit integer stays exact', () => {
    const source = '[ {"amount": 10.0, "id": 12345678901234567890, "e": -1.5e+3} ]';
    assert.equal(phpJson(parseExactJson(source)), '[{"amount":10.0,"id":12345678901234567890,"e":-1.5e+3}]');
  });

  it('writes strings as PHP does: \\/ unescaped, \\u escapes decoded, controls in lower-case hex, U+2028 escaped', () => {
    const source = String.raw`["a\/b","\u0442\u0435\u0441\u0442","tab\there","\u001F","q\"b\\s","\u2028"]`;
    assert.equal(
      phpJson(parseExactJson(source)),
      String.raw`["a/b","тест","tab\there","\u001f","q\"b\\s","\u2028"]`,
    );
  });

  it('keeps empty objects and empty arrays apart', () => {
    assert.equal(phpJson(parseExactJson('[{}, [], {"a": []}]')), '[{},[],{"a":[]}]');
  });

  it('refuses what is not JSON, and nesting past the bound, without recursion', () => {
    for (const bad of ['', '[1,]', '{"a" 1}', '[1] x', '"\\x"', '[01]', '{"a":tru}', '"\u0001"']) {
      assert.throws(() => parseExactJson(bad), JsonSyntaxError, bad);
    }
    assert.throws(() => parseExactJson('['.repeat(33) + ']'.repeat(33)), /nested deeper than 32/);
    assert.throws(() => parseExactJson('['.repeat(100_000)), /nested deeper/);
    assert.equal(phpJson(parseExactJson('['.repeat(32) + ']'.repeat(32))), '['.repeat(32) + ']'.repeat(32));
  });
});

describe('withdrawal signature (reference §9.3)', () => {
  it('matches the §9.1 example vector (is_test: true)', () => {
    const body = {
      withdrawal_id: 'wd-2024-000412',
      payment_system: 'kbzpay_manual',
      amount: 45000,
      currency_code: 'MMK',
      label: 'user-58213',
      account_number: '09712345678',
      is_test: true,
    };
    assert.equal(
      withdrawalSignString(body),
      '09712345678:45000:MMK:1:user-58213:kbzpay_manual:wd-2024-000412',
    );
    assert.equal(signWithdrawal(body, 'WDKEY'), 'fb386d98a107f90a180e378d7008a762e5a6729a');
  });

  it("matches the seed's request with is_test false (an empty segment)", () => {
    const body = {
      withdrawal_id: '1234567test1234',
      payment_system: 'kbzpay_manual',
      amount: 30000,
      currency_code: 'MMK',
      label: '125199',
      account_number: '09444595698',
      is_test: false,
      signature: 'ignored',
    };
    assert.equal(withdrawalSignString(body), '09444595698:30000:MMK::125199:kbzpay_manual:1234567test1234');
    assert.equal(signWithdrawal(body, 'WDKEY'), '8776a42fb7d5bdfa595568628981f09b07724c0e');
  });

  it('signs comment between amount and currency_code, and null as an empty segment', () => {
    assert.equal(
      withdrawalSignString({ label: 'l', comment: 'withdrawal', amount: 1020, account_number: 'A', x: null }),
      'A:1020:withdrawal:l:',
    );
  });
});
