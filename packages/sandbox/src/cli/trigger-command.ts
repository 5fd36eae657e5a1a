/**
 * `tender trigger <topic> --to <url> --api-key <key> [--daraja]` and
 * `tender trigger legacy --to <url> --user <u> --password <p>`: send one delivery, print the answer.
 */
import type { DeliveryResult } from '../delivery/deliver.ts';
import { sendLegacyNotification } from '../legacy/send-legacy.ts';
import { sendWebhook } from '../webhooks/send-webhook.ts';
import {
  isK2WebhookTopic,
  K2_WEBHOOK_TOPICS,
  type K2WebhookTopic,
  supportsDaraja,
} from '../webhooks/topics.ts';
import { type CliIo, requireHttpUrl, UsageError } from './cli-io.ts';
import { TRIGGER_HELP } from './help.ts';
import { triggerKtwidget } from './ktwidget-trigger.ts';
import { parseCommandArgs } from './parse-options.ts';
import { isPaykassmaTopic, paykassmaTriggerCommand } from './paykassma-trigger.ts';
import { didYouMean } from './suggest.ts';
import { checkSetFields, eventIdFields, settableFields } from './trigger-fields.ts';

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

/**
 * One K2 webhook to send, checked: the topic, the format and the fields merged over the generated data.
 *
 * @example
 * ```ts
 * const plan: K2TriggerPlan = planK2Trigger('customer_created', { set: ['first_name=Wanjiru'] });
 * ```
 */
export interface K2TriggerPlan {
  readonly topic: K2WebhookTopic;
  readonly daraja: boolean;
  readonly overrides: Record<string, string>;
  readonly eventId: string | undefined;
}

/**
 * Checks a K2 topic and its `--daraja`, `--set` and `--event-id` values: an unknown topic or field is a
 * usage error naming the nearest known one; with `--event-id`, the fields that key the transaction are
 * derived from it (see {@link eventIdFields}) so that the same id sent twice is a duplicate.
 *
 * @example
 * ```ts
 * planK2Trigger('buygoods_transaction_received', { 'event-id': 'evt-1' }).overrides.reference; // the same every run
 * ```
 */
export function planK2Trigger(
  topic: string,
  values: { readonly daraja?: boolean; readonly set?: readonly string[]; readonly 'event-id'?: string },
): K2TriggerPlan {
  if (!isK2WebhookTopic(topic)) {
    throw new UsageError(
      `unknown topic "${topic}"${didYouMean(topic, [...K2_WEBHOOK_TOPICS, 'legacy', 'ktwidget', 'paykassma-deposit', 'paykassma-withdrawal'])} (see tender trigger --help)`,
    );
  }
  const daraja = values.daraja ?? false;
  if (daraja && !supportsDaraja(topic)) {
    throw new UsageError(
      `--daraja applies only to buygoods_transaction_received and b2b_transaction_received`,
    );
  }
  const sets = parseSets(values.set ?? []);
  const known = settableFields(topic, daraja);
  checkSetFields(sets, known);
  const eventId = values['event-id'];
  const derived = eventId === undefined ? {} : eventIdFields(eventId, known, daraja);
  return { topic, daraja, overrides: { ...derived, ...sets }, eventId };
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
  const { values, positionals } = parseCommandArgs(
    args,
    {
      to: { type: 'string' },
      'api-key': { type: 'string' },
      daraja: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      'event-id': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      status: { type: 'string' },
      'callback-secret': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout(TRIGGER_HELP);
    return 0;
  }
  const [topic, ...extra] = positionals;
  if (topic === undefined) throw new UsageError('trigger needs a topic (see tender trigger --help)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  if (topic === 'ktwidget') {
    for (const flag of ['daraja', 'event-id', 'api-key', 'user', 'password'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to ktwidget callbacks`);
    }
    const sent = triggerKtwidget({
      to: requireHttpUrl('--to', values.to),
      status: values.status,
      callbackSecret: values['callback-secret'],
      sets: parseSets(values.set ?? []),
    });
    return report(await sent, io);
  }
  if (values.status !== undefined || values['callback-secret'] !== undefined) {
    throw new UsageError('--status and --callback-secret apply only to ktwidget callbacks');
  }
  if (topic === 'legacy') {
    const to = requireHttpUrl('--to', values.to);
    if (values.daraja) throw new UsageError('--daraja does not apply to legacy notifications');
    // Legacy notifications carry no envelope id and are not signed: these flags would be silently lost.
    if (values['event-id'] !== undefined)
      throw new UsageError('--event-id does not apply to legacy notifications');
    if (values['api-key'] !== undefined)
      throw new UsageError('--api-key does not apply to legacy notifications');
    if ((values.password === undefined) !== (values.user === undefined)) {
      throw new UsageError('--user and --password go together');
    }
    const sets = parseSets(values.set ?? []);
    checkSetFields(sets, settableFields('legacy', false));
    return report(
      await sendLegacyNotification({ to, username: values.user, password: values.password, fields: sets }),
      io,
    );
  }
  const plan = planK2Trigger(topic, values);
  const to = requireHttpUrl('--to', values.to);
  if (values.user !== undefined || values.password !== undefined) {
    throw new UsageError('--user and --password apply only to legacy notifications');
  }
  const apiKey = values['api-key'];
  if (apiKey === undefined || apiKey === '')
    throw new UsageError('trigger needs --api-key <key> to sign with');
  return report(
    await sendWebhook({
      topic: plan.topic,
      to,
      apiKey,
      daraja: plan.daraja,
      overrides: plan.overrides,
      eventId: plan.eventId,
    }),
    io,
  );
}
