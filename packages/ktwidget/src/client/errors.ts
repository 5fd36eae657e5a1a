import { type ErrorBodyParser, ProviderError, type TenderErrorOptions } from '@tender/core';

/**
 * What a KTPay error code means (reference §7) and what to do about it.
 *
 * - `server`: KTPay failed internally; try again later or contact support.
 * - `configuration`: the app id is wrong or unknown.
 * - `validation`: the order broke KTPay's rules.
 * - `encryption`: the body could not be read (bad base64, not a sealed box for this key, bad JSON) or was
 *   encrypted the wrong way.
 * - `key_expired`: the app key has expired; ask KTPay for a new one.
 * - `unknown`: a code the reference does not list.
 *
 * @example
 * ```ts
 * if (error instanceof KtwidgetApiError && error.kind === 'key_expired') alertOps('rotate the KTPay app key');
 * ```
 */
export type KtwidgetErrorKind =
  | 'server'
  | 'configuration'
  | 'validation'
  | 'encryption'
  | 'key_expired'
  | 'unknown';

/**
 * Every KTPay-side error code the reference documents (§7), with its meaning.
 *
 * @example
 * ```ts
 * KTWIDGET_ERROR_CODES[4220104].kind; // 'key_expired'
 * ```
 */
export const KTWIDGET_ERROR_CODES: Readonly<
  Record<number, { readonly kind: KtwidgetErrorKind; readonly meaning: string }>
> = Object.freeze({
  5000001: { kind: 'server', meaning: 'internal server error' },
  5000105: { kind: 'server', meaning: 'unexpected error while creating the merchant transaction' },
  5000106: {
    kind: 'server',
    meaning: 'unexpected error while getting authorisation data for the transaction',
  },
  5000107: { kind: 'server', meaning: 'unexpected error while reading transaction info' },
  5000109: { kind: 'server', meaning: 'unexpected error while generating the receipt' },
  5000110: { kind: 'server', meaning: 'receipt-generation module error' },
  4010103: { kind: 'configuration', meaning: 'wrong or unknown merchant application id (Auth-Identifier)' },
  4220002: { kind: 'validation', meaning: 'request parameter validation failed' },
  4220101: { kind: 'encryption', meaning: 'data malformed (bad base64, undecryptable or bad JSON)' },
  4220102: { kind: 'encryption', meaning: 'wrong encryption type for the data' },
  4220103: { kind: 'validation', meaning: 'validation error' },
  4220104: { kind: 'key_expired', meaning: 'the crypto key has expired: a new app key is needed' },
});

/**
 * KTPay's error envelope as read from any of its three documented shapes (§7): the current
 * `{ success: false, data: [], error: { code, messages: { error: "…" }, hint } }`, the PHP SDK's
 * `{ response: { success: false }, error: { … } }` and the 2019 `{ success: false, error: { code, message,
 * validation: { field: ["…"] }, hint } }`.
 *
 * @example
 * ```ts
 * const envelope: KtwidgetErrorEnvelope = { code: 4220101, message: 'Data malformed', fields: {} };
 * ```
 */
export interface KtwidgetErrorEnvelope {
  readonly code: number | undefined;
  readonly message: string | undefined;
  readonly hint?: string | undefined;
  /** Field-level messages (`validation`, or `messages` other than `error`). */
  readonly fields: Readonly<Record<string, string>>;
}

const MAX_TEXT = 500;

function bounded(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return bounded(value);
  if (Array.isArray(value)) {
    const texts = value.filter((item): item is string => typeof item === 'string');
    return texts.length > 0 ? bounded(texts.slice(0, 10).join('; ')) : undefined;
  }
  return undefined;
}

function codeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}

