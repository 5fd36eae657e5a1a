import * as v from 'valibot';
import type { FieldIssue } from '../errors/validation-error.ts';
import { ValidationError } from '../errors/validation-error.ts';
import { ACCEPTED, acceptorOf } from './acceptor.ts';

/**
 * Turns valibot issues into tender's {@link FieldIssue}s: dotted paths and plain messages.
 *
 * @example
 * ```ts
 * const result = v.safeParse(schema, input);
 * if (!result.success) console.log(toFieldIssues(result.issues));
 * ```
 */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
}

/**
 * Checks `input` against a valibot schema and returns the typed output, or throws a
 * {@link ValidationError} listing every offending field. Used for callers' requests, configurations and
 * providers' payloads alike.
 *
 * @example
 * ```ts
 * const request = parseOrThrow(CollectRequestSchema, input, 'Invalid collect request');
 * ```
 */
export function parseOrThrow<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  summary: string,
  context: { readonly provider?: string; readonly operation?: string } = {},
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw new ValidationError(summary, toFieldIssues(result.issues), context);
}

/**
 * {@link parseOrThrow} for values tender has just read off the wire (the output of `JSON.parse` on a webhook
 * or response body, which nobody else holds): when the input is valid as it is, it is returned itself instead
 * of valibot's copy. On the webhook path that copy was most of the cost of validation; a caller's own
 * objects still go through {@link parseOrThrow}, so tender never hands back or keeps an alias of them.
 *
 * The input must be plain JSON data as `JSON.parse` builds it: enumerable string keys holding values, no
 * symbol keys, accessors or non-enumerable properties, and an `Object.prototype` nobody has added keys to
 * since the schema was first used. The fast check does not look for those (it would cost more than it
 * saves); an object carrying them may be returned as it is where valibot would have returned a copy
 * without them.
 *
 * @example
 * ```ts
 * const webhook = parseWireOrThrow(K2TransactionWebhookSchema, JSON.parse(text), 'Invalid K2 webhook');
 * ```
 */
export function parseWireOrThrow<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  summary: string,
  context: { readonly provider?: string; readonly operation?: string } = {},
): v.InferOutput<TSchema> {
  if (acceptorOf(schema)(input) === ACCEPTED) return input as v.InferOutput<TSchema>;
  return parseOrThrow(schema, input, summary, context);
}
