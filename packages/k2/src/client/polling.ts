import * as v from 'valibot';
import { K2TimeInputSchema } from './k2-time.ts';
import { AnyTillNumberSchema, CallbackUrlSchema, objectMessage, ScopeSchema } from './validation.ts';

/**
 * Ask K2 to replay the transactions of a time window to `callbackUrl`. `fromTime`/`toTime` are `Date`s
 * (sent as ISO-8601 in Nairobi time, `+03:00`, like K2's examples) or ISO-8601 strings with an offset (sent
 * as given); `fromTime` must come before `toTime`. `scopeReference` (the till number) is required for till
 * scope and must be left out for company scope.
 *
 * @example
 * ```ts
 * const request: K2PollingRequest = {
 *   scope: 'till',
 *   scopeReference: '776655',
 *   fromTime: new Date('2026-01-04T21:00:00Z'),
 *   toTime: '2026-01-05T23:59:59+03:00',
 *   callbackUrl: 'https://shop.example/k2/results/polling',
 * };
 * ```
 */
export const K2PollingRequestSchema = v.pipe(
  v.object(
    {
      /** Which transactions to replay: `till` (one till's) or `company` (all of them); any letter case, sent lowercase. */
      scope: ScopeSchema,
      /** The till number for `till` scope (`776655` or `K776655`); required there, left out for `company` scope. */
      scopeReference: v.optional(AnyTillNumberSchema),
      /** The start of the window: a `Date` or an ISO-8601 date-time with an offset (`2026-01-05T00:00:00+03:00`); must be before `toTime`. */
      fromTime: K2TimeInputSchema,
      /** The end of the window: a `Date` or an ISO-8601 date-time with an offset (`2026-01-06T00:00:00+03:00`). */
      toTime: K2TimeInputSchema,
      /** The absolute http(s) URL where K2 posts the matching transactions. */
      callbackUrl: CallbackUrlSchema,
    },
    objectMessage,
  ),
  v.forward(
    v.partialCheck(
      [['scope'], ['scopeReference']],
      (request) => request.scope !== 'till' || request.scopeReference !== undefined,
      'is required for till scope: give the till number',
    ),
    ['scopeReference'],
  ),
  v.forward(
    v.partialCheck(
      [['scope'], ['scopeReference']],
      (request) => request.scope !== 'company' || request.scopeReference === undefined,
      'must be left out for company scope',
    ),
    ['scopeReference'],
  ),
  v.forward(
    v.partialCheck(
      [['fromTime'], ['toTime']],
      (request) => request.fromTime.instant.getTime() < request.toTime.instant.getTime(),
      'must be before toTime',
    ),
    ['fromTime'],
  ),
);

/** @example const request: K2PollingRequest = { scope: 'company', fromTime, toTime, callbackUrl }; */
export type K2PollingRequest = v.InferInput<typeof K2PollingRequestSchema>;

/**
 * The wire body of `POST /api/v2/polling`.
 *
 * @example
 * ```ts
 * pollingBody(v.parse(K2PollingRequestSchema, request));
 * ```
 */
export function pollingBody(request: v.InferOutput<typeof K2PollingRequestSchema>): Record<string, unknown> {
  return {
    scope: request.scope,
    ...(request.scopeReference === undefined ? {} : { scope_reference: request.scopeReference }),
    from_time: request.fromTime.wire,
    to_time: request.toTime.wire,
    _links: { callback_url: request.callbackUrl },
  };
}
