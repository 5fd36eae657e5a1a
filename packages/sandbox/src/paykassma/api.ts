/**
 * The Paykassma API endpoints of the simulator, with the manual's validation and answers (reference §5,
 * §9): `{"status":"ok"}` / `{"status":"success", "code":20000, ...}` on success, `{"status":"fail",
 * "message": ...}` otherwise, the message a string or Laravel-style field lists. The manual documents no
 * HTTP status for failures; the simulator answers them 400 (404 `Not found` for a missing or wrong
 * `secret`, as the deposit API page describes).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/io.ts';
import { withdrawalSignatureMatches } from './postback.ts';
import {
  kbzpayNumber,
  PAYKASSMA_TEST_INPUTS,
  type PaykassmaState,
  type SimulatedActivation,
  type SimulatedWithdrawal,
} from './state.ts';

/** Laravel-style field errors: each field and its messages. */
type FieldErrors = Record<string, string[]>;

/** What the endpoints need from the simulator. */
export interface PaykassmaApiContext {
  readonly state: PaykassmaState;
  readonly pluginapiSecret: string;
  readonly withdrawalPrivateKey: string;
  /** Called once an activation is accepted: the simulator credits it after its delay. */
  readonly onActivated: (activation: SimulatedActivation) => void;
  /** Called once a withdrawal is accepted: the simulator posts its outcome after its delay. */
  readonly onWithdrawal: (withdrawal: SimulatedWithdrawal) => void;
}

/** One request as the endpoints see it. */
export interface PaykassmaApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly contentType: string;
  readonly body: Buffer;
}

const ACTIVATION_SUCCESS = {
  status: 'success',
  message: '',
  code: 20000,
  data: [],
  paginate: { offset: 0, total: 1, limit: 1 },
};

function fail(response: ServerResponse, message: string | FieldErrors, status = 400): void {
  sendJson(response, status, { status: 'fail', message });
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value : undefined;
}

/**
 * Answers the request when it is one of the Paykassma API endpoints; resolves `false` otherwise.
 *
 * @example
 * ```ts
 * if (!(await handlePaykassmaApi(request, response, context))) sendJson(response, 404, { status: 'fail', message: 'Not found' });
 * ```
 */
export async function handlePaykassmaApi(
  request: PaykassmaApiRequest,
  response: ServerResponse,
  context: PaykassmaApiContext,
): Promise<boolean> {
  const { method, path } = request;
  if (method !== 'POST') return false;
  if (path === '/api/v1/transaction/create/kbzpay_manual' || path === '/api/v1/possible-transaction') {
    if (request.query.get('secret') !== context.pluginapiSecret) {
      fail(response, 'Not found', 404);
      return true;
    }
    if (path === '/api/v1/possible-transaction') await activation(request, response, context);
    else createDeposit(request, response, context.state);
    return true;
  }
  if (path === '/v2/withdrawal/create') {
    createWithdrawal(request, response, context);
    return true;
  }
  return false;
}

