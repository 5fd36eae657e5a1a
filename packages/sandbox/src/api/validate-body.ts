/**
 * Turns valibot issues into K2's one-line `error_message`. Each message reads "<Field> <predicate>", the
 * field named after its path the way K2 names it ("Subscriber phone number is an invalid number",
 * "Callback url can't be blank", reference §6.1 and §7.7). Schemas give only the predicate; a field without
 * one is "can't be blank" when missing or empty and "is invalid" otherwise. Messages are built after parsing
 * because valibot fixes an issue's message before the enclosing objects add their part of the path.
 */
import * as v from 'valibot';

/** valibot's default message is replaced by this marker so the formatter knows no predicate was given. */
const NO_PREDICATE = '';

function isBlank(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

/** `['subscriber', 'phone_number']` -> `Subscriber phone number`; `['destinations', 0, 'amount']` -> `Destination 1 amount`. */
function fieldLabel(path: readonly v.IssuePathItem[] | undefined): string {
  const words: string[] = [];
  for (const item of path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') {
      const collection = words.pop() ?? 'item';
      words.push(`${collection.replace(/s$/, '')} ${key + 1}`);
    } else if (key === '_links') {
      // `_links` only wraps the callback URL: a missing `_links` is a missing callback url.
      if (item === path?.at(-1)) words.push('callback url');
    } else {
      words.push(String(key).replaceAll('_', ' '));
    }
  }
  const text = words.join(' ').trim() || 'request body';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A union without its own predicate takes the first predicate one of its options gave. */
function predicateOf(issue: v.BaseIssue<unknown>): string {
  if (issue.message !== NO_PREDICATE) return issue.message;
  const inner = issue.issues?.find((candidate) => candidate.message !== NO_PREDICATE);
  if (inner) return inner.message;
  return isBlank(issue.input) ? "can't be blank" : 'is invalid';
}

function describe(issue: v.BaseIssue<unknown>): string {
  return `${fieldLabel(issue.path)} ${predicateOf(issue)}`;
}

/**
 * The outcome of checking a request body: the typed input, or the error message K2 would give.
 *
 * @example
 * ```ts
 * const check: BodyCheck<{ reason: string }> = validateBody(Schema, body);
 * ```
 */
export type BodyCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/**
 * Checks `body` against `schema`, collecting every issue into one K2-style message (distinct messages
 * joined with `; `).
 *
 * @example
 * ```ts
 * const check = validateBody(ReversalRequestSchema, { reason: 'x' });
 * check.ok || check.message; // "Transaction reference can't be blank; Callback url can't be blank"
 * ```
 */
export function validateBody<TSchema extends v.GenericSchema>(
  schema: TSchema,
  body: unknown,
): BodyCheck<v.InferOutput<TSchema>> {
  const result = v.safeParse(schema, body, { abortEarly: false, message: () => NO_PREDICATE });
  if (result.success) return { ok: true, value: result.output };
  const messages = [...new Set(result.issues.map(describe))];
  return { ok: false, message: messages.join('; ') };
}
