import { defineProvider, type Provider, ValidationError } from '@tender/core';
import { createK2Client, type K2Client } from '../client/client.ts';
import type { K2Config } from '../config.ts';
import { collectWithK2 } from './collect.ts';
import { cancelLinkWithK2, createLinkWithK2 } from './link.ts';
import { notifyWithK2 } from './notify.ts';
import { type K2ProviderOptions, resolveK2ProviderSettings } from './options.ts';
import { payoutWithK2 } from './payout.ts';
import { reverseWithK2 } from './reverse.ts';
import { k2OperationStatus } from './status.ts';

/**
 * The capabilities K2 Connect v2 declares: all five verbs.
 *
 * @example
 * ```ts
 * K2_CAPABILITIES.includes('reverse'); // true
 * ```
 */
export const K2_CAPABILITIES = ['collect', 'payout', 'reverse', 'link', 'notify'] as const;

/**
 * The K2 provider's type: every verb of the neutral API.
 *
 * @example
 * ```ts
 * const k2: K2Provider = createK2Provider(options);
 * ```
 */
export type K2Provider = Provider<(typeof K2_CAPABILITIES)[number]>;

/**
 * Creates the K2 Connect v2 {@link Provider}: `collect` is an STK push, `payout` a send-money request,
 * `reverse` a reversal, `createLink`/`cancelLink` payment links, `notify` a webhook subscription or a
 * polling request. Every verb returns an operation whose `reference` is K2's Location URL and whose `id`
 * is the resource id; `status(operation)` reads the Location and maps K2's status. The operation is
 * `pending`, except after `cancelLink`, whose operation (for a link given by Location URL or by id) is
 * `cancelled`.
 *
 * Give a K2 configuration (a client is built) or an existing `client` (to share its token), plus the
 * Online Payments Account `tillNumber` (`K…`) used for STK pushes and payment links, and optionally the
 * default `callbackUrl` for results.
 *
 * @example
 * ```ts
 * const k2 = createK2Provider({
 *   clientId: process.env.K2_CLIENT_ID!,
 *   clientSecret: process.env.K2_CLIENT_SECRET!,
 *   apiKey: process.env.K2_API_KEY!,
 *   environment: 'sandbox',
 *   tillNumber: 'K776655',
 *   callbackUrl: 'https://shop.example/k2/results',
 * });
 * const operation = await k2.collect({ amount: parseMoney('250', 'KES'), payer: { phone: '0711000111' } });
 * const later = await k2.status(operation);
 * ```
 */
export function createK2Provider(options: K2ProviderOptions): K2Provider {
  const { tillNumber, callbackUrl, client: given, ...config } = options;
  const settings = resolveK2ProviderSettings({
    tillNumber,
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
  });
  if (given !== undefined && Object.keys(config).length > 0) {
    throw new ValidationError(
      'Invalid K2 provider configuration',
      [
        {
          path: 'client',
          message: 'give either a client or a K2 configuration (clientId, clientSecret, ...), not both',
        },
      ],
      { provider: 'k2' },
    );
  }
  // Without a client, the rest of the options is a K2 configuration; createK2Client checks it field by field.
  const client: K2Client = given ?? createK2Client(config as K2Config);
  return defineProvider({
    name: 'k2',
    capabilities: K2_CAPABILITIES,
    collect: (request) => collectWithK2(client, settings, request),
    payout: (request) => payoutWithK2(client, settings, request),
    reverse: (request) => reverseWithK2(client, settings, request),
    createLink: (request) => createLinkWithK2(client, settings, request),
    cancelLink: (request) => cancelLinkWithK2(client, request),
    notify: (request) => notifyWithK2(client, settings, request),
    status: (operation) => k2OperationStatus(client, operation),
  });
}
