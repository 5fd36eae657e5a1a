/** "Did you mean ...?" for the command line: the known word nearest to what was typed. */

/** Longer input is not compared: a typo of a short word is short, and the cost stays bounded. */
const MAX_COMPARED = 64;

/** Levenshtein distance over two short strings, one row at a time. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate nearest to `input` when it is near enough to be a typo (at most a third of its letters
 * differ, and at least one letter may), else `undefined`. Letter case is ignored.
 *
 * @example
 * ```ts
 * closestMatch('triger', ['sandbox', 'trigger', 'sign']); // 'trigger'
 * closestMatch('deploy', ['sandbox', 'trigger', 'sign']); // undefined
 * ```
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  if (input.length === 0 || input.length > MAX_COMPARED) return undefined;
  const typed = input.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = distance(typed, candidate.toLowerCase());
    if (best === undefined || score < best.score) best = { candidate, score };
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(typed.length, best.candidate.length) / 3));
  return best.score <= allowed ? best.candidate : undefined;
}

/**
 * ` (did you mean "x"?)` for the nearest candidate, or an empty string when none is near.
 *
 * @example
 * ```ts
 * `unknown command "sing"${didYouMean('sing', ['sign'])}`; // 'unknown command "sing" (did you mean "sign"?)'
 * ```
 */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
