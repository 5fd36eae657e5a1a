/**
 * Where the Paykassma examples run: the local Paykassma simulator, with a webhook router on 127.0.0.1 that
 * receives its postbacks, so an example can show the event its request leads to. Against a real Paykassma
 * installation, point `createPaykassmaProvider` at your domain instead and serve the router on the postback
 * URL you gave Paykassma support (see examples/webhooks-node.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMoneyWithCode, type TenderEvent } from '@tender/core';
import { createPaykassmaProvider, createPaykassmaSource, type PaykassmaProvider } from '@tender/paykassma';
import { startPaykassmaSandbox } from '@tender/sandbox';
import { createRouter, toNodeHandler } from '@tender/webhooks';

export interface PaykassmaTarget {
  readonly provider: PaykassmaProvider;
  /** Resolves with the event whose merchant reference is `reference`, once the postback arrived. */
  eventFor(reference: string): Promise<TenderEvent>;
  close(): Promise<void>;
}

export async function connectPaykassma(): Promise<PaykassmaTarget> {
  const sandbox = await startPaykassmaSandbox({ activationDelayMs: 300, withdrawalDelayMs: 300 });
  const events: TenderEvent[] = [];
  const router = createRouter({
    sources: [
      { name: 'paykassma', path: '/webhooks/paykassma', source: createPaykassmaSource(sandbox.credentials) },
    ],
  });
  router.onAny((event) => {
    const amount = 'amount' in event && event.amount ? ` ${formatMoneyWithCode(event.amount)}` : '';
    console.log(`  <- postback: ${event.type}${amount} (${event.id})`);
    events.push(event);
  });
  const server = createServer(toNodeHandler(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sandbox.setPostbackUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/paykassma`);
  console.log(`Using the local Paykassma simulator at ${sandbox.url}`);
  return {
    provider: createPaykassmaProvider({
      apiUrl: sandbox.apiUrl,
      pluginUrl: sandbox.pluginUrl,
      ...sandbox.credentials,
    }),
    async eventFor(reference) {
      await sandbox.idle();
      const event = events.find((candidate) => candidate.merchantReference === reference);
      if (event === undefined) throw new Error(`no postback arrived for ${reference}`);
      return event;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await router.close();
      await sandbox.close();
    },
  };
}
