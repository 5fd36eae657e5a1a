/**
 * Where the examples send their K2 requests: the local sandbox by default, or Kopo Kopo's own sandbox when
 * K2_CLIENT_ID, K2_CLIENT_SECRET and K2_API_KEY are set (K2_TILL_NUMBER then names your till, and
 * K2_CALLBACK_URL a public URL that receives the results).
 */
import { createK2Provider } from '@tender/k2';
import { startSandbox } from '@tender/sandbox';

export interface K2Target {
  readonly provider: ReturnType<typeof createK2Provider>;
  readonly callbackUrl: string;
  /** Waits for K2 to settle what was asked (the local sandbox settles at once). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function connectK2(): Promise<K2Target> {
  const { K2_CLIENT_ID, K2_CLIENT_SECRET, K2_API_KEY } = process.env;
  if (K2_CLIENT_ID && K2_CLIENT_SECRET && K2_API_KEY) {
    console.log('Using the Kopo Kopo sandbox at https://sandbox.kopokopo.com');
    return {
      provider: createK2Provider({
        clientId: K2_CLIENT_ID,
        clientSecret: K2_CLIENT_SECRET,
        apiKey: K2_API_KEY,
        environment: 'sandbox',
        tillNumber: process.env.K2_TILL_NUMBER ?? 'K000000',
      }),
      callbackUrl: process.env.K2_CALLBACK_URL ?? 'https://example.org/k2/results',
      settle: () => new Promise((resolve) => setTimeout(resolve, 10_000)),
      close: async () => {},
    };
  }
  const sandbox = await startSandbox({ callbackDelayMs: 60_000 });
  console.log(`Using the local K2 sandbox at ${sandbox.url}`);
  return {
    provider: createK2Provider({
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      apiKey: sandbox.credentials.apiKey,
      baseUrl: sandbox.url,
      tillNumber: 'K776655',
    }),
    // Nothing listens here: these examples read results with status(); see webhooks-*.ts for callbacks.
    callbackUrl: 'http://127.0.0.1:9/k2/results',
    settle: () => sandbox.settleAll(),
    close: () => sandbox.close(),
  };
}
