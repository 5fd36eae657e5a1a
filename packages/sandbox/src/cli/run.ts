/**
 * The `tender` command line: picks the command, runs it, and turns mistakes into one line on stderr with
 * a non-zero exit code (2 for a wrong command line, 1 for a failure while running).
 */
import { type CliIo, UsageError } from './cli-io.ts';
import { MAIN_HELP } from './help.ts';
import { sandboxCommand } from './sandbox-command.ts';
import { signCommand } from './sign-command.ts';
import { didYouMean } from './suggest.ts';
import { triggerCommand } from './trigger-command.ts';
import { cliVersion } from './version.ts';

const COMMANDS: Readonly<Record<string, (args: string[], io: CliIo) => Promise<number>>> = {
  sandbox: sandboxCommand,
  trigger: triggerCommand,
  sign: signCommand,
};

/** node:util parseArgs reports unknown or malformed options with these error codes. */
function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Runs `tender` with `argv` (without the node and script paths); resolves with the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['sign', '--api-key', 'k', 'body.json'], io);
 * ```
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${cliVersion()}\n`);
    return 0;
  }
  try {
    if (name === undefined) throw new UsageError('missing command (see tender --help)');
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      const known = Object.keys(COMMANDS);
      const kind = name.startsWith('-') ? 'option' : 'command';
      const candidates = kind === 'option' ? ['--help', '--version'] : known;
      throw new UsageError(`unknown ${kind} "${name}"${didYouMean(name, candidates)} (see tender --help)`);
    }
    return await command(args, io);
  } catch (error) {
    const usage = error instanceof UsageError || isParseArgsError(error);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`tender: ${oneLine(message)}\n`);
    return usage ? 2 : 1;
  }
}
