/** What a redacted secret is replaced with. */
const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of each secret in `text` with `[redacted]`, in plain form and in both URL
 * encodings (an error body may echo a form-encoded credential: `encodeURIComponent` writes a space as `%20`,
 * a form body as `+`, and the two differ on `!'()~` too). Empty secrets are ignored; longer secrets are
 * replaced first so a secret that contains another one is hidden whole.
 *
 * @example
 * ```ts
 * redactSecrets('invalid client_secret s3cr3t', ['s3cr3t']); // 'invalid client_secret [redacted]'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ s: secret }).toString().slice('s='.length));
  }
  let redacted = text;
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
    redacted = redacted.replaceAll(variant, REDACTED);
  }
  return redacted;
}
