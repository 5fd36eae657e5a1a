import { parseOrThrow } from '@tender/core';
import * as v from 'valibot';
import type { K2Client } from '../client/client.ts';
import { CallbackUrlSchema, OnlineTillNumberSchema } from '../client/validation.ts';
import type { K2Config } from '../config.ts';

/**
 * What the K2 provider needs besides the client: the Online Payments Account till (`K…`) STK pushes and
 * payment links are made for, and the default URL K2 posts results to when a request names none.
 *
 * @example
 * ```ts
 * const settings: K2ProviderSettings = { tillNumber: 'K776655', callbackUrl: 'https://shop.example/k2/results' };
 * ```
 */
export const K2ProviderSettingsSchema = v.object({
  /** The Online Payments Account till (`K…`) STK pushes and payment links are made for. */
  tillNumber: OnlineTillNumberSchema,
  /** Where K2 sends results when a request names no `callbackUrl` of its own. */
  callbackUrl: v.optional(CallbackUrlSchema),
});

/** @example const settings: K2ProviderSettings = { tillNumber: 'K776655' }; */
export type K2ProviderSettings = v.InferInput<typeof K2ProviderSettingsSchema>;

/**
 * The provider's options: its settings plus either a K2 configuration (a client is built from it) or an
 * existing `client` (to share its token cache with code that uses the full client).
 *
 * @example
 * ```ts
 * const fromConfig: K2ProviderOptions = { clientId, clientSecret, environment: 'sandbox', tillNumber: 'K776655' };
 * const fromClient: K2ProviderOptions = { client: createK2Client(config), tillNumber: 'K776655' };
 * ```
 */
export type K2ProviderOptions = K2ProviderSettings &
  ({ readonly client: K2Client } | (K2Config & { readonly client?: undefined }));

/**
 * Checks the provider's own settings; a bad one throws a ValidationError naming the field.
 *
 * @example
 * ```ts
 * const settings = resolveK2ProviderSettings({ tillNumber: 'k776655' }); // { tillNumber: 'K776655' }
 * ```
 */
export function resolveK2ProviderSettings(
  settings: K2ProviderSettings,
): v.InferOutput<typeof K2ProviderSettingsSchema> {
  return parseOrThrow(K2ProviderSettingsSchema, settings, 'Invalid K2 provider configuration', {
    provider: 'k2',
  });
}
