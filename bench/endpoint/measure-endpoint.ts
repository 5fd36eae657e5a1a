import { type Summary, summarize } from '../support/statistics.ts';
import type { LoadGenerator, LoadResult } from './load-process.ts';
import { type RunningServer, type ServerSpec, startEndpoint } from './server-process.ts';

/**
 * How much load one endpoint measurement sends.
 *
 * @example
 * ```ts
 * const plan: EndpointPlan = { connections: 20, deliveriesPerRound: 3000, warmUpRounds: 1, rounds: 7 };
 * ```
 */
export interface EndpointPlan {
  readonly connections: number;
  /** Each contender gets this many fresh deliveries per round. */
  readonly deliveriesPerRound: number;
  /** Rounds run and thrown away first (JIT, connection pools, the operating system's caches). */
  readonly warmUpRounds: number;
  readonly rounds: number;
}

/**
 * One server measured in an endpoint measurement.
 *
 * @example
 * ```ts
 * const contender: EndpointContender = { name: 'floor', label: 'floor', spec: { provider: 'k2', contender: 'floor' } };
 * ```
 */
export interface EndpointContender {
  readonly name: string;
  readonly label: string;
  readonly spec: ServerSpec;
  /** Server processes behind a round-robin proxy when more than one. @default 1 */
  readonly instances?: number;
}

/**
 * One contender's figures over the measured rounds.
 *
 * @example
 * ```ts
 * figures.deliveriesPerSecond.median; figures.p99Ms.median;
 * ```
 */
export interface EndpointFigures {
  readonly label: string;
  /** 2xx answers per second, one sample per round. */
  readonly deliveriesPerSecond: Summary;
  /** The round's 99th-percentile answer time in milliseconds, one sample per round. */
  readonly p99Ms: Summary;
  /** The round's median answer time in milliseconds, one sample per round. */
  readonly p50Ms: Summary;
  /**
   * CPU time (user + system) the server process spent per delivery in microseconds, one sample per round:
   * its own cost, much less disturbed than the rates when the load generator or another process limits them.
   */
  readonly serverCpuMicrosPerDelivery: Summary;
}

function checkRound(name: string, result: LoadResult, accepted: number, plan: EndpointPlan): void {
  const failures = [
    result.ok !== plan.deliveriesPerRound && `${result.ok} of ${plan.deliveriesPerRound} answered 2xx`,
    result.non2xx > 0 && `${result.non2xx} non-2xx answers`,
    result.errors > 0 && `${result.errors} connection errors`,
    result.timeouts > 0 && `${result.timeouts} timeouts`,
    result.builtDuringRun > 0 && `${result.builtDuringRun} deliveries built while timed`,
    // Every delivery is a new event: one the server did not take as new was short-cut somewhere.
    accepted !== result.ok && `${accepted} deliveries accepted as new for ${result.ok} answered`,
  ].filter((failure) => failure !== false);
  if (failures.length > 0) throw new Error(`${name}: ${failures.join('; ')}`);
}

/**
 * Starts every contender's server (each in its own process), then sends rounds of fresh deliveries of
 * `provider` to each in turn from the load generator, rotating who goes first each round, and checks
 * every round: all answered 2xx, and each delivery accepted by the server as a new one.
 *
 * @example
 * ```ts
 * const figures = await measureEndpoint(load, 'k2', contenders, plan);
 * figures.tender.deliveriesPerSecond.median;
 * ```
 */
export async function measureEndpoint(
  load: LoadGenerator,
  provider: string,
  contenders: readonly EndpointContender[],
  plan: EndpointPlan,
): Promise<Record<string, EndpointFigures>> {
  const servers: RunningServer[] = [];
  try {
    for (const contender of contenders)
      servers.push(await startEndpoint(contender.spec, contender.instances));
    const samples = contenders.map(() => [] as (LoadResult & { cpuMicrosPerDelivery: number })[]);
    const total = plan.warmUpRounds + plan.rounds;
    for (let round = 0; round < total; round += 1) {
      for (let turn = 0; turn < contenders.length; turn += 1) {
        const index = (round + turn) % contenders.length;
        const server = servers[index]!;
        const before = await server.counters();
        const result = await load.run({
          provider,
          origin: server.origin,
          amount: plan.deliveriesPerRound,
          connections: plan.connections,
        });
        const after = await server.counters();
        checkRound(contenders[index]!.name, result, after.accepted - before.accepted, plan);
        const cpuMicrosPerDelivery = (after.cpuMicros - before.cpuMicros) / result.ok;
        if (round >= plan.warmUpRounds) samples[index]!.push({ ...result, cpuMicrosPerDelivery });
      }
    }
    const figures: Record<string, EndpointFigures> = {};
    contenders.forEach((contender, index) => {
      const results = samples[index]!;
      figures[contender.name] = {
        label: contender.label,
        deliveriesPerSecond: summarize(results.map((result) => result.deliveriesPerSecond)),
        p99Ms: summarize(results.map((result) => result.p99Ms)),
        p50Ms: summarize(results.map((result) => result.p50Ms)),
        serverCpuMicrosPerDelivery: summarize(results.map((result) => result.cpuMicrosPerDelivery)),
      };
    });
    return figures;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
