/**
 * `POST /api/v2/polling` (reference §3.6): replays the incoming transactions of a time window. The
 * simulator replays what it has itself seen arrive (successful STK pushes, triggered buy-goods and b2b
 * webhooks), filtered by till for till scope; the document moves from `Pending` to `Success` (§5.5).
 */
import * as v from 'valibot';
import { nairobiTimestamp } from '../../data/nairobi-time.ts';
import type { LedgerEntry } from '../../ledger.ts';
import { CallbackLinksSchema, IsoTimeSchema, ScopeSchema } from '../common-schemas.ts';
import { defineEndpoint, type OpenContext, type ResultDocument, resultDocument } from '../endpoint.ts';

/** The polling body: a window with offsets, a scope, and the callback. */
const PollingRequestSchema = v.pipe(
  v.object({
    scope: ScopeSchema,
    scope_reference: v.optional(v.nullable(v.string())),
    from_time: IsoTimeSchema,
    to_time: IsoTimeSchema,
    _links: CallbackLinksSchema,
  }),
  v.forward(
    v.partialCheck(
      [['scope'], ['scope_reference']],
      (input) => input.scope !== 'till' || (input.scope_reference ?? '').trim() !== '',
      "can't be blank when scope is till",
    ),
    ['scope_reference'],
  ),
  v.forward(
    v.partialCheck(
      [['from_time'], ['to_time']],
      (input) => input.to_time.getTime() >= input.from_time.getTime(),
      'must not be before from time',
    ),
    ['to_time'],
  ),
);

/** The checked polling body, times as Dates. */
type PollingRequest = v.InferOutput<typeof PollingRequestSchema>;

/** Till numbers compare without the `K` of Online Payments Account tills (§7.5). */
function sameTill(a: string, b: string): boolean {
  return a.replace(/^K/i, '') === b.replace(/^K/i, '');
}

function openPolling(input: PollingRequest, context: OpenContext) {
  const callbackUrl = input._links.callback_url;
  const scopeReference = input.scope_reference ?? null;
  const document = (status: string, transactions: unknown): ResultDocument =>
    resultDocument(
      context,
      'polling',
      {
        status,
        from_time: nairobiTimestamp(input.from_time),
        to_time: nairobiTimestamp(input.to_time),
        transactions,
        // K2 answers the scope capitalised although requests use lower case (§5.5).
        scope: input.scope === 'till' ? 'Till' : 'Company',
        scope_reference: scopeReference,
      },
      callbackUrl,
    );
  let current = document('Pending', null);
  const inScope = (entry: LedgerEntry) =>
    input.scope !== 'till' || scopeReference === null || sameTill(entry.tillNumber, scopeReference);

  return {
    callbackUrl,
    current: () => current,
    settle() {
      const transactions = context.ledger
        .between(input.from_time, input.to_time)
        .filter(inScope)
        .map((entry) => ({ type: entry.type, resource: entry.resource }));
      current = document('Success', transactions);
      return current;
    },
  };
}

/**
 * The polling endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(polling); // true
 * ```
 */
export const polling = defineEndpoint({
  collection: 'polling',
  schema: PollingRequestSchema,
  open: openPolling,
});
