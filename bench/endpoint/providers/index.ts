import type { WebhookProviderBench } from '../contract.ts';
import { k2Provider } from './k2.ts';
import { k2LegacyProvider } from './k2-legacy.ts';
import { ktwidgetProvider } from './ktwidget.ts';
import { paykassmaProvider } from './paykassma.ts';

/**
 * Every provider whose webhooks the endpoint bench measures, in table order. To add one, write a module
 * beside this one that exports a {@link WebhookProviderBench} and add it here (see bench/README.md).
 *
 * @example
 * ```ts
 * WEBHOOK_PROVIDERS.map((provider) => provider.name); // ['k2', 'k2Legacy', 'paykassma', 'ktwidget']
 * ```
 */
export const WEBHOOK_PROVIDERS: readonly WebhookProviderBench[] = [
  k2Provider,
  k2LegacyProvider,
  paykassmaProvider,
  ktwidgetProvider,
];

/**
 * The provider called `name`, as child processes look it up.
 *
 * @example
 * ```ts
 * providerNamed('k2').path; // '/webhooks/k2'
 * ```
 */
export function providerNamed(name: string): WebhookProviderBench {
  const provider = WEBHOOK_PROVIDERS.find((candidate) => candidate.name === name);
  if (provider === undefined) throw new Error(`no bench provider named "${name}"`);
  return provider;
}
