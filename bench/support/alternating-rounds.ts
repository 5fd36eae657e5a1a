import { performance } from 'node:perf_hooks';
import { type Summary, summarize } from './statistics.ts';

/**
 * One thing being measured. `run` does one round of work on the round's input and says how many operations
 * it performed; only `run` is timed.
 *
 * @example
 * ```ts
 * const floor: Contender<Delivery[]> = { name: 'floor', run: (batch) => { for (const d of batch) verify(d); return batch.length; } };
 * ```
 */
export interface Contender<Input> {
  readonly name: string;
  run(input: Input): number | Promise<number>;
}

/**
 * How many rounds to run and how to make each round's input (untimed).
 *
 * @example
 * ```ts
 * const plan: RoundPlan<Delivery[]> = { warmUpRounds: 5, rounds: 25, prepare: () => makeDeliveries(4000) };
 * ```
 */
export interface RoundPlan<Input> {
  /** Rounds run and thrown away first, so the JIT has compiled every contender's hot path. */
  readonly warmUpRounds: number;
  readonly rounds: number;
  /** Builds the input every contender gets in one round; not timed. */
  prepare(round: number): Input | Promise<Input>;
}

/**
 * Operations per second for each contender, one sample per measured round.
 *
 * @example
 * ```ts
 * const { samples } = await sampleAlternating(contenders, plan);
 * samples.floor; // [412000, 409500, ...]
 * ```
 */
export interface AlternatingSamples {
  readonly samples: Readonly<Record<string, readonly number[]>>;
  readonly summaries: Readonly<Record<string, Summary>>;
}

/**
 * Runs every contender once per round on the same input, rotating who goes first each round, so that slow
 * drift of the machine (thermal state, another process, garbage left by the previous contender) is spread
 * evenly instead of landing on one contender. Rates are operations per second of `run` time.
 *
 * @example
 * ```ts
 * const { summaries } = await sampleAlternating([tender, floor], { warmUpRounds: 5, rounds: 25, prepare });
 * summaries.tender.median; // ops/s
 * ```
 */
export async function sampleAlternating<Input>(
  contenders: readonly Contender<Input>[],
  plan: RoundPlan<Input>,
): Promise<AlternatingSamples> {
  const samples: Record<string, number[]> = {};
  for (const contender of contenders) samples[contender.name] = [];
  const total = plan.warmUpRounds + plan.rounds;
  for (let round = 0; round < total; round += 1) {
    const input = await plan.prepare(round);
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const contender = contenders[(round + turn) % contenders.length]!;
      const started = performance.now();
      const operations = await contender.run(input);
      const elapsedMs = performance.now() - started;
      if (round >= plan.warmUpRounds) samples[contender.name]!.push((operations * 1000) / elapsedMs);
    }
  }
  const summaries: Record<string, Summary> = {};
  for (const contender of contenders) summaries[contender.name] = summarize(samples[contender.name]!);
  return { samples, summaries };
}