/** Up to 20 `name: text` pairs of a messages or validation map, so a huge body cannot bloat an error. */
function fieldsOf(map: unknown, skip: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return fields;
  let count = 0;
  for (const [name, value] of Object.entries(map)) {
    if (name === skip) continue;
    const text = textOf(value);
    if (text === undefined) continue;
    fields[name] = text;
    count += 1;
    if (count === 20) break;
  }
  return fields;
}

/**
 * Reads KTPay's error envelope out of a parsed body, or `undefined` when the body holds no `error` object.
 *
 * @example
 * ```ts
 * readKtwidgetError({ success: false, data: [], error: { code: 4010103, messages: { error: 'Unknown app' } } });
 * // { code: 4010103, message: 'Unknown app', hint: undefined, fields: {} }
 * ```
 */
export function readKtwidgetError(body: unknown): KtwidgetErrorEnvelope | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as Record<string, unknown>).error;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return undefined;
  const fields = error as Record<string, unknown>;
  const messages = fields.messages;
  const fromMessages =
    typeof messages === 'object' && messages !== null
      ? textOf((messages as Record<string, unknown>).error)
      : undefined;
  const listed = { ...fieldsOf(messages, 'error'), ...fieldsOf(fields.validation, '') };
  const message = textOf(fields.message) ?? fromMessages ?? Object.values(listed)[0];
  return { code: codeOf(fields.code), message, hint: textOf(fields.hint), fields: listed };
}

/**
 * The core HTTP client's error body reader for KTPay: the code and message of whichever envelope came back.
 *
 * @example
 * ```ts
 * parseKtwidgetErrorBody({ success: false, error: { code: 4220101, message: 'Data malformed' } }, '');
 * // { code: 4220101, message: 'Data malformed' }
 * ```
 */
export const parseKtwidgetErrorBody: ErrorBodyParser = (body) => {
  const envelope = readKtwidgetError(body);
  return envelope === undefined ? {} : { code: envelope.code, message: envelope.message };
};

/**
 * KTPay refused a request with one of its error envelopes, whatever the HTTP status (KTPay's statuses are
 * UNKNOWN: the PHP SDK reads only the body). `providerCode` is KTPay's numeric code, `providerMessage` its
 * message, `kind` what the code means (see {@link KTWIDGET_ERROR_CODES}), `fields` any field-level messages.
 * Only `server` errors are `retryable`, and even they may have created the transaction: create a new
 * transaction with a new order id rather than resending one.
 *
 * @example
 * ```ts
 * try {
 *   await client.createTransaction(order);
 * } catch (error) {
 *   if (error instanceof KtwidgetApiError) console.log(error.providerCode, error.kind, error.providerMessage);
 * }
 * ```
 */
export class KtwidgetApiError extends ProviderError {
  override readonly name: string = 'KtwidgetApiError';
  readonly kind: KtwidgetErrorKind;
  readonly hint: string | undefined;
  readonly fields: Readonly<Record<string, string>>;

  constructor(envelope: KtwidgetErrorEnvelope, options: TenderErrorOptions & { readonly operation: string }) {
    const known = envelope.code === undefined ? undefined : KTWIDGET_ERROR_CODES[envelope.code];
    const kind = known?.kind ?? 'unknown';
    const said = envelope.message ?? known?.meaning ?? 'no message';
    const status = options.status === undefined ? '' : ` (HTTP ${options.status})`;
    const meaning = known && envelope.message ? ` [${known.meaning}]` : '';
    const fields = Object.entries(envelope.fields).map(([name, text]) => `; ${name}: ${text}`);
    super(
      `KTPay refused ${options.operation}${status}: ${envelope.code ?? 'no code'} ${said}${meaning}${fields.join('')}`,
      {
        ...options,
        provider: 'ktwidget',
        providerCode: envelope.code,
        providerMessage: envelope.message,
        retryable: kind === 'server',
      },
    );
    this.kind = kind;
    this.hint = envelope.hint;
    this.fields = envelope.fields;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), kind: this.kind, hint: this.hint, fields: this.fields };
  }
}
