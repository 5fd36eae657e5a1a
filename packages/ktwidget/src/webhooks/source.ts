import {
  jsonAnswer,
  type Money,
  parseMoneyFromWire,
  ValidationError,
  type WebhookRequest,
  type WebhookSource,
} from '@tender/core';
import { callbackTokenMatches } from '../client/callback-token.ts';
import type { KtwidgetCallback } from './callback.ts';
import { decodeKtwidgetCallback } from './decode.ts';
import { orderIdOf, readKtwidgetCallback } from './read.ts';

/**
 * What the `verifyOrder` hook is asked about one callback, for a check against the merchant's own records
 * (§10, layer 1): the order exists, the transaction hash is the one KTPay gave when it was created, and the
 * amount is the order's amount.
 *
 * @example
 * ```ts
 * const check: KtwidgetOrderCheck = { orderId: 'INV-1', transactionHash: 'af7e…', amount: money(100000, 'KZT'), status: 'completed', callback };
 * ```
 */
export interface KtwidgetOrderCheck {
  readonly orderId: string;
  readonly transactionHash: string;
  readonly amount: Money;
  readonly status: string;
  readonly callback: KtwidgetCallback;
}

/**
 * An authentication layer that can be switched off explicitly.
 *
 * @example
 * ```ts
 * const skip: KtwidgetCheck[] = ['merchantId'];
 * ```
 */
export type KtwidgetCheck = 'token' | 'merchantId';

/**
 * Options of {@link createKtwidgetSource}. KTPay signs nothing (§10), so a callback is authenticated in
 * layers, each on by default: the token in the callback URL (`callbackSecret`), the merchant id
 * (`merchantId`), and, when given, `verifyOrder`. Turning the first two off takes an explicit `skipChecks`.
 * KTPay's source addresses are UNKNOWN, so there is no IP allow-list here: put one in front of the router if
 * KTPay ever publishes its addresses.
 *
 * @example
 * ```ts
 * const options: KtwidgetSourceOptions = {
 *   merchantId: 42,
 *   callbackSecret: process.env.KTPAY_CALLBACK_SECRET!,
 *   verifyOrder: async ({ orderId, transactionHash, amount }) => orders.matches(orderId, transactionHash, amount),
 * };
 * ```
 */
export interface KtwidgetSourceOptions {
  /** The merchant id KTPay assigned; `merchant_id` must equal it. */
  readonly merchantId?: number;
  /** The same secret the client was configured with; the URL's token must be the order's. */
  readonly callbackSecret?: string;
  /** Query parameter carrying the token. @default 'token' */
  readonly tokenParameter?: string;
  /** Checks the callback against the merchant's records; `false` (or a throw) refuses it with 401. */
  readonly verifyOrder?: (check: KtwidgetOrderCheck) => boolean | Promise<boolean>;
  /** Layers deliberately switched off. */
  readonly skipChecks?: readonly KtwidgetCheck[];
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('Invalid KTWidget source options', [{ path, message }], {
    provider: 'ktwidget',
  });
}

interface Checks {
  readonly merchantId: number | undefined;
  readonly secret: string | undefined;
  readonly tokenParameter: string;
  readonly verifyOrder: KtwidgetSourceOptions['verifyOrder'];
}

function resolveChecks(options: KtwidgetSourceOptions): Checks {
  const skip = new Set(options.skipChecks ?? []);
  for (const check of skip) {
    if (check !== 'token' && check !== 'merchantId')
      throw invalid('skipChecks', "may list only 'token' and 'merchantId'");
  }
  const { merchantId, callbackSecret, verifyOrder } = options;
  if (skip.has('merchantId')) {
    if (merchantId !== undefined) throw invalid('merchantId', "is given but skipChecks lists 'merchantId'");
  } else if (typeof merchantId !== 'number' || !Number.isSafeInteger(merchantId) || merchantId < 1) {
    throw invalid(
      'merchantId',
      "must be KTPay's merchant id (a positive whole number), or skipChecks: ['merchantId']",
    );
  }
  if (skip.has('token')) {
    if (callbackSecret !== undefined)
      throw invalid('callbackSecret', "is given but skipChecks lists 'token'");
  } else if (typeof callbackSecret !== 'string' || callbackSecret.length < 32) {
    throw invalid(
      'callbackSecret',
      "must be the client's callback secret (at least 32 characters), or skipChecks: ['token']",
    );
  }
  if (verifyOrder !== undefined && typeof verifyOrder !== 'function')
    throw invalid('verifyOrder', 'must be a function');
  const tokenParameter = options.tokenParameter ?? 'token';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(tokenParameter)) {
    throw invalid('tokenParameter', 'must be 1 to 32 letters, digits, "_" or "-"');
  }
  return {
    merchantId: skip.has('merchantId') ? undefined : merchantId,
    secret: skip.has('token') ? undefined : callbackSecret,
    tokenParameter,
    verifyOrder,
  };
}

