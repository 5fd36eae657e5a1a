import { addMoney, type Money, moneyEquals, parseJsonText, type TenderEvent } from '@tender/core';
import { type JsonNode, member } from '../json/exact-json.ts';
import { fromKyat } from '../kyat.ts';
import { postbackFieldError, requiredText, textField, wallClockAt } from './fields.ts';

/**
 * What decoding needs besides the body: the account's UTC offset for postback date-times and the clock for
 * items that carry no signed time of their own (withdrawals).
 */
export interface DecodeSettings {
  readonly utcOffset: string;
  readonly now: () => Date;
}

/** One signed list item, read. */
interface SignedItem {
  readonly path: string;
  readonly node: JsonNode;
  readonly direction: 'ingoing' | 'outgoing';
  readonly amount: Money;
  readonly currency: string;
  readonly walletType: string | undefined;
  readonly label: string | undefined;
}

/**
 * Turns a verified postback into events, one per item of the signed list (`listName`, the list the
 * signature matched). Everything an event says comes from the signed item: Paykassma signs only the list,
 * so the top-level `amount`, `label`, `direction`, `currency_code` and `wallet_type` could be changed by
 * anyone replaying a genuine postback. They are only compared with the items, and a postback whose top
 * level contradicts them is refused (ValidationError naming the field; the router answers 400).
 *
 * - `ingoing` item (no `withdrawal_id` / `withdrawal_status`): `payment.succeeded` for the amount Paykassma
 *   credited, id `paykassma:deposit:<order>:<transaction>:<stockpiling>`.
 * - `outgoing` item: `withdrawal_status` 1 `payout.succeeded`, 5 `payout.failed`, anything else a
 *   `provider.event`; id `paykassma:withdrawal:<withdrawal_id>:<status>`.
 *
 * Each part of an id is URI-encoded, so parts holding `:` cannot collide. `raw` is the signed item.
 *
 * @example
 * ```ts
 * const events = decodePaykassmaPostback(tree, text, 'additional_data', { utcOffset: '+08:00', now: () => new Date() });
 * ```
 */
export function decodePaykassmaPostback(
  body: JsonNode,
  text: string,
  listName: string,
  settings: DecodeSettings,
): TenderEvent[] {
  const list = member(body, listName);
  if (list?.kind !== 'array' || list.items.length === 0) {
    throw postbackFieldError(listName, 'must list at least one transaction');
  }
  const items = list.items.map((node, index) => readItem(node, `${listName}.${index}`));
  refuseContradictions(body, items);
  return items.map((item) => toEvent(item, text, settings));
}

function readItem(node: JsonNode, path: string): SignedItem {
  if (node.kind !== 'object') throw postbackFieldError(path, 'must be an object');
  const currency = requiredText(node, 'currency_code', `${path}.currency_code`);
  const amount = fromKyat(requiredText(node, 'amount', `${path}.amount`), currency, `${path}.amount`);
  const withdrawalId = textField(node, 'withdrawal_id', `${path}.withdrawal_id`);
  const withdrawalStatus = textField(node, 'withdrawal_status', `${path}.withdrawal_status`);
  return {
    path,
    node,
    direction: withdrawalId !== undefined || withdrawalStatus !== undefined ? 'outgoing' : 'ingoing',
    amount,
    currency,
    walletType: textField(node, 'wallet_type', `${path}.wallet_type`),
    label: textField(node, 'label', `${path}.label`),
  };
}

/** Each unsigned top-level field, when present, must agree with every signed item. */
function refuseContradictions(body: JsonNode, items: readonly SignedItem[]): void {
  const unsigned = (key: string) => textField(body, key, key);
  const direction = unsigned('direction');
  if (direction !== undefined && items.some((item) => item.direction !== direction)) {
    throw postbackFieldError(
      'direction',
      'contradicts the signed list (a withdrawal id and status mean outgoing)',
    );
  }
  const currency = unsigned('currency_code');
  if (currency !== undefined && items.some((item) => item.currency !== currency)) {
    throw postbackFieldError('currency_code', 'contradicts the signed list');
  }
  const walletType = unsigned('wallet_type');
  if (
    walletType !== undefined &&
    items.some((item) => item.walletType !== undefined && item.walletType !== walletType)
  ) {
    throw postbackFieldError('wallet_type', 'contradicts the signed list');
  }
  const label = unsigned('label');
  if (label !== undefined && items.some((item) => item.label !== undefined && item.label !== label)) {
    throw postbackFieldError('label', 'contradicts the signed list');
  }
  const amount = unsigned('amount');
  const first = items[0];
  if (amount !== undefined && first !== undefined) {
    const total = items.slice(1).reduce((sum, item) => addMoney(sum, item.amount), first.amount);
    if (!moneyEquals(fromKyat(amount, first.currency, 'amount'), total)) {
      throw postbackFieldError('amount', 'contradicts the signed list (the sum of its amounts)');
    }
  }
}

