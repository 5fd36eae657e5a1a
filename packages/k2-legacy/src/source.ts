import {
  type FieldIssue,
  quoteValue,
  ValidationError,
  type WebhookRequest,
  type WebhookSource,
} from '@tender/core';
import { type LegacyStatusEncoding, legacyAnswer } from './answers.ts';
import { basicAuthMatches } from './basic-auth.ts';
import { isKnownTimeZone } from './date-time.ts';
import { decodeLegacyNotification, readLegacyFields } from './decode.ts';

/** What is wrong with each Basic credential: left out (an unset environment variable), not text, or empty. */
function credentialsIssues(credentials: {
  readonly username: unknown;
  readonly password: unknown;
}): FieldIssue[] {
  return (['username', 'password'] as const).flatMap((name): FieldIssue[] => {
    const value = credentials[name];
    const path = `credentials.${name}`;
    if (value === undefined) return [{ path, message: 'is missing' }];
    if (typeof value !== 'string') return [{ path, message: 'must be a string' }];
    return value === '' ? [{ path, message: 'must not be empty' }] : [];
  });
}

/**
 * Options of {@link createK2LegacySource}. Exactly one way of authenticating must be chosen: Basic
 * `credentials`, a custom `authenticate` check (for the API-key alternative the seed mentions without a
 * format), or `authentication: 'none'`, an explicit opt-out.
 *
 * @example
 * ```ts
 * const options: K2LegacySourceOptions = { credentials: { username: 'k2', password: process.env.K2_LEGACY_PASSWORD! } };
 * ```
 */
export interface K2LegacySourceOptions {
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Your own check of each delivery (instead of `credentials`): resolve `true` to accept it. */
  readonly authenticate?: (request: WebhookRequest) => boolean | Promise<boolean>;
  readonly authentication?: 'none';
  /** IANA zone of `transaction_date`/`transaction_time`. @default 'Africa/Nairobi' */
  readonly timeZone?: string;
  /** @default 'string' */
  readonly statusEncoding?: LegacyStatusEncoding;
}

/**
 * Kopo Kopo's legacy HTTP POST notifications as a {@link WebhookSource}: form fields in, a
 * `payment.succeeded` event out, answered with the `01`/`02`/`03` statuses K2 expects.
 *
 * @example
 * ```ts
 * const legacy = createK2LegacySource({ credentials: { username: 'k2', password: 'secret' } });
 * const router = createRouter({ sources: [{ name: 'k2-legacy', path: '/webhooks/k2-legacy', source: legacy }] });
 * ```
 */
export function createK2LegacySource(options: K2LegacySourceOptions): WebhookSource {
  const chosen = [options.credentials, options.authenticate, options.authentication].filter(
    (x) => x !== undefined,
  );
  if (chosen.length !== 1) {
    throw new ValidationError('Invalid legacy K2 source options', [
      {
        path: 'credentials',
        message:
          "choose exactly one of credentials, authenticate, or authentication: 'none' (an explicit opt-out)",
      },
    ]);
  }
  const credentialIssues = options.credentials ? credentialsIssues(options.credentials) : [];
  if (credentialIssues.length > 0) {
    throw new ValidationError('Invalid legacy K2 source options', credentialIssues);
  }
  const timeZone = options.timeZone ?? 'Africa/Nairobi';
  if (!isKnownTimeZone(timeZone)) {
    throw new ValidationError('Invalid legacy K2 source options', [
      { path: 'timeZone', message: `${quoteValue(String(timeZone))} is not an IANA time zone` },
    ]);
  }
  const { credentials, authenticate } = options;
  const encoding = options.statusEncoding ?? 'string';
  return {
    provider: 'k2-legacy',
    contentTypes: ['application/x-www-form-urlencoded'],
    async verify(request) {
      try {
        if (authenticate)
          return (await authenticate(request)) ? { ok: true } : { ok: false, reason: 'not authenticated' };
      } catch {
        return { ok: false, reason: 'not authenticated' };
      }
      if (!credentials) return { ok: true };
      return basicAuthMatches(request.headers.authorization, credentials)
        ? { ok: true }
        : { ok: false, reason: 'missing or wrong Basic credentials' };
    },
    decode(request) {
      return [decodeLegacyNotification(readLegacyFields(request), timeZone)];
    },
    answer(outcome) {
      return legacyAnswer(outcome, encoding, { basicAuth: credentials !== undefined });
    },
  };
}
