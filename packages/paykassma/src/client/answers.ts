import { type ErrorBodyParser, ProviderError } from '@tender/core';
import * as v from 'valibot';

/**
 * The `providerCode` of a refused call, so callers can tell the answers apart whatever HTTP status they
 * came with: `insufficient_balance` (`message.withdrawals_sum_amount`), `withdrawal_signature_invalid`
 * (`"Withdrawal signature is invalid"`: a wrong key, not worth repeating), `fail` for any other refusal.
 *
 * @example
 * ```ts
 * if (isTenderError(error) && error.providerCode === PAYKASSMA_ERROR_CODES.insufficientBalance) topUp();
 * ```
 */
export const PAYKASSMA_ERROR_CODES = {
  insufficientBalance: 'insufficient_balance',
  withdrawalSignatureInvalid: 'withdrawal_signature_invalid',
  fail: 'fail',
} as const;

/** `{"status":"fail","message": …}`: a string, or field names mapped to lists of messages (Laravel style). */
const FailSchema = v.object({
  status: v.literal('fail'),
  message: v.optional(v.union([v.string(), v.record(v.string(), v.array(v.string()))])),
});

/**
 * Reads a `{"status":"fail"}` body into a code and one message (field lists become `field: message`).
 *
 * @example
 * ```ts
 * readFail({ status: 'fail', message: { withdrawals_sum_amount: ['Insufficient balance'] } });
 * // { code: 'insufficient_balance', message: 'withdrawals_sum_amount: Insufficient balance' }
 * ```
 */
export function readFail(body: unknown): { code: string; message: string } | undefined {
  const parsed = v.safeParse(FailSchema, body);
  if (!parsed.success) return undefined;
  const { message } = parsed.output;
  if (message === undefined) return { code: PAYKASSMA_ERROR_CODES.fail, message: 'fail' };
  if (typeof message === 'string') {
    const code =
      message === 'Withdrawal signature is invalid'
        ? PAYKASSMA_ERROR_CODES.withdrawalSignatureInvalid
        : PAYKASSMA_ERROR_CODES.fail;
    return { code, message };
  }
  const code =
    message.withdrawals_sum_amount === undefined
      ? PAYKASSMA_ERROR_CODES.fail
      : PAYKASSMA_ERROR_CODES.insufficientBalance;
  const text = Object.entries(message)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
  return { code, message: text };
}

/**
 * The error body reader for answers with an HTTP error status (their codes are not documented: the body
 * decides, reference §9.2).
 *
 * @example
 * ```ts
 * createHttpClient({ provider: 'paykassma', baseUrl, parseErrorBody: parsePaykassmaErrorBody });
 * ```
 */
export const parsePaykassmaErrorBody: ErrorBodyParser = (body) => readFail(body) ?? {};

/**
 * The error for a `{"status":"fail"}` answer that came with a 2xx status.
 *
 * @example
 * ```ts
 * throw refusedError(fail, 'payout', 200);
 * ```
 */
export function refusedError(
  fail: { readonly code: string; readonly message: string },
  operation: string,
  status: number,
  redact: (text: string) => string,
): ProviderError {
  const message = redact(fail.message);
  return new ProviderError(`Paykassma refused ${operation}: ${message}`, {
    provider: 'paykassma',
    operation,
    status,
    providerCode: fail.code,
    providerMessage: message,
    retryable: false,
  });
}
