import { inspect } from 'node:util';

/**
 * The credentials a client uses against the sandbox, and the API key its deliveries are signed with. Read
 * them by property; `util.inspect` and `JSON.stringify` show the client id only, so logging a sandbox never
 * prints its secret or key.
 *
 * @example
 * ```ts
 * const { clientId, clientSecret, apiKey } = sandbox.credentials;
 * JSON.stringify(sandbox.credentials); // '{"clientId":"...","clientSecret":"[redacted]","apiKey":"[redacted]"}'
 * ```
 */
export interface SandboxCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string;
}

/**
 * Builds a credentials object whose secret and key stay out of `inspect` and `toJSON` output (the
 * redacting members are non-enumerable, so spreading and destructuring still give the real values).
 *
 * @example
 * ```ts
 * const credentials = sandboxCredentials('id', 'secret', 'key');
 * credentials.clientSecret; // 'secret'
 * ```
 */
export function sandboxCredentials(
  clientId: string,
  clientSecret: string,
  apiKey: string,
): SandboxCredentials {
  const shown = { clientId, clientSecret: '[redacted]', apiKey: '[redacted]' };
  const credentials = { clientId, clientSecret, apiKey };
  Object.defineProperties(credentials, {
    toJSON: { value: () => shown },
    [inspect.custom]: { value: () => `SandboxCredentials ${inspect(shown)}` },
  });
  return credentials;
}
