/**
 * A Kenyan mobile number in international form (`+2547…`, `+2541…`) when the text is one in any usual
 * writing (`0723456789`, `723456789`, `254723456789`, `+254 723 456 789`); otherwise the text as sent, since
 * the legacy format does not promise Kenyan numbers.
 *
 * @example
 * ```ts
 * normalizeKenyanPhone('0723456789'); // '+254723456789'
 * ```
 */
export function normalizeKenyanPhone(sent: string): string {
  const digits = sent.replace(/[\s-]/g, '');
  const match = /^(?:\+?254|0)?([17]\d{8})$/.exec(digits);
  return match ? `+254${match[1]}` : sent;
}
