import * as v from 'valibot';
import { quoteValue } from '../errors/quote.ts';
import type { FieldIssue } from '../errors/validation-error.ts';
import { ValidationError } from '../errors/validation-error.ts';
import { ACCEPTED, acceptorOf } from './acceptor.ts';
import { isPlainJson, type PlainJson } from './plain-json.ts';

/**
 * Whether an issue is about a value that is not there: a required key left out, or a key holding
 * `undefined` (an unset environment variable) refused by its value's type check, which would otherwise say
 * "must be a string". The value itself (an empty path) is not a setting, so it keeps its message.
 */
function isMissing(issue: v.BaseIssue<unknown>): boolean {
  return issue.kind === 'schema' && issue.input === undefined && (issue.path?.length ?? 0) > 0;
}

/**
 * The issue's message with the received value cut: valibot's default messages quote it whole (`but received
 * "…"`), and a megabyte of it must not reach every log line and answer that repeats the error.
 */
function shortMessage(issue: v.BaseIssue<unknown>): string {
  const { message, received } = issue;
  if (received.length <= 34 || !message.includes(received)) return message;
  const quoted = received.startsWith('"') && received.endsWith('"');
  const cut = quoted ? quoteValue(received.slice(1, -1)) : `${received.slice(0, 32)}…`;
  return message.replace(received, () => cut);
}

/**
 * Turns valibot issues into tender's {@link FieldIssue}s: dotted paths and plain messages. A setting or
 * field that is not there says `is missing`, whatever type it should have had; a received value is quoted
 * cut to 32 characters.
 *
 * @example
 * ```ts
 * const result = v.safeParse(schema, input);
 * if (!result.success) console.log(toFieldIssues(result.issues));
 * ```
 */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: isMissing(issue) ? 'is missing' : shortMessage(issue),
  }));
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
 * {@link parseOrThrow} for JSON tender has just parsed itself ({@link PlainJson}, from `parseJsonText` or
 * `toPlainJson`, which nobody else holds): when the value is valid as it is, it is returned itself instead
 * of valibot's copy. On the webhook path that copy was most of the cost of validation. The fast check's
 * precondition (plain JSON data: enumerable string keys, no accessors, symbols or class instances) is the
 * parameter's type, so a caller's own object cannot reach it; those go through {@link parseOrThrow}. A
 * value merely cast to the type is refused at run time with a `TypeError` (a mistake in tender's code).
 *
 * @example
 * ```ts
 * const webhook = parseWireOrThrow(K2TransactionWebhookSchema, parseJsonText(text), 'Invalid K2 webhook');
 * ```
 */
export function parseWireOrThrow<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: PlainJson,
  summary: string,
  context: { readonly provider?: string; readonly operation?: string } = {},
): v.InferOutput<TSchema> {
  if (!isPlainJson(input))
    throw new TypeError('parseWireOrThrow takes JSON made by parseJsonText or toPlainJson');
  if (acceptorOf(schema)(input) === ACCEPTED) return input.value as v.InferOutput<TSchema>;
  return parseOrThrow(schema, input.value, summary, context);
}
