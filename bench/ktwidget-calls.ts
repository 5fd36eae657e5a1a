/**
 * Client calls, KTWidget: creating a widget transaction sequentially against the loopback stand-in (its own
 * process), tender's `createTransaction` (order validation, the callback URL and its token, the sealed box,
 * the POST, the answer checked) against the same by hand: libsodium's `crypto_box_seal` of the order JSON and
 * one `fetch`, the answer parsed and its `transaction_hash` read. See bench/README.md.
 *
 * @example
 * ```ts
 * const result = await measureKtwidgetCalls(origin, { callsPerRound: 50, warmUpRounds: 5, rounds: 20 });
 * result.ratios.tenderToByHand; // tender's calls/s over the hand-written client's
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';
import { money } from '@tender/core';
import { createKtwidgetClient } from '@tender/ktwidget';
import sodium from 'libsodium-wrappers';
import { type Contender, sampleAlternating } from './support/alternating-rounds.ts';
import {
  KTWIDGET_CALLBACK_SECRET as CALLBACK_SECRET,
  handCallbackToken,
  KTWIDGET_MERCHANT_ID as MERCHANT_ID,
} from './support/ktwidget-merchant.ts';
import { ratio, type Summary } from './support/statistics.ts';

/**
 * How many calls one KTWidget client measurement makes.
 *
 * @example
 * ```ts
 * const options: KtwidgetCallsOptions = { callsPerRound: 50, warmUpRounds: 5, rounds: 20 };
 * ```
 */
export interface KtwidgetCallsOptions {
  readonly callsPerRound: number;
  readonly warmUpRounds: number;
  readonly rounds: number;
}

/**
 * Calls per second, tender and by hand, and tender's over the hand-written one's.
 *
 * @example
 * ```ts
 * result.contenders.tender.median; // calls/s
 * ```
 */
export interface KtwidgetCallsResult extends KtwidgetCallsOptions {
  readonly unit: 'calls/s';
  readonly contenders: { readonly tender: Summary; readonly byHand: Summary };
  readonly ratios: { readonly tenderToByHand: number };
}

const APP_ID = 'bench_ktwidget_app';
const CALLBACK_URL = 'https://merchant.example/webhooks/ktwidget';
const PAYMENT_PATH = '/api/v1/merchant-widget/payment';

/** One transaction creation; resolves to KTPay's transaction hash. */
type CreateTransaction = (orderId: string) => Promise<string>;

function sequentialCalls(name: string, create: CreateTransaction): Contender<number> {
  return {
    name,
    async run(calls) {
      for (let index = 0; index < calls; index += 1) {
        const hash = await create(`BENCH-${randomBytes(6).toString('hex')}`);
        if (hash.length === 0) throw new Error(`${name}: no transaction hash`);
      }
      return calls;
    },
  };
}

function tenderCreate(origin: string, appKey: string): CreateTransaction {
  const client = createKtwidgetClient({
    appId: APP_ID,
    appKey,
    merchantId: MERCHANT_ID,
    hosts: { fintech: origin, widget: origin },
    callbackUrl: CALLBACK_URL,
    callbackSecret: CALLBACK_SECRET,
  });
  return async (orderId) =>
    (await client.createTransaction({ orderId, amount: money(100_000, 'KZT') })).transactionHash;
}

/** What a careful hand-written client does: the same wire order and callback token, sealed, one `fetch`. */
function byHandCreate(origin: string, recipient: Uint8Array): CreateTransaction {
  const url = `${origin}${PAYMENT_PATH}`;
  return async (orderId) => {
    const callback = new URL(CALLBACK_URL);
    callback.searchParams.set('token', handCallbackToken(orderId).toString('base64url'));
    const order = { order_id: orderId, amount: 1000, type: 'ecom', callback_post_url: callback.href };
    const sealed = sodium.crypto_box_seal(JSON.stringify({ order }), recipient);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'auth-identifier': APP_ID },
      body: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL),
    });
    const body = (await response.json()) as { response?: { data?: { transaction_hash?: string } } };
    if (response.status !== 200) throw new Error(`by hand: unexpected status ${response.status}`);
    return body.response?.data?.transaction_hash ?? '';
  };
}

/**
 * Measures KTWidget transaction creation against the stand-in at `origin`, alternating tender and by hand.
 *
 * @example
 * ```ts
 * const { ratios } = await measureKtwidgetCalls(server.origin, options);
 * ```
 */
export async function measureKtwidgetCalls(
  origin: string,
  options: KtwidgetCallsOptions,
): Promise<KtwidgetCallsResult> {
  await sodium.ready;
  // KTPay's app key is its X25519 public key, base64; the stand-in never opens the box.
  const { publicKey } = sodium.crypto_box_keypair();
  const appKey = sodium.to_base64(publicKey, sodium.base64_variants.ORIGINAL);
  const { summaries } = await sampleAlternating(
    [
      sequentialCalls('tender', tenderCreate(origin, appKey)),
      sequentialCalls('byHand', byHandCreate(origin, publicKey)),
    ],
    { warmUpRounds: options.warmUpRounds, rounds: options.rounds, prepare: () => options.callsPerRound },
  );
  const tender = summaries.tender!;
  const byHand = summaries.byHand!;
  return {
    ...options,
    unit: 'calls/s',
    contenders: { tender, byHand },
    ratios: { tenderToByHand: ratio(tender.median, byHand.median) },
  };
}
