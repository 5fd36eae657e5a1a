import { ValidationError } from '@tender/core';
import { type K2Resource, parseK2Resource } from '../resources/document.ts';
import { checkLocation } from './location.ts';
import type { K2Transport } from './transport.ts';

/**
 * Reads created resources back from their `Location`, parsed into {@link K2Resource}s (id, type, K2's
 * status word, attributes, and the raw document). The typed readers check that the document is of the
 * expected type, so a Location mix-up fails loudly instead of being misread.
 *
 * @example
 * ```ts
 * const payment = await client.incomingPayments.status(location);
 * payment.status; // 'Pending' | 'Success' | 'Failed'
 * ```
 */
export interface K2StatusReader {
  any(location: string): Promise<K2Resource>;
  incomingPayment(location: string): Promise<K2Resource>;
  sendMoney(location: string): Promise<K2Resource>;
  paymentLink(location: string): Promise<K2Resource>;
}

/**
 * Builds the status readers over the client's transport (GET with the bearer token, retried safely).
 *
 * @example
 * ```ts
 * const status = createStatusReader(transport);
 * ```
 */
export function createStatusReader({ api }: K2Transport): K2StatusReader {
  const read = async (location: string) => {
    const url = checkLocation(location, api.baseUrl, 'status');
    const response = await api.request({ method: 'GET', url, operation: 'status', movesMoney: false });
    return parseK2Resource(response.body);
  };
  const expecting = (type: string) => async (location: string) => {
    const resource = await read(location);
    if (resource.type !== type) {
      throw new ValidationError(
        'Unexpected K2 resource',
        [{ path: 'data.type', message: `${location} is a ${resource.type} resource, not ${type}` }],
        { provider: 'k2', operation: 'status' },
      );
    }
    return resource;
  };
  return {
    any: read,
    incomingPayment: expecting('incoming_payment'),
    sendMoney: expecting('send_money'),
    paymentLink: expecting('payment_link'),
  };
}
