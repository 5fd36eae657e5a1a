import * as v from 'valibot';

/** Longer keys are cut before they are compared: the comparison stays small whatever a caller wrote. */
const COMPARED_LENGTH = 64;

/**
 * The edit distance between two short texts (insertions, deletions, substitutions), one row at a time:
 * time is the product of the lengths, both bounded here (a known key, and a key cut to 64 characters).
 */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known key nearest to `key`, ignoring letter case (`callbackURL` is `callbackUrl`), when it is near
 * enough to be a slip: at most a third of the key's letters (and at least two) differ.
 */
function nearestKey(key: string, known: readonly string[]): string | undefined {
  const typed = key.slice(0, COMPARED_LENGTH).toLowerCase();
  let nearest: string | undefined;
  let best = Math.max(2, Math.floor(typed.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance < best) {
      best = distance;
      nearest = candidate;
    }
  }
  return nearest;
}

/** The message of an unknown key: its name (cut), and the known key it was probably meant to be. */
function unknownKeyMessage(key: string, known: readonly string[]): string {
  const shown = key.length > COMPARED_LENGTH ? `${key.slice(0, COMPARED_LENGTH)}…` : key;
  const nearest = nearestKey(key, known);
  return nearest === undefined
    ? `"${shown}" is not a field of this request (known: ${known.join(', ')})`
    : `"${shown}" is not a field of this request; did you mean "${nearest}"?`;
}

/**
 * A request object that refuses keys it does not know, naming the key and the known key nearest to it. A
 * misspelt optional field (`callbackURL`, `idempotencyKey`) would otherwise vanish: the request would go
 * out without it, and a money-moving call cannot be taken back.
 *
 * @example
 * ```ts
 * const Schema = strictRequest({ callbackUrl: v.optional(v.string()) });
 * v.safeParse(Schema, { callbackURL: 'https://x' }).issues?.[0].message;
 * // '"callbackURL" is not a field of this request; did you mean "callbackUrl"?'
 * ```
 */
export function strictRequest<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  const known = Object.keys(entries);
  return v.strictObject(entries, (issue) =>
    issue.expected === 'never' ? unknownKeyMessage(String(issue.input), known) : 'must be an object',
  );
}
