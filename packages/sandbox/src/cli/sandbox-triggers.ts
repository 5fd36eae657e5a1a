/**
 * Triggers typed into a running `tender sandbox`: `trigger <topic> [--daraja] [--set key=value] [--event-id id]`
 * sends a webhook to the sandbox's own subscriptions (those created with `POST /api/v2/webhook_subscriptions`),
 * signed with its API key, with no `--to` and no key to copy.
 */
import type { Sandbox } from '../sandbox.ts';
import { type CliIo, UsageError } from './cli-io.ts';
import { parseCommandArgs } from './parse-options.ts';
import { didYouMean } from './suggest.ts';
import { planK2Trigger } from './trigger-command.ts';

/**
 * The line `tender sandbox` prints about typed triggers.
 *
 * @example
 * ```ts
 * io.stdout(`${SANDBOX_TRIGGER_HINT}\n`);
 * ```
 */
export const SANDBOX_TRIGGER_HINT =
  'Type "trigger <topic> [--daraja] [--set key=value] [--event-id id]" to send a webhook to this sandbox\'s subscriptions.';

/** Words of a typed line; values cannot contain spaces (use `tender trigger --to` for those). */
function words(line: string): string[] {
  return line
    .split(' ')
    .flatMap((part) => part.split('\t'))
    .filter((word) => word !== '');
}

async function runLine(line: string, sandbox: Sandbox, io: CliIo): Promise<void> {
  const [command, ...args] = words(line);
  if (command === undefined) return;
  if (command !== 'trigger') {
    throw new UsageError(`unknown sandbox command "${command}"${didYouMean(command, ['trigger'])}`);
  }
  const { values, positionals } = parseCommandArgs(
    args,
    {
      daraja: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      'event-id': { type: 'string' },
    },
    true,
  );
  const [topic, ...extra] = positionals;
  if (topic === undefined) throw new UsageError('trigger needs a topic (see tender trigger --help)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (topic === 'legacy') {
    throw new UsageError('legacy notifications have no subscriptions: use tender trigger legacy --to <url>');
  }
  const plan = planK2Trigger(topic, values);
  const results = await sandbox.trigger(plan.topic, {
    // Without --daraja, each subscription's own enable_daraja_payload decides.
    ...(values.daraja ? { daraja: true } : {}),
    overrides: plan.overrides,
    eventId: plan.eventId,
  });
  if (results.length === 0) {
    io.stdout(`no subscription for ${plan.topic}: create one with POST /api/v2/webhook_subscriptions\n`);
  }
  for (const result of results) {
    io.stdout(
      result.status === null
        ? `${plan.topic} -> ${result.url}: no answer (${result.error ?? 'unknown error'})\n`
        : `${plan.topic} -> ${result.url}: HTTP ${result.status}\n`,
    );
  }
}

/**
 * Reads lines until `lines` ends and runs each typed trigger in turn; a mistake is reported on stderr as
 * one line and the sandbox keeps running.
 *
 * @example
 * ```ts
 * await serveTypedTriggers(io.readLines(signal), sandbox, io);
 * ```
 */
export async function serveTypedTriggers(
  lines: AsyncIterable<string>,
  sandbox: Sandbox,
  io: CliIo,
): Promise<void> {
  for await (const line of lines) {
    try {
      await runLine(line, sandbox, io);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`tender: ${message}\n`);
    }
  }
}
