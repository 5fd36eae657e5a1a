/** Plain-fetch helpers for driving a sandbox like a K2 client would. */
import type { Sandbox } from '@tender/sandbox';

/** Fetches a token with the sandbox's credentials, form-encoded as K2 documents. */
export async function fetchToken(sandbox: Sandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
      grant_type: 'client_credentials',
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export interface ApiAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly json: unknown;
}

/** A JSON call with a bearer token; the body is parsed when there is one. */
export async function api(
  token: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    location: response.headers.get('location'),
    json: text ? JSON.parse(text) : undefined,
  };
}

/** Reads a nested attribute of a result document. */
export function attributes(document: unknown): Record<string, unknown> {
  return (document as { data: { attributes: Record<string, unknown> } }).data.attributes;
}
