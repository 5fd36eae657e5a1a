// libsodium-wrappers is pinned to exactly 0.8.4: 0.7.16's ES module entry is broken (ERR_MODULE_NOT_FOUND,
// libsodium.js#357) and 0.8.3 fails on import in some toolchains (libsodium.js#369). Reference §6.1.
import sodium from 'libsodium-wrappers';

/**
 * Seals a payload for KTPay (reference §6.1): `crypto_box_seal` of its JSON text to the app key, an
 * anonymous sealed box (a fresh ephemeral key pair each time, so the output is random), encoded as standard
 * base64 with `=` padding. The app key is decoded with the same variant: libsodium's default is URL-safe
 * without padding, which cannot read KTPay's keys.
 *
 * @example
 * ```ts
 * const body = await sealForKtpay(appKey, { order: { order_id: 'INV-1', amount: 1000, type: 'ecom' } });
 * ```
 */
export async function sealForKtpay(appKey: string, payload: unknown): Promise<string> {
  await sodium.ready;
  const variant = sodium.base64_variants.ORIGINAL;
  const recipient = sodium.from_base64(appKey, variant);
  if (recipient.length !== sodium.crypto_box_PUBLICKEYBYTES) {
    throw new TypeError(`the app key must decode to ${sodium.crypto_box_PUBLICKEYBYTES} bytes`);
  }
  return sodium.to_base64(sodium.crypto_box_seal(JSON.stringify(payload), recipient), variant);
}
