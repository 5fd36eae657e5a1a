import type { CancelLinkRequest, CreateLinkRequest, Operation } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import { pendingOperation } from './pending.ts';

export async function createLinkWithK2(
  client: K2Client,
  settings: { tillNumber: string; callbackUrl?: string | undefined },
  request: CreateLinkRequest,
): Promise<Operation> {
  const created = await client.paymentLinks.create({
    tillNumber: settings.tillNumber,
    amount: request.amount,
    callbackUrl: request.callbackUrl ?? settings.callbackUrl ?? '',
  });
  return pendingOperation({ kind: 'link', created });
}
export async function cancelLinkWithK2(client: K2Client, request: CancelLinkRequest): Promise<Operation> {
  await client.paymentLinks.cancel(request.reference);
  return pendingOperation({ kind: 'link', created: { location: request.reference, id: request.reference } });
}
