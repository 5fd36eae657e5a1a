/**
 * What the `tender` commands read and write, passed in so the commands stay free of process globals, and
 * the error that means "the command line was wrong".
 */

/**
 * The streams and signals a command uses.
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: (text) => process.stdout.write(text), ... };
 * ```
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole standard input, for `tender sign` without a file. */
  readonly readStdin: () => Promise<Buffer>;
  /** Standard input line by line, until it ends or `signal` aborts (typed triggers in `tender sandbox`). */
  readonly readLines: (signal: AbortSignal) => AsyncIterable<string>;
  /** Resolves when the user asks a long-running command to stop (SIGINT or SIGTERM). */
  readonly untilStopped: () => Promise<void>;
}

/**
 * A mistake in the command line: reported as one line on stderr with exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--to <url> is required');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parses a whole, non-negative number given for `--flag`, or throws a UsageError.
 *
 * @example
 * ```ts
 * parseWholeNumber('--port', '4010'); // 4010
 * ```
 */
export function parseWholeNumber(flag: string, text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

/**
 * Checks that `--flag` holds an absolute http(s) URL, or throws a UsageError.
 *
 * @example
 * ```ts
 * requireHttpUrl('--to', 'http://127.0.0.1:8080/hooks');
 * ```
 */
export function requireHttpUrl(flag: string, text: string | undefined): string {
  if (text === undefined) throw new UsageError(`${flag} <url> is required`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${flag} must be an http(s) URL, got "${text}"`);
  }
  return text;
}
