import { cpus, release, totalmem } from 'node:os';

/**
 * The machine and runtime a set of figures was measured on, because figures mean nothing without them.
 *
 * @example
 * ```ts
 * describeMachine(); // { cpu: 'AMD EPYC', cores: 2, memoryGiB: 23.5, os: 'linux 6.8.0', arch: 'x64', node: 'v24.21.0' }
 * ```
 */
export interface MachineDescription {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly arch: string;
  readonly node: string;
}

/**
 * Reads the CPU model, core count, memory, operating system and Node version of this process.
 *
 * @example
 * ```ts
 * console.log(describeMachine().node);
 * ```
 */
export function describeMachine(): MachineDescription {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    arch: process.arch,
    node: process.version,
  };
}
