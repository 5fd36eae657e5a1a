/** `tender sandbox [--port N] [--callback-delay-ms N] ...`: runs the simulator until stopped. */
import { startKtpaySimulator } from '../ktwidget/simulator.ts';
import type { SandboxOptions } from '../options.ts';
import { startPaykassmaSandbox } from '../paykassma/paykassma-sandbox.ts';
import { startSandbox } from '../sandbox.ts';
import { type CliIo, parseWholeNumber, UsageError } from './cli-io.ts';
import { SANDBOX_HELP } from './help.ts';
import { parseCommandArgs } from './parse-options.ts';
import { SANDBOX_TRIGGER_HINT, serveTypedTriggers } from './sandbox-triggers.ts';

/** A fixed default port, so a client configured once keeps working across runs. */
const DEFAULT_PORT = 4010;
/** The Paykassma simulator's fixed default port. */
const DEFAULT_PAYKASSMA_PORT = 4011;

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
      'ktpay-time-scale': { type: 'string' },
      'paykassma-port': { type: 'string' },
      'paykassma-postback-url': { type: 'string' },
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
  // The KTPay simulator sits ten ports above K2 (4020 fintech, 4021 widget by default), or on free ports.
  const ktpayPort = options.port === 0 ? 0 : (options.port ?? DEFAULT_PORT) + 10;
  const ktpay = await startKtpaySimulator({
    fintechPort: ktpayPort,
    widgetPort: ktpayPort === 0 ? 0 : ktpayPort + 1,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(values['ktpay-time-scale'] === undefined
      ? {}
      : { timeScale: parseTimeScale(values['ktpay-time-scale']) }),
    ...(options.log === undefined ? {} : { log: options.log }),
  }).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  const paykassma = await startPaykassmaSandbox({
    // `--port 0` (any free port) applies to both simulators unless the Paykassma port is given.
    port:
      values['paykassma-port'] === undefined
        ? options.port === 0
          ? 0
          : DEFAULT_PAYKASSMA_PORT
        : parseWholeNumber('--paykassma-port', values['paykassma-port']),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values['paykassma-postback-url'] === undefined
      ? {}
      : { postbackUrl: values['paykassma-postback-url'] }),
    ...(options.log === undefined ? {} : { log: (line: string) => io.stdout(`paykassma ${line}\n`) }),
  }).catch(async (error: unknown) => {
    await Promise.all([sandbox.close(), ktpay.close()]);
    throw error instanceof TypeError ? new UsageError(error.message) : error;
  });
  const { clientId, clientSecret, apiKey } = sandbox.credentials;
  const pk = paykassma.credentials;
  io.stdout(
    [
      `K2 Connect v2 sandbox listening on ${sandbox.url}`,
      `  client id      ${clientId}`,
      `  client secret  ${clientSecret}`,
      `  api key        ${apiKey}`,
      `KTPay simulator: fintech ${ktpay.fintechUrl}, widget ${ktpay.widgetUrl}`,
      `  app id         ${ktpay.appId}`,
      `  app key        ${ktpay.appKey}`,
      `  merchant id    ${ktpay.merchantId}`,
      `Paykassma KBZPay sandbox listening on ${paykassma.url} (payment window ${paykassma.pluginUrl}/)`,
      `  pluginapi secret      ${pk.pluginapiSecret}`,
      `  postback access key   ${pk.postbackAccessKey}`,
      `  postback private key  ${pk.postbackPrivateKey}`,
      `  postbacks go to       ${values['paykassma-postback-url'] ?? '(none: pass --paykassma-postback-url)'}`,
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
  await Promise.all([sandbox.close(), ktpay.close(), paykassma.close()]);
  io.stdout('sandbox stopped\n');
  return 0;
}

function parseTimeScale(text: string): number {
  if (!/^\d{1,4}(\.\d{1,6})?$/.test(text)) {
    throw new UsageError(`--ktpay-time-scale must be a number such as 0.01, got "${text}"`);
  }
  return Number(text);
}
