// The "provider" of the many-instances test, in its own process: sends `events` distinct signed K2
// webhooks, each `copies` times at once, spread over the instances (copy k of event i goes to instance
// (i + k) mod n), and re-sends every delivery that did not get a 2xx (an error answer, a refused or reset
// connection) to the next instance, with a short growing pause, until it gets one or `maxAttempts` ran
// out. Prints a JSON report on stdout.
import { buygoodsEventId, signedBuygoods } from './k2-buygoods.ts';

/** What the parent passes, as JSON in argv[2]. */
export interface ProviderConfig {
  readonly ports: readonly number[];
  readonly events: number;
  readonly copies: number;
  readonly inFlight: number;
  readonly apiKey: string;
  readonly maxAttempts: number;
}

/** What the provider prints. */
export interface ProviderReport {
  readonly deliveries: number;
  readonly resends: number;
  /** Event id -> when (Date.now()) the first 2xx for it arrived. */
  readonly firstAcknowledged: Record<string, number>;
  /** Event ids with a copy that never got a 2xx within maxAttempts. */
  readonly unacknowledged: string[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as ProviderConfig;
let deliveries = 0;
let resends = 0;
const firstAcknowledged: Record<string, number> = {};
const unacknowledged = new Set<string>();

async function deliver(index: number, copy: number, id: string, request: RequestInit): Promise<void> {
  for (let attempt = 0; attempt < config.maxAttempts; attempt += 1) {
    const port = config.ports[(index + copy + attempt) % config.ports.length];
    deliveries += 1;
    if (attempt > 0) resends += 1;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/webhooks/k2`, request);
      await response.arrayBuffer();
      if (response.ok) {
        firstAcknowledged[id] ??= Date.now();
        return;
      }
    } catch {
      // Refused or reset (the instance was killed): re-send like any non-2xx.
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(10 * (attempt + 1), 200)));
  }
  unacknowledged.add(id);
}

async function sendEvent(index: number): Promise<void> {
  const reference = `TM${index.toString(36).toUpperCase().padStart(8, '0')}`;
  const { body, headers } = signedBuygoods(config.apiKey, reference);
  const request: RequestInit = { method: 'POST', headers, body };
  const id = buygoodsEventId(reference);
  await Promise.all(Array.from({ length: config.copies }, (_, copy) => deliver(index, copy, id, request)));
}

let next = 0;
async function lane(): Promise<void> {
  while (next < config.events) {
    const index = next;
    next += 1;
    await sendEvent(index);
  }
}
await Promise.all(Array.from({ length: config.inFlight }, lane));
const report: ProviderReport = {
  deliveries,
  resends,
  firstAcknowledged,
  unacknowledged: [...unacknowledged],
};
process.stdout.write(JSON.stringify(report));
