import type { Operation } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import { k2AmountToMoney } from '../resources/amount.ts';
import { mapK2Status } from './status-map.ts';

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function words(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join('; ') || undefined;
  return undefined;
}

/**
 * Reads an operation's resource from its Location and maps K2's status into the neutral vocabulary. For
 * payment links the link's own state decides (`Active`, `Paid`, `Cancelled`, `Expired`), because the
 * request's `Processed` only says the link was made; the link URL becomes a `redirect` next action.
 *
 * @example
 * ```ts
 * const latest = await k2OperationStatus(client, operation);
 * latest.status; // 'succeeded'
 * ```
 */
export async function k2OperationStatus(client: K2Client, operation: Operation): Promise<Operation> {
  const resource = await client.status(operation.reference);
  const link = field(resource.attributes, 'payment_link');
  const linkState = words(field(link, 'payment_link_status')) ?? words(field(link, 'status'));
  const providerStatus = (resource.type === 'payment_link' ? linkState : undefined) ?? resource.status;
  const status = mapK2Status(providerStatus);
  const url = words(field(link, 'link'));
  const failure =
    words(field(field(resource.attributes, 'event'), 'errors')) ??
    words(field(resource.attributes, 'errors'));
  const amount =
    resource.type === 'payment_link'
      ? k2AmountToMoney(resource.attributes.amount, resource.attributes.currency)
      : undefined;
  return {
    ...operation,
    status,
    raw: resource.raw,
    ...(providerStatus ? { providerStatus } : {}),
    ...(url ? { nextAction: { type: 'redirect' as const, url } } : {}),
    ...(status === 'failed' && failure ? { failureReason: failure } : {}),
    ...(amount && !operation.amount ? { amount } : {}),
  };
}