function jsonObject(request: PaykassmaApiRequest): Record<string, unknown> | undefined {
  if (!request.contentType.toLowerCase().startsWith('application/json')) return undefined;
  try {
    const body: unknown = JSON.parse(request.body.toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function createDeposit(request: PaykassmaApiRequest, response: ServerResponse, state: PaykassmaState): void {
  const body = jsonObject(request);
  if (body === undefined) {
    fail(response, 'The request body must be JSON');
    return;
  }
  const errors: FieldErrors = {};
  if (body.currency !== 'MMK') errors.currency = ['The selected currency is invalid.'];
  const label = text(body.label, 190);
  if (label === undefined)
    errors.label = ['The label field is required and may not be greater than 190 characters.'];
  if (label === undefined || Object.keys(errors).length > 0) {
    fail(response, errors);
    return;
  }
  const deposit = { label, kbzpayNumber: kbzpayNumber(state.deposits.size + 1) };
  state.deposits.set(label, deposit);
  sendJson(response, 200, { status: 'ok', params: { 'kbzpay number': deposit.kbzpayNumber } });
}

/**
 * Checks an activation's fields (multipart, reference §5.2) and records it; the answer is Laravel-style
 * field errors, or the activation. Shared by the API and the payment window page.
 *
 * @example
 * ```ts
 * const result = await acceptActivation(form, state);
 * ```
 */
export function acceptActivation(
  form: FormData,
  state: PaykassmaState,
): { readonly errors: FieldErrors } | { readonly activation: SimulatedActivation } {
  const errors: FieldErrors = {};
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  if (field('currency_code') !== 'MMK') errors.currency_code = ['The selected currency code is invalid.'];
  if (field('wallet_type') !== 'kbzpay_manual') errors.wallet_type = ['The selected wallet type is invalid.'];
  const label = text(field('label'), 190);
  if (label === undefined) errors.label = ['The label field is required.'];
  else if (!state.deposits.has(label)) errors.label = ['No deposit was requested for this label.'];
  const key1 = field('key1') ?? '';
  if (!/^\d{15,25}$/.test(key1)) errors.key1 = ['The key1 must be 15 to 25 digits.'];
  const screenshot = form.get('screenshot');
  if (!(screenshot instanceof File) || screenshot.size === 0) {
    errors.screenshot = ['The screenshot must be a file.'];
  } else if (!screenshot.type.startsWith('image/')) {
    errors.screenshot = ['The screenshot must be an image.'];
  }
  const amount = field('amount') ?? '';
  if (!/^[1-9]\d{0,11}$/.test(amount)) errors.amount = ['The amount must be a whole number of kyat.'];
  const customTransactionId = text(field('custom_transaction_id'), 190);
  if (customTransactionId === undefined) {
    errors.custom_transaction_id = ['The custom transaction id field is required.'];
  } else if (state.activations.has(customTransactionId)) {
    errors.custom_transaction_id = ['The custom transaction id has already been taken.'];
  }
  if (Object.keys(errors).length > 0 || !(screenshot instanceof File)) return { errors };
  const activation: SimulatedActivation = {
    label: label as string,
    customTransactionId: customTransactionId as string,
    transactionId: key1,
    amountKyat: Number(amount),
    creditedKyat: key1.startsWith(PAYKASSMA_TEST_INPUTS.halfPaidTransactionPrefix)
      ? Math.floor(Number(amount) / 2)
      : Number(amount),
    screenshot: { name: screenshot.name, type: screenshot.type, bytes: screenshot.size },
    stockpilingId: state.nextStockpilingId,
  };
  state.nextStockpilingId += 1;
  state.activations.set(activation.customTransactionId, activation);
  return { activation };
}

/**
 * Reads a multipart body into FormData, or `undefined` when it is not multipart.
 *
 * @example
 * ```ts
 * const form = await readMultipart(contentType, body);
 * ```
 */
export async function readMultipart(contentType: string, body: Buffer): Promise<FormData | undefined> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return undefined;
  try {
    return await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return undefined;
  }
}

async function activation(
  request: PaykassmaApiRequest,
  response: ServerResponse,
  context: PaykassmaApiContext,
): Promise<void> {
  const form = await readMultipart(request.contentType, request.body);
  if (form === undefined) {
    fail(response, 'The request must be multipart/form-data');
    return;
  }
  const result = acceptActivation(form, context.state);
  if ('errors' in result) {
    fail(response, result.errors);
    return;
  }
  context.onActivated(result.activation);
  sendJson(response, 200, ACTIVATION_SUCCESS);
}

function createWithdrawal(
  request: PaykassmaApiRequest,
  response: ServerResponse,
  context: PaykassmaApiContext,
): void {
  const body = jsonObject(request);
  if (body === undefined) {
    fail(response, 'The request body must be JSON');
    return;
  }
  const { state } = context;
  const errors: FieldErrors = {};
  const withdrawalId = body.withdrawal_id === undefined ? randomUUID() : text(body.withdrawal_id, 36);
  if (withdrawalId === undefined) errors.withdrawal_id = ['The withdrawal id must be 1 to 36 characters.'];
  else if (state.withdrawals.has(withdrawalId))
    errors.withdrawal_id = ['The withdrawal id has already been taken.'];
  if (body.payment_system !== 'kbzpay_manual')
    errors.payment_system = ['The selected payment system is invalid.'];
  const amount = body.amount;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1) {
    errors.amount = ['The amount must be a whole number of at least 1.'];
  }
  if (body.currency_code !== 'MMK') errors.currency_code = ['The selected currency code is invalid.'];
  const label = text(body.label, 36);
  if (label === undefined) errors.label = ['The label must be 1 to 36 characters.'];
  const accountNumber = typeof body.account_number === 'string' ? body.account_number : '';
  if (!/^\d{11}$/.test(accountNumber)) errors.account_number = ['The account number must be 11 digits.'];
  if (typeof body.is_test !== 'boolean') errors.is_test = ['The is test field must be true or false.'];
  if (typeof body.signature !== 'string') errors.signature = ['The signature field is required.'];
  if (Object.keys(errors).length > 0) {
    fail(response, errors);
    return;
  }
  if (!withdrawalSignatureMatches(body, context.withdrawalPrivateKey)) {
    fail(response, 'Withdrawal signature is invalid');
    return;
  }
  const amountKyat = amount as number;
  if (amountKyat > state.balanceKyat) {
    fail(response, { withdrawals_sum_amount: ['Insufficient balance'] });
    return;
  }
  state.balanceKyat -= amountKyat;
  const withdrawal: SimulatedWithdrawal = {
    withdrawalId: withdrawalId as string,
    label: label as string,
    accountNumber,
    amountKyat,
    comment: typeof body.comment === 'string' ? body.comment : '',
    isTest: body.is_test === true,
    outcome: accountNumber === PAYKASSMA_TEST_INPUTS.failingAccountNumber ? 5 : 1,
  };
  state.withdrawals.set(withdrawal.withdrawalId, withdrawal);
  context.onWithdrawal(withdrawal);
  sendJson(response, 200, { status: 'ok' });
}
