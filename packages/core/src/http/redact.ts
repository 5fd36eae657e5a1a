const REDACTED = '[redacted]';
/** How many errors of a `cause` chain are looked at; a longer chain is cut there. */
const MAX_CAUSES = 5;

/** Letters, digits, `_` and `-`: a secret next to one of them is part of a longer value, not the secret. */
const WORD = /[\w-]/;

/** A pattern for `value` where it stands whole: not preceded or followed by a character that continues it. */
function wholeValue(value: string): string {
  const escaped = value.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  const start = WORD.test(value[0] ?? '') ? '(?<![\\w-])' : '';
  return `${start}${escaped}${WORD.test(value.at(-1) ?? '') ? '(?![\\w-])' : ''}`;
}

/**
 * Replaces each secret in `text` with `[redacted]` where it stands as a whole value (a one-letter secret
 * `b` leaves "base URL" alone), in plain form, JSON-escaped, and in both URL encodings (`encodeURIComponent`
 * and a form body's `+`). Longer secrets go first, so a secret containing another is hidden whole.
 *
 * @example
 * ```ts
 * redactSecrets('invalid client_secret s3cr3t', ['s3cr3t']); // 'invalid client_secret [redacted]'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret).add(JSON.stringify(secret).slice(1, -1)).add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  let redacted = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    redacted = redacted.replace(new RegExp(wholeValue(form), 'g'), REDACTED);
  }
  return redacted;
}

/**
 * The error itself when no message of its `cause` chain names a secret; otherwise a copy of the chain
 * (names, messages and `code`s only) with the secrets redacted. A chain longer than five is cut.
 *
 * @example
 * ```ts
 * redactCauses(new Error('failed', { cause: new Error('token tok_1') }), ['tok_1']).cause; // Error: token [redacted]
 * ```
 */
export function redactCauses(error: Error, secrets: readonly (string | undefined)[]): Error {
  const chain: Error[] = [];
  let next: unknown = error;
  for (; next instanceof Error && chain.length < MAX_CAUSES; next = next.cause) chain.push(next);
  const messages = chain.map((link) => redactSecrets(link.message, secrets));
  if (next === undefined && messages.every((message, index) => message === chain[index]?.message))
    return error;
  let copy: Error | undefined;
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const link = chain[index] as Error & { code?: unknown };
    copy = Object.assign(new Error(messages[index], copy && { cause: copy }), { name: link.name });
    if (typeof link.code === 'string') Object.assign(copy, { code: link.code });
  }
  return copy ?? error;
}
