import type { Operation } from '@tender/core';
import type { K2Client } from '../client/client.ts';
export async function k2OperationStatus(client: K2Client, operation: Operation): Promise<Operation> {
  const raw = await client.status(operation.reference);
  return { ...operation, raw };
}
