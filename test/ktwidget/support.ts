/**
 * Shared pieces of the KTWidget tests: a key pair standing in for KTPay's, a fintech stand-in that records
 * requests and answers what a test says, and a configuration built on them.
 */
import type { KtwidgetConfig } from '@tender/ktwidget';
import sodium from 'libsodium-wrappers';
import { type Answer, type Delivered, type Receiver, startReceiver } from '../sandbox/support/receiver.ts';

export const CALLBACK_SECRET = 'test-callback-secret-0123456789abcdef';
export const APP_ID = 'e2d3d70d53c67bcd377266f74e98587c';
export const HASH = 'af7ed500aa9f2132fae4b63e936af641bcc4ebaf';
export const WIDGET = 'https://widget.example.test';

await sodium.ready;
const keys = sodium.crypto_box_keypair();
export const APP_KEY = sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL);

/** Opens a body sealed to {@link APP_KEY}, as KTPay does. */
export function openSealed(body: string): string {
  const sealed = sodium.from_base64(body, sodium.base64_variants.ORIGINAL);
  return sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey, 'text');
}

export const CREATED = {
  error: [],
  response: { success: true, data: { transaction_hash: HASH, show_close_button: true } },
};

/** A fintech stand-in answering `answer` (default: created). */
export function startFintech(answer?: (delivered: Delivered, count: number) => Answer): Promise<Receiver> {
  return startReceiver(answer ?? (() => ({ status: 200, body: JSON.stringify(CREATED) })));
}

export function configFor(fintech: string, extra: Partial<KtwidgetConfig> = {}): KtwidgetConfig {
  return {
    appId: APP_ID,
    appKey: APP_KEY,
    merchantId: 42,
    hosts: { fintech, widget: WIDGET },
    callbackUrl: 'https://shop.example.kz/webhooks/ktwidget',
    callbackSecret: CALLBACK_SECRET,
    ...extra,
  };
}
