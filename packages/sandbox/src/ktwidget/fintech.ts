/**
 * The simulator's fintech API: `POST /api/v1/merchant-widget/payment` (reference §6.2). It checks
 * `Auth-Identifier`, opens the sealed box with the key pair it holds, validates the order and answers
 * with a transaction hash (§6.3) or KTPay's current error envelope (§7).
 */
import sodium from 'libsodium-wrappers';
import { checkSimulatedOrder, type SimulatedOrder } from './order-rules.ts';

/**
 * KTPay's documented error codes (§7), each with the message the simulator answers and its HTTP status
 * (KTPay's statuses are UNKNOWN; the simulator uses the code's first three digits, or 200 when
 * `errorStatus: 200` is chosen).
 *
 * @example
 * ```ts
 * KTPAY_SIMULATED_ERRORS[4220101].message; // 'Data malformed'
 * ```
 */
export const KTPAY_SIMULATED_ERRORS: Readonly<
  Record<number, { readonly message: string; readonly hint: string }>
> = Object.freeze({
  5000001: { message: 'Internal server error', hint: 'Try again later or contact support' },
  5000105: { message: 'Unexpected error while creating the merchant transaction', hint: 'Try again later' },
  5000106: {
    message: 'Unexpected error while getting the transaction authorisation data',
    hint: 'Try again later',
  },
  5000107: { message: 'Unexpected error while reading the transaction info', hint: 'Try again later' },
  5000109: { message: 'Unexpected error while generating the receipt', hint: 'Contact support' },
  5000110: { message: 'Receipt generation module error', hint: 'Contact support' },
  4010103: { message: 'Wrong merchant application identifier', hint: 'Check the Auth-Identifier header' },
  4220002: { message: 'Request parameters validation failed', hint: 'Fix the order fields' },
  4220101: { message: 'Data malformed', hint: 'Send standard base64 of a sealed box of the order JSON' },
  4220102: { message: 'Wrong encryption type', hint: 'Use crypto_box_seal' },
  4220103: { message: 'Validation error', hint: 'Check the application settings' },
  4220104: { message: 'The crypto key has expired', hint: 'Ask KTPay for a new app key' },
});

/**
 * An answer of the fintech API.
 *
 * @example
 * ```ts
 * const answer: FintechAnswer = { status: 200, body: { error: [], response: { success: true, data: {} } } };
 * ```
 */
export interface FintechAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The error envelope KTPay's current README documents.
 *
 * @example
 * ```ts
 * errorAnswer(4220101, 'by-code'); // { status: 422, body: { success: false, data: [], error: { code: 4220101, … } } }
 * ```
 */
export function errorAnswer(
  code: number,
  errorStatus: 'by-code' | 200,
  fields: Readonly<Record<string, string>> = {},
): FintechAnswer {
  const known = KTPAY_SIMULATED_ERRORS[code] ?? { message: 'Error', hint: '' };
  const status = errorStatus === 200 ? 200 : Number(String(code).slice(0, 3));
  return {
    status,
    body: {
      success: false,
      data: [],
      error: { code, messages: { error: known.message, ...fields }, hint: known.hint },
    },
  };
}

/**
 * What the create call needs from the simulator.
 *
 * @example
 * ```ts
 * const context: FintechContext = { appId, publicKey, privateKey, errorStatus: 'by-code', orderIds, create };
 * ```
 */
export interface FintechContext {
  readonly appId: string;
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
  readonly errorStatus: 'by-code' | 200;
  readonly isOrderIdTaken: (orderId: string) => boolean;
  /** Stores the transaction and returns its hash. */
  readonly create: (order: SimulatedOrder) => string;
}

/** `SIM-ERROR-<code>` as an order id makes the simulator answer that documented code. */
const SIMULATED_ERROR = /^SIM-ERROR-(\d{7})$/;

function open(body: string, context: FintechContext): unknown {
  const text = body.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  try {
    const sealed = sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
    const plain = sodium.crypto_box_seal_open(sealed, context.publicKey, context.privateKey, 'text');
    return JSON.parse(plain) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Answers one create call.
 *
 * @example
 * ```ts
 * const answer = createPayment({ authIdentifier: request.headers['auth-identifier'], body }, context);
 * ```
 */
export function createPayment(
  request: { readonly authIdentifier: string | undefined; readonly body: string },
  context: FintechContext,
): FintechAnswer {
  if (request.authIdentifier !== context.appId) return errorAnswer(4010103, context.errorStatus);
  const payload = open(request.body, context);
  if (payload === undefined) return errorAnswer(4220101, context.errorStatus);
  const checked = checkSimulatedOrder(payload);
  if ('problems' in checked) return errorAnswer(4220002, context.errorStatus, checked.problems);
  const { order } = checked;
  const forced = SIMULATED_ERROR.exec(order.order_id);
  if (forced?.[1] !== undefined && KTPAY_SIMULATED_ERRORS[Number(forced[1])] !== undefined) {
    return errorAnswer(Number(forced[1]), context.errorStatus);
  }
  if (context.isOrderIdTaken(order.order_id)) {
    return errorAnswer(4220002, context.errorStatus, { order_id: 'The order_id has already been taken.' });
  }
  const hash = context.create(order);
  return {
    status: 200,
    body: {
      error: [],
      response: {
        success: true,
        data: { transaction_hash: hash, show_close_button: order.show_close_button },
      },
    },
  };
}