function toEvent(item: SignedItem, text: string, settings: DecodeSettings): TenderEvent {
  const { node, path } = item;
  const field = (key: string) => textField(node, key, `${path}.${key}`);
  const signedTime = field('activated_datetime') ?? field('created_datetime');
  const occurredAt =
    signedTime === undefined
      ? settings.now()
      : wallClockAt(
          signedTime,
          settings.utcOffset,
          `${path}.${field('activated_datetime') === undefined ? 'created_datetime' : 'activated_datetime'}`,
        );
  // The verified item for handlers, read as core reads every payload: no amount rounded by a float.
  const raw: unknown = parseJsonText(text.slice(node.start, node.end), { provider: 'paykassma' }).value;
  const transactionId = field('transaction_id');
  const optional = <TKey extends string>(key: TKey, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as { [K in TKey]?: string };

  if (item.direction === 'ingoing') {
    const merchantReference =
      field('plugin_custom_order_id') ?? field('custom_transaction_id') ?? field('custom_id');
    const stockpilingId = field('stockpiling_id');
    if (merchantReference === undefined && transactionId === undefined && stockpilingId === undefined) {
      throw postbackFieldError(path, 'names no plugin_custom_order_id, transaction_id or stockpiling_id');
    }
    return {
      type: 'payment.succeeded',
      id: eventId('deposit', [merchantReference, transactionId, stockpilingId]),
      provider: 'paykassma',
      providerEvent: 'postback.ingoing',
      occurredAt,
      amount: item.amount,
      channel: 'wallet',
      ...(item.label === undefined ? {} : { payer: { id: item.label } }),
      ...optional('merchantReference', merchantReference),
      ...optional('providerReference', transactionId),
      raw,
    };
  }

  const withdrawalId = field('withdrawal_id');
  if (withdrawalId === undefined)
    throw postbackFieldError(`${path}.withdrawal_id`, 'is required for a withdrawal');
  const status = field('withdrawal_status') ?? 'none';
  const base = {
    id: eventId('withdrawal', [withdrawalId, status]),
    provider: 'paykassma',
    occurredAt,
    merchantReference: withdrawalId,
    ...optional('providerReference', transactionId),
    raw,
  };
  const account = field('account_number');
  const leg = {
    type: 'mobile_wallet',
    amount: item.amount,
    ...(account === undefined ? {} : { recipient: { account } }),
  };
  if (status === '1') {
    return {
      ...base,
      type: 'payout.succeeded',
      providerEvent: 'postback.outgoing.success',
      amount: item.amount,
      legs: [{ ...leg, status: 'SUCCESS' }],
    };
  }
  if (status === '5') {
    const failureReason = 'Paykassma rejected the withdrawal (withdrawal_status 5, FAIL)';
    return {
      ...base,
      type: 'payout.failed',
      providerEvent: 'postback.outgoing.fail',
      amount: item.amount,
      failureReason,
      legs: [{ ...leg, status: 'FAIL', failureReason }],
    };
  }
  return { ...base, type: 'provider.event', providerEvent: `postback.outgoing.withdrawal_status_${status}` };
}

function eventId(kind: string, parts: readonly (string | undefined)[]): string {
  // A lone surrogate cannot be percent-encoded; it is written as U+FFFD instead of failing the delivery (a
  // 500 would make Paykassma re-send the postback for ever).
  const encode = (part: string | undefined) => encodeURIComponent((part ?? '').toWellFormed());
  return `paykassma:${kind}:${parts.map(encode).join(':')}`;
}
