import { checkLocation } from './location.ts';
import type { K2Transport } from './transport.ts';

/** TEMPORARY until resources land. */
export interface K2StatusReader {
  any(location: string): Promise<unknown>;
  incomingPayment(location: string): Promise<unknown>;
  sendMoney(location: string): Promise<unknown>;
  paymentLink(location: string): Promise<unknown>;
}

export function createStatusReader({ api }: K2Transport): K2StatusReader {
  const read = async (location: string) => {
    const url = checkLocation(location, api.baseUrl, 'status');
    const response = await api.request({ method: 'GET', url, operation: 'status', movesMoney: false });
    return response.body;
  };
  return { any: read, incomingPayment: read, sendMoney: read, paymentLink: read };
}
