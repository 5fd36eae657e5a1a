/** node:util `parseArgs` with mistakes reported as one-line usage errors that suggest the nearest option. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './cli-io.ts';
import { didYouMean } from './suggest.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs reports unknown or malformed options with these error codes. */
function parseArgsCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
    ? code
    : undefined;
}

/** The first option in `args` that `options` does not declare, as typed (`--too`, `-x`). */
function firstUnknownOption(args: readonly string[], options: Options): string | undefined {
  const { tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const known = new Set(Object.keys(options));
  for (const token of tokens) {
    if (token.kind === 'option' && !known.has(token.name)) return token.rawName;
  }
  return undefined;
}

/**
 * Parses a command's arguments like `parseArgs({ args, options, allowPositionals })`, strictly. An
 * unknown option becomes a {@link UsageError} naming it and the nearest known option; other mistakes (a
 * missing value) become a UsageError with Node's own message.
 *
 * @example
 * ```ts
 * parseCommandArgs(['--too', 'x'], { to: { type: 'string' } }, false);
 * // throws UsageError: unknown option "--too" (did you mean "--to"?)
 * ```
 */
export function parseCommandArgs<const TOptions extends Options>(
  args: readonly string[],
  options: TOptions,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    const code = parseArgsCode(error);
    if (code === undefined) throw error;
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? firstUnknownOption(args, options) : undefined;
    if (unknown === undefined) throw new UsageError((error as Error).message);
    const flags = Object.keys(options).map((name) => `--${name}`);
    throw new UsageError(`unknown option "${unknown}"${didYouMean(unknown, flags)}`);
  }
}
