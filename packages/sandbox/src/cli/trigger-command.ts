/**
 * `tender trigger <topic> --to <url> --api-key <key> [--daraja]` and
 * `tender trigger legacy --to <url> --user <u> --password <p>`: send one delivery, print the answer.
 */
import { parseArgs } from 'node:util';
import type { DeliveryResult } from '../delivery/deliver.ts';
import { sendLegacyNotification } from '../legacy/send-legacy.ts';
import { sendWebhook } from '../webhooks/send-webhook.ts';
import { isK2WebhookTopic, supportsDaraja } from '../webhooks/topics.ts';
import { type CliIo, requireHttpUrl, UsageError } from './cli-io.ts';
import { TRIGGER_HELP } from './help.ts';
import { isPaykassmaTopic, paykassmaTriggerCommand } from './paykassma-trigger.ts';

/** `--set key=value` pairs as an object; a pair without `=` is a usage error. */
function parseSets(pairs: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator < 1) throw new UsageError(`--set expects key=value, got "${pair}"`);
    fields[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return fields;
}

function report(result: DeliveryResult, io: CliIo): number {
  if (result.status === null) {
    io.stderr(`tender: no answer from ${result.url}: ${result.error ?? 'unknown error'}\n`);
    return 1;
  }
  io.stdout(
    `HTTP ${result.status}\n${result.body}${result.body.endsWith('\n') || result.body === '' ? '' : '\n'}`,
  );
  return result.status >= 200 && result.status < 300 ? 0 : 1;
}

/**
 * Runs `tender trigger`; resolves with the exit code (0 when the receiver answered 2xx).
 *
 * @example
 * ```ts
 * await triggerCommand(['customer_created', '--to', url, '--api-key', key], io); // prints "HTTP 200" and the body
 * ```
 */
export async function triggerCommand(args: string[], io: CliIo): Promise<number> {
  // Paykassma postbacks take their own flags (keys to sign with instead of --api-key).
  if (isPaykassmaTopic(args.find((arg) => !arg.startsWith('-')))) return paykassmaTriggerCommand(args, io);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      'api-key': { type: 'string' },
      daraja: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      'event-id': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(TRIGGER_HELP);
    return 0;
  }
  const [topic, ...extra] = positionals;
  if (topic === undefined) throw new UsageError('trigger needs a topic (see tender trigger --help)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const to = requireHttpUrl('--to', values.to);
  const sets = parseSets(values.set ?? []);

  if (topic === 'legacy') {
    if (values.daraja) throw new UsageError('--daraja does not apply to legacy notifications');
    // Legacy notifications carry no envelope id and are not signed: these flags would be silently lost.
    if (values['event-id'] !== undefined)
      throw new UsageError('--event-id does not apply to legacy notifications');
    if (values['api-key'] !== undefined)
      throw new UsageError('--api-key does not apply to legacy notifications');
    if ((values.password === undefined) !== (values.user === undefined)) {
      throw new UsageError('--user and --password go together');
    }
    return report(
      await sendLegacyNotification({ to, username: values.user, password: values.password, fields: sets }),
      io,
    );
  }
  if (!isK2WebhookTopic(topic)) throw new UsageError(`unknown topic "${topic}" (see tender trigger --help)`);
  if (values.daraja && !supportsDaraja(topic)) {
    throw new UsageError(
      `--daraja applies only to buygoods_transaction_received and b2b_transaction_received`,
    );
  }
  if (values.user !== undefined || values.password !== undefined) {
    throw new UsageError('--user and --password apply only to legacy notifications');
  }
  const apiKey = values['api-key'];
  if (apiKey === undefined || apiKey === '')
    throw new UsageError('trigger needs --api-key <key> to sign with');
  return report(
    await sendWebhook({
      topic,
      to,
      apiKey,
      daraja: values.daraja ?? false,
      overrides: sets,
      eventId: values['event-id'],
    }),
    io,
  );
}
