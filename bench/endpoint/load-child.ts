/**
 * The load generator, in its own process (started by bench/endpoint/load-process.ts) so its work never
 * lands in a server's process. For each `run` message it builds the round's deliveries first (untimed),
 * then lets autocannon send each of them exactly once over `connections` kept-alive connections, and
 * replies with the rate, the answer times and every failure it saw.
 *
 * @example
 * ```sh
 * node --import tsx bench/endpoint/load-child.ts   # driven over IPC only
 * ```
 * @module
 */
import { performance } from 'node:perf_hooks';
import { type AutocannonRequest, loadAutocannon } from './autocannon.ts';
import type { BenchDelivery } from './contract.ts';
import type { LoadRequest, LoadResult } from './load-process.ts';
import { providerNamed } from './providers/index.ts';

const autocannon = loadAutocannon();

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function run(request: LoadRequest): Promise<LoadResult> {
  const provider = providerNamed(request.provider);
  const deliveries = provider.deliveries(request.amount);
  let next = 0;
  let builtDuringRun = 0;
  // Each request takes the next unused delivery, whichever connection sends it: no body is sent twice.
  const nextDelivery = (): BenchDelivery => {
    const delivery = deliveries[next];
    next += 1;
    if (delivery !== undefined) return delivery;
    builtDuringRun += 1;
    return provider.deliveries(1)[0]!;
  };
  const latencies = new Float64Array(request.amount);
  let answered = 0;
  let lastAnswerAt = 0;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: request.origin,
        connections: request.connections,
        amount: request.amount,
        timeout: 10,
        sampleInt: 100,
        requests: [
          {
            method: 'POST',
            path: provider.path,
            setupRequest(prepared: AutocannonRequest) {
              const delivery = nextDelivery();
              const path = delivery.query === undefined ? provider.path : provider.path + delivery.query;
              return { ...prepared, path, headers: { ...delivery.headers }, body: delivery.rawBody };
            },
          },
        ],
      },
      (error, result) => {
        // autocannon notices the end of a run only at its next sampling tick; the round ends at its last answer.
        const elapsedMs = lastAnswerAt - started;
        if (error !== null) {
          reject(error);
          return;
        }
        const sorted = latencies.subarray(0, Math.min(answered, latencies.length)).sort();
        resolve({
          sent: next,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          builtDuringRun,
          elapsedMs,
          deliveriesPerSecond: (result['2xx'] * 1000) / elapsedMs,
          p50Ms: percentile(sorted, 0.5),
          p99Ms: percentile(sorted, 0.99),
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      if (answered < latencies.length) latencies[answered] = responseTimeMs;
      answered += 1;
      lastAnswerAt = performance.now();
    });
  });
}

process.on('message', (message: { type: string; request?: LoadRequest }) => {
  if (message.type === 'stop') process.exit(0);
  if (message.type === 'run' && message.request !== undefined) {
    run(message.request).then(
      (result) => process.send?.({ type: 'result', result }),
      (error: unknown) => process.send?.({ type: 'result', error: String(error) }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
