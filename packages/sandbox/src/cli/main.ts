#!/usr/bin/env node
/**
 * The `tender` executable: wires the command line to this process's streams and signals.
 *
 * @example
 * ```sh
 * tender sandbox --port 4010
 * tender sign --api-key demo_api_key_123 body.json
 * ```
 * @module
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { CliIo } from './cli-io.ts';
import { runCli } from './run.ts';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function readLines(signal: AbortSignal): AsyncIterable<string> {
  return createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY, signal });
}

function untilStopped(): Promise<void> {
  const controller = new AbortController();
  const { signal } = controller;
  return Promise.race([once(process, 'SIGINT', { signal }), once(process, 'SIGTERM', { signal })]).then(
    () => {
      controller.abort();
    },
  );
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin,
  readLines,
  untilStopped,
};

process.exitCode = await runCli(process.argv.slice(2), io);
