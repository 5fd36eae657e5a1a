/**
 * Whole webhook bodies: the K2 envelope of reference §4.2 around a generated resource, or the flat
 * Daraja-style body of §4.5 derived from the same generated transaction.
 */
import { parseWireAmount } from '../data/amount.ts';
import { generateId } from '../data/generate.ts';
import { darajaTransTime, nairobiTimestamp } from '../data/nairobi-time.ts';
import type { LedgerEntry } from '../ledger.ts';
import { generateTopicResource, type TopicResource } from './resources.ts';
import type { K2WebhookTopic } from './topics.ts';

/**
 * What a generated webhook is built from.
 *
 * @example
 * ```ts
 * buildWebhook('customer_created', { origin: sandbox.url, at: new Date(), eventId: 'evt-1' });
 * ```
 */
export interface WebhookBuildOptions {
  /** Origin of the `_links` URLs, e.g. the sandbox URL or `https://sandbox.kopokopo.com`. */
  readonly origin: string;
  readonly at: Date;
  /** The envelope `id` (the receiver's de-duplication key); a fresh UUID when absent. */
  readonly eventId?: string | undefined;
  /** Fields merged over the generated resource (envelope) or over the flat body (Daraja). */
  readonly overrides?: Readonly<Record<string, unknown>> | undefined;
  readonly daraja?: boolean | undefined;
  /** A resource generated earlier, so one transaction can be rendered in both formats. */
  readonly generated?: TopicResource | undefined;
}

/**
 * A webhook body ready to send, and the incoming transaction it reports, when it reports one.
 *
 * @example
 * ```ts
 * const { payload, ledgerEntry }: BuiltWebhook = buildWebhook(topic, options);
 * ```
 */
export interface BuiltWebhook {
  readonly payload: Record<string, unknown>;
  readonly ledgerEntry?: LedgerEntry;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function ledgerEntry(type: string, resource: Record<string, unknown>, at: Date): LedgerEntry | undefined {
  const cents = parseWireAmount(resource.amount);
  const reference = text(resource.reference);
  if (cents === undefined || reference === '') return undefined;
  return { type, reference, cents, tillNumber: text(resource.till_number), receivedAt: at, resource };
}

/** Incoming-money topics are remembered so reversals and polling can find them. */
const LEDGER_TYPES: Partial<Record<K2WebhookTopic, string>> = {
  buygoods_transaction_received: 'Buygoods Transaction',
  b2b_transaction_received: 'External Till to Till Transaction',
};

/**
 * The Daraja body for a buy-goods or b2b resource. Where the two known sources disagree (reference §4.5) the
 * simulator picks one side: Safaricom's own `ThirdPartyTransID` spelling and the Ruby SDK's `TransactionType`
 * texts; b2b bodies carry the sending till in `MSISDN`, as in the Ruby fixture.
 */
function darajaBody(
  topic: K2WebhookTopic,
  resource: Record<string, unknown>,
  at: Date,
): Record<string, unknown> {
  const buygoods = topic === 'buygoods_transaction_received';
  return {
    TransactionType: buygoods ? 'Buygoods' : 'Organization To Organization Transfer',
    TransID: resource.reference,
    TransTime: darajaTransTime(at),
    TransAmount: resource.amount,
    BusinessShortCode: resource.till_number,
    BillRefNumber: '',
    InvoiceNumber: '',
    OrgAccountBalance: '',
    ThirdPartyTransID: '',
    MSISDN: buygoods ? resource.sender_phone_number : resource.sending_till,
    FirstName: buygoods ? resource.sender_first_name : null,
    MiddleName: buygoods ? resource.sender_middle_name : null,
    LastName: buygoods ? resource.sender_last_name : null,
  };
}

/**
 * Builds one webhook body for `topic` with invented, realistic data. With `daraja` (buy-goods and b2b
 * received only) the body is the flat Daraja object instead of the envelope.
 *
 * @example
 * ```ts
 * const { payload } = buildWebhook('customer_created', { origin: 'https://sandbox.kopokopo.com', at: new Date() });
 * payload.topic; // 'customer_created'
 * ```
 */
export function buildWebhook(topic: K2WebhookTopic, options: WebhookBuildOptions): BuiltWebhook {
  const generated = options.generated ?? generateTopicResource(topic, options.at);
  const ledgerType = LEDGER_TYPES[topic];
  if (options.daraja) {
    const payload = { ...darajaBody(topic, generated.resource, options.at), ...options.overrides };
    const resource = {
      ...generated.resource,
      reference: payload.TransID,
      amount: payload.TransAmount,
      till_number: payload.BusinessShortCode,
    };
    const entry = ledgerType === undefined ? undefined : ledgerEntry(ledgerType, resource, options.at);
    return entry ? { payload, ledgerEntry: entry } : { payload };
  }
  const resource = { ...generated.resource, ...options.overrides };
  const eventId = options.eventId ?? generateId();
  const resourceId = typeof resource.id === 'string' ? resource.id : generateId();
  const payload = {
    topic,
    id: eventId,
    created_at: nairobiTimestamp(options.at),
    event: { type: generated.eventType, resource },
    _links: {
      self: `${options.origin}/webhook_events/${eventId}`,
      resource: `${options.origin}/${generated.collection}/${resourceId}`,
    },
  };
  const entry = ledgerType === undefined ? undefined : ledgerEntry(ledgerType, resource, options.at);
  return entry ? { payload, ledgerEntry: entry } : { payload };
}