/** A refusal: the router answers 401 and runs nothing. */
type Refused = { readonly ok: false; readonly reason: string };

const REFUSED = (reason: string): Refused => ({ ok: false, reason });

/** A verified callback, or why it was refused. */
type Authenticated = { readonly ok: true; readonly callback: KtwidgetCallback } | Refused;

async function authenticate(checks: Checks, request: WebhookRequest): Promise<Authenticated> {
  let callback: KtwidgetCallback;
  try {
    callback = readKtwidgetCallback(request.rawBody);
  } catch {
    // Without a readable order id there is nothing to check the token against: refused, not parsed further.
    return REFUSED('not a KTWidget callback that can be authenticated');
  }
  const orderId = orderIdOf(callback);
  if (checks.secret !== undefined) {
    const token = request.query.get(checks.tokenParameter);
    if (!callbackTokenMatches(checks.secret, orderId, token))
      return REFUSED('missing or wrong callback token');
  }
  if (checks.merchantId !== undefined && String(callback.merchant_id) !== String(checks.merchantId)) {
    return REFUSED('merchant_id is not this merchant');
  }
  if (checks.verifyOrder !== undefined) {
    let accepted = false;
    try {
      accepted =
        (await checks.verifyOrder({
          orderId,
          transactionHash: callback.transaction_hash,
          amount: parseMoneyFromWire(callback.amount, 'KZT'),
          status: callback.status.status,
          callback,
        })) === true;
    } catch {
      accepted = false;
    }
    if (!accepted) return REFUSED('the order does not match the merchant records');
  }
  return { ok: true, callback };
}

/**
 * KTPay's `callback_post_url` notifications as a core `WebhookSource`:
 *
 * - `verify`: the layers of {@link KtwidgetSourceOptions}; any failing check is a 401 and nothing runs;
 * - `decode`: `completed` -> `payment.succeeded`, `error`/`denied` -> `payment.failed`, anything else ->
 *   `provider.event`; the event id (`ktwidget:<transaction_hash>:<status>`) is the same in every re-send;
 * - `answer`: `200 {"status":"ok"}` (JSON) once every handler succeeded, for a duplicate, and for a
 *   declined payment (KTPay has no answer for refusing one); `500` when a handler failed, so KTPay sends
 *   again on its schedule (15 s, 60 s, 3 min, 10 min, 30 min, 60 min).
 *
 * The secret lives in a closure: neither `util.inspect` nor `JSON.stringify` of the source shows it.
 *
 * @example
 * ```ts
 * const router = createRouter({
 *   sources: [{
 *     name: 'ktwidget',
 *     path: '/webhooks/ktwidget',
 *     source: createKtwidgetSource({ merchantId: 42, callbackSecret: process.env.KTPAY_CALLBACK_SECRET! }),
 *   }],
 * });
 * ```
 */
export function createKtwidgetSource(options: KtwidgetSourceOptions): WebhookSource {
  const checks = resolveChecks(options ?? {});
  const ok = jsonAnswer(200, { status: 'ok' });
  const again = jsonAnswer(500, { status: 'error', message: 'not processed; please deliver again' });
  // The router verifies, then decodes the same request: the callback verify read is kept for decode, keyed
  // by the body's bytes (forgotten with them), instead of being read and checked a second time.
  const verified = new WeakMap<Uint8Array, KtwidgetCallback>();
  return {
    provider: 'ktwidget',
    contentTypes: ['application/json'],
    async verify(request) {
      try {
        const result = await authenticate(checks, request);
        if (!result.ok) return result;
        verified.set(request.rawBody, result.callback);
        return { ok: true };
      } catch {
        return REFUSED('not authenticated');
      }
    },
    decode(request) {
      const callback = verified.get(request.rawBody) ?? readKtwidgetCallback(request.rawBody);
      verified.delete(request.rawBody);
      return [decodeKtwidgetCallback(callback)];
    },
    answer(outcome) {
      switch (outcome.kind) {
        case 'accepted':
        case 'declined':
          return ok;
        case 'failed':
          return again;
        case 'rejected':
          return jsonAnswer(outcome.status, { status: 'error', message: outcome.message });
      }
    },
  };
}
