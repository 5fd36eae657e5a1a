/** `tender sign --api-key <key> [file]`: prints the K2 signature of a body. */
import { readFile } from 'node:fs/promises';
import { signK2Body } from '../signature.ts';
import { type CliIo, UsageError } from './cli-io.ts';
import { SIGN_HELP } from './help.ts';
import { parseCommandArgs } from './parse-options.ts';

/**
 * Runs `tender sign`; resolves with the exit code.
 *
 * @example
 * ```ts
 * await signCommand(['--api-key', 'demo_api_key_123', 'body.json'], io); // prints 64 hex characters
 * ```
 */
export async function signCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { 'api-key': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    io.stdout(SIGN_HELP);
    return 0;
  }
  const apiKey = values['api-key'];
  if (apiKey === undefined || apiKey === '') throw new UsageError('sign needs --api-key <key>');
  if (positionals.length > 1) throw new UsageError(`sign takes at most one file, got ${positionals.length}`);
  const [file] = positionals;
  let body: Buffer;
  if (file === undefined) {
    body = await io.readStdin();
  } else {
    try {
      body = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UsageError(`cannot read ${file} (${code})`);
    }
  }
  io.stdout(`${signK2Body(apiKey, body)}\n`);
  return 0;
}
