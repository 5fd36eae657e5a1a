/** `tender trigger ktwidget`: one KTPay callback with invented data, sent once. */
import { randomBytes } from 'node:crypto';
import { callbackUrlWithToken } from '@tender/ktwidget';
import type { DeliveryResult } from '../delivery/deliver.ts';
import { postOnce } from '../delivery/post-once.ts';
import { callbackBody } from './callback-body.ts';
import type { CardOutcome } from './test-cards.ts';

/**
 * What to send.
 *
 * @example
 * ```ts
 * const options: KtwidgetCallbackOptions = { to: 'http://127.0.0.1:8080/webhooks/ktwidget', status: 'completed', merchantId: 42 };
 * ```
 */
export interface KtwidgetCallbackOptions {
  readonly to: string;
  readonly status: 'completed' | 'error' | 'denied';
  /** @default 42 */
  readonly merchantId?: number | undefined;
  /** @default a fresh `SIM-…` id */
  readonly orderId?: string | undefined;
  /** KZT as a JSON number. @default 1000 */
  readonly amount?: number | undefined;
  /** @default 40 random hex characters */
  readonly transactionHash?: string | undefined;
  /** For `error`/`denied`. @default 'ERROR_PAYMENT' */
  readonly errorType?: string | undefined;
  readonly errorMessage?: string | undefined;
  /** When given, the order's callback token is added to `to` (as the client does). */
  readonly callbackSecret?: string | undefined;
  /** @default 'token' */
  readonly tokenParameter?: string | undefined;
  /** @default 10000 */
  readonly timeoutMs?: number | undefined;
}

function outcomeOf(options: KtwidgetCallbackOptions): CardOutcome {
  if (options.status === 'completed') return { status: 'completed' };
  return {
    status: options.status,
    errorType: (options.errorType ?? 'ERROR_PAYMENT') as 'ERROR_PAYMENT',
    errorMessage: options.errorMessage ?? 'Payment declined by the acquirer',
  };
}

/**
 * Sends one KTPay callback (§9.2) and resolves with the receiver's answer; never rejects.
 *
 * @example
 * ```ts
 * const result = await sendKtwidgetCallback({ to, status: 'denied', merchantId: 42, callbackSecret });
 * result.status; // 200
 * ```
 */
export async function sendKtwidgetCallback(options: KtwidgetCallbackOptions): Promise<DeliveryResult> {
  const orderId = options.orderId ?? `SIM-${randomBytes(4).toString('hex')}`;
  const url =
    options.callbackSecret === undefined
      ? options.to
      : callbackUrlWithToken(options.to, options.callbackSecret, orderId, options.tokenParameter ?? 'token');
  const now = new Date();
  const body = JSON.stringify(
    callbackBody({
      merchantId: options.merchantId ?? 42,
      orderId,
      description: null,
      amount: options.amount ?? 1000,
      hash: options.transactionHash ?? randomBytes(20).toString('hex'),
      createdAt: new Date(now.getTime() - 60_000),
      outcome: outcomeOf(options),
      at: now,
    }),
  );
  try {
    const answer = await postOnce(
      url,
      body,
      { 'content-type': 'application/json' },
      options.timeoutMs ?? 10_000,
    );
    return { url, status: answer.status, body: answer.body, attempts: 1 };
  } catch (error) {
    return {
      url,
      status: null,
      body: '',
      attempts: 1,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
