/**
 * `tender trigger paykassma-deposit|paykassma-withdrawal --to <url> --access-key <k> --private-key <k>`:
 * sends one signed Paykassma postback and prints the answer.
 */
import { randomUUID } from 'node:crypto';
import { deliverPostback } from '../paykassma/paykassma-sandbox.ts';
import { buildPostback, type PostbackFacts } from '../paykassma/postback.ts';
import { type CliIo, requireHttpUrl, UsageError } from './cli-io.ts';
import { PAYKASSMA_TRIGGER_HELP } from './help.ts';
import { parseCommandArgs } from './parse-options.ts';

/**
 * Whether `topic` is one of the Paykassma postbacks `tender trigger` sends.
 *
 * @example
 * ```ts
 * isPaykassmaTopic('paykassma-deposit'); // true
 * ```
 */
export function isPaykassmaTopic(topic: string | undefined): boolean {
  return topic === 'paykassma-deposit' || topic === 'paykassma-withdrawal';
}

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
 * Runs `tender trigger paykassma-…`; resolves with the exit code (0 when the receiver answered 200
 * `{"status":"ok"}`, as Paykassma requires).
 *
 * @example
 * ```ts
 * await paykassmaTriggerCommand(['paykassma-deposit', '--to', url, '--access-key', a, '--private-key', p], io);
 * ```
 */
export async function paykassmaTriggerCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      to: { type: 'string' },
      'access-key': { type: 'string' },
      'private-key': { type: 'string' },
      label: { type: 'string' },
      amount: { type: 'string' },
      status: { type: 'string' },
      set: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout(PAYKASSMA_TRIGGER_HELP);
    return 0;
  }
  const [topic, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const to = requireHttpUrl('--to', values.to);
  const accessKey = values['access-key'];
  const privateKey = values['private-key'];
  if (!accessKey || !privateKey)
    throw new UsageError('--access-key and --private-key are required to sign with');
  const amount = values.amount ?? (topic === 'paykassma-deposit' ? '25000' : '45000');
  if (!/^[1-9]\d{0,11}$/.test(amount)) throw new UsageError(`--amount must be whole kyat, got "${amount}"`);
  const label = values.label ?? 'user-58213';
  const at = new Date();
  let facts: PostbackFacts;
  if (topic === 'paykassma-deposit') {
    if (values.status !== undefined) throw new UsageError('--status applies only to paykassma-withdrawal');
    facts = {
      direction: 'ingoing',
      label,
      amountKyat: Number(amount),
      transactionId: `0100${String(at.getTime()).padStart(16, '0')}`,
      customTransactionId: randomUUID(),
      stockpilingId: at.getTime() % 1_000_000,
      at,
    };
  } else {
    const status = values.status ?? '1';
    if (status !== '1' && status !== '5') throw new UsageError('--status must be 1 (SUCCESS) or 5 (FAIL)');
    facts = {
      direction: 'outgoing',
      label,
      amountKyat: Number(amount),
      withdrawalId: randomUUID(),
      status: status === '1' ? 1 : 5,
      accountNumber: '09712345678',
      comment: 'tender trigger',
      at,
    };
  }
  const body = buildPostback(facts, { accessKey, privateKey }, parseSets(values.set ?? []));
  const result = await deliverPostback(to, body, { attempts: 1, backoffMs: 0, timeoutMs: 5000 });
  if (result.status === null) {
    io.stderr(`tender: no answer from ${result.url}: ${result.error ?? 'unknown error'}\n`);
    return 1;
  }
  io.stdout(
    `HTTP ${result.status}\n${result.body}${result.body.endsWith('\n') || result.body === '' ? '' : '\n'}`,
  );
  return result.status === 200 ? 0 : 1;
}
