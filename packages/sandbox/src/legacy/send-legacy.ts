/**
 * Sending one legacy K2 HTTP POST notification: form-encoded fields, HTTP Basic credentials when given.
 * One attempt only: the seed does not say whether K2 retries (reference k2-legacy-post.md).
 */
import { type DeliveryResult, deliver } from '../delivery/deliver.ts';
import { generateLegacyFields, type LegacyFields } from './legacy-fields.ts';

/**
 * Where to send a legacy notification and what to put in it.
 *
 * @example
 * ```ts
 * const options: LegacySendOptions = { to: 'http://127.0.0.1:8080/k2/legacy', username: 'k2', password: 'pw' };
 * ```
 */
export interface LegacySendOptions {
  readonly to: string;
  /** Sent as `Authorization: Basic`; no header when absent. */
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** Fields replacing or adding to the invented ones. */
  readonly fields?: Readonly<Record<string, string>> | undefined;
  /** When the payment happened; now by default. */
  readonly at?: Date | undefined;
  readonly timeoutMs?: number | undefined;
}

/**
 * A prepared legacy notification: the form body and its headers.
 *
 * @example
 * ```ts
 * const { body, headers }: LegacyRequest = prepareLegacy({ to });
 * ```
 */
export interface LegacyRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Builds the form body and headers of a legacy notification.
 *
 * @example
 * ```ts
 * prepareLegacy({ to, username: 'k2', password: 'pw' }).headers.authorization; // 'Basic azI6cHc='
 * ```
 */
export function prepareLegacy(options: LegacySendOptions): LegacyRequest {
  const fields: Record<string, string> = {
    ...(generateLegacyFields(options.at ?? new Date()) satisfies LegacyFields),
    ...options.fields,
  };
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'tender-sandbox (K2 legacy notification simulator)',
  };
  if (options.username !== undefined) {
    const credentials = `${options.username}:${options.password ?? ''}`;
    headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  }
  return { body: new URLSearchParams(fields).toString(), headers, fields };
}

/**
 * Sends one legacy notification and resolves with the receiver's answer.
 *
 * @example
 * ```ts
 * const result = await sendLegacyNotification({ to, username: 'k2', password: 'pw' });
 * result.status; // 200
 * JSON.parse(result.body).status; // '01'
 * ```
 */
export function sendLegacyNotification(options: LegacySendOptions): Promise<DeliveryResult> {
  const prepared = prepareLegacy(options);
  return deliver({
    url: options.to,
    body: prepared.body,
    headers: prepared.headers,
    policy: { attempts: 1, backoffMs: 0, timeoutMs: options.timeoutMs ?? 10_000 },
  });
}
