import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  AuthenticationError,
  isTenderError,
  NetworkError,
  OutcomeUnknownError,
  PaymentDeclinedError,
  ProviderError,
  RateLimitError,
  SignatureError,
  TenderError,
  TimeoutError,
  UnsupportedOperationError,
  ValidationError,
} from '@tender/core';

const SECRET = 'sk_live_PLANTED_SECRET_4242';

/** A cause that holds a secret deep inside, as an HTTP library's error (ky's HTTPError, axios's AxiosError) holds the request with its Authorization header. */
function causeWithSecret(): Error {
  const cause = new Error('Request failed with status code 401');
  Object.assign(cause, {
    request: { headers: { authorization: `Bearer ${SECRET}` } },
    options: { secret: SECRET },
  });
  return cause;
}

describe('error hierarchy', () => {
  const cases: [TenderError, string, boolean][] = [
    [
      new ValidationError('Invalid request', [{ path: 'amount', message: 'must be positive' }]),
      'validation',
      false,
    ],
    [new AuthenticationError('bad credentials', { status: 401 }), 'authentication', false],
    [new ProviderError('K2 answered 400', { status: 400, providerCode: 400 }), 'provider', false],
    [new RateLimitError('slow down', { retryAfterMs: 2000 }), 'rate_limited', true],
    [new NetworkError('ECONNREFUSED'), 'network', true],
    [new TimeoutError('timed out'), 'timeout', true],
    [new OutcomeUnknownError('no answer', { retryable: true }), 'outcome_unknown', false],
    [new SignatureError('bad signature'), 'signature', false],
    [new UnsupportedOperationError('ktwidget', 'reverse'), 'unsupported_operation', false],
    [new PaymentDeclinedError('account_not_found'), 'payment_declined', false],
  ];

  for (const [error, code, retryable] of cases) {
    it(`${error.name} has code ${code}, retryable ${retryable}, and is a TenderError`, () => {
      assert.ok(error instanceof TenderError);
      assert.ok(error instanceof Error);
      assert.equal(error.code, code);
      assert.equal(error.retryable, retryable);
      assert.ok(isTenderError(error, error.code));
      assert.equal(error.toJSON().code, code);
    });
  }

  it('lists every offending field in a validation message', () => {
    const error = new ValidationError('Invalid payout request', [
      { path: 'amount.minor', message: 'must be a non-negative integer' },
      { path: 'destination.phone', message: 'must be a Kenyan mobile number' },
    ]);
    assert.equal(
      error.message,
      'Invalid payout request: amount.minor: must be a non-negative integer; destination.phone: must be a Kenyan mobile number',
    );
    assert.deepEqual(error.toJSON().issues, error.issues);
  });

  it('keeps provider details', () => {
    const error = new ProviderError('K2 answered 400: Invalid phone', {
      provider: 'k2',
      operation: 'collect',
      status: 400,
      providerCode: 400,
      providerMessage: 'Invalid phone',
    });
    assert.deepEqual(
      { ...error.toJSON() },
      {
        name: 'ProviderError',
        code: 'provider',
        message: 'K2 answered 400: Invalid phone',
        provider: 'k2',
        operation: 'collect',
        status: 400,
        providerCode: 400,
        providerMessage: 'Invalid phone',
        retryable: false,
      },
    );
  });

  it('never shows what a cause holds privately in toJSON, JSON.stringify or inspect', () => {
    const cause = causeWithSecret();
    const errors: TenderError[] = [
      new ValidationError('Invalid request', [], { cause }),
      new AuthenticationError('bad credentials', { cause }),
      new ProviderError('failed', { cause }),
      new RateLimitError('slow down', { cause }),
      new NetworkError('refused', { cause }),
      new TimeoutError('timed out', { cause }),
      new OutcomeUnknownError('no answer', { cause }),
      new SignatureError('bad signature', { cause }),
    ];
    for (const error of errors) {
      const outputs = [JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), String(error)];
      for (const output of outputs) assert.ok(!output.includes(SECRET), `${error.name} leaked: ${output}`);
      assert.match(inspect(error), /cause: 'Error: Request failed with status code 401'/);
      assert.equal(error.toJSON().cause, 'Error: Request failed with status code 401');
    }
  });

  it('shows the decline reason and the retry-after delay', () => {
    assert.equal(new PaymentDeclinedError('invalid_payment').toJSON().reason, 'invalid_payment');
    assert.equal(new PaymentDeclinedError('account_not_found').message, 'account not found');
    assert.equal(new RateLimitError('slow', { retryAfterMs: 1500 }).toJSON().retryAfterMs, 1500);
  });
});
