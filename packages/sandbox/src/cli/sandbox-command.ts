/** `tender sandbox [--port N] [--callback-delay-ms N] ...`: runs the simulator until stopped. */
import type { SandboxOptions } from '../options.ts';
import { startSandbox } from '../sandbox.ts';
import { type CliIo, parseWholeNumber, UsageError } from './cli-io.ts';
import { SANDBOX_HELP } from './help.ts';
import { parseCommandArgs } from './parse-options.ts';
import { SANDBOX_TRIGGER_HINT, serveTypedTriggers } from './sandbox-triggers.ts';

/** A fixed default port, so a client configured once keeps working across runs. */
const DEFAULT_PORT = 4010;

/**
 * Runs `tender sandbox`: prints the URL and credentials, logs requests and deliveries (unless `--quiet`),
 * and resolves with exit code 0 once stopped.
 *
 * @example
 * ```ts
 * await sandboxCommand(['--port', '0', '--callback-delay-ms', '200'], io);
 * ```
 */
export async function sandboxCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'callback-delay-ms': { type: 'string' },
      'token-ttl-seconds': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'api-key': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    io.stdout(SANDBOX_HELP);
    return 0;
  }
  const options: SandboxOptions = {
    port: values.port === undefined ? DEFAULT_PORT : parseWholeNumber('--port', values.port),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values['callback-delay-ms'] === undefined
      ? {}
      : { callbackDelayMs: parseWholeNumber('--callback-delay-ms', values['callback-delay-ms']) }),
    ...(values['token-ttl-seconds'] === undefined
      ? {}
      : { tokenTtlSeconds: parseWholeNumber('--token-ttl-seconds', values['token-ttl-seconds']) }),
    ...(values['client-id'] === undefined ? {} : { clientId: values['client-id'] }),
    ...(values['client-secret'] === undefined ? {} : { clientSecret: values['client-secret'] }),
    ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
    ...(values.quiet ? {} : { log: (line: string) => io.stdout(`${line}\n`) }),
  };
  const sandbox = await startSandbox(options).catch((error: unknown) => {
    // Option values the checks refuse (a port above 65535, a zero lifetime) are command-line mistakes.
    throw error instanceof TypeError ? new UsageError(error.message) : error;
  });
  const { clientId, clientSecret, apiKey } = sandbox.credentials;
  io.stdout(
    [
      `K2 Connect v2 sandbox listening on ${sandbox.url}`,
      `  client id      ${clientId}`,
      `  client secret  ${clientSecret}`,
      `  api key        ${apiKey}`,
      SANDBOX_TRIGGER_HINT,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stopReading = new AbortController();
  const typed = serveTypedTriggers(io.readLines(stopReading.signal), sandbox, io);
  await io.untilStopped();
  stopReading.abort();
  await typed.catch(() => undefined);
  await sandbox.close();
  io.stdout('sandbox stopped\n');
  return 0;
}
