/**
 * The `/api/v2` routes: `POST /api/v2/<collection>` opens a resource and answers `201` with its absolute
 * `Location` (reference §1.4), `GET` on that location shows it, `POST <location>/cancel` cancels a payment
 * link. Every route needs a valid bearer token; errors use K2's `error_code` / `error_message` body (§6.1).
 */
import type { ServerResponse } from 'node:http';
import { parseJson, sendApiError, sendJson } from '../http/io.ts';
import { BEARER_CHALLENGE, checkBearer } from '../oauth/bearer.ts';
import type { TokenStore } from '../oauth/token-store.ts';
import type { Endpoint, OpenContext, SimulatedResource } from './endpoint.ts';
import { ENDPOINTS } from './endpoints/index.ts';

/**
 * What the API routes need from the sandbox.
 *
 * @example
 * ```ts
 * handleApi(request, response, { origin, now, ledger, subscriptions, tokens, resources, newId, schedule });
 * ```
 */
export interface ApiContext extends Omit<OpenContext, 'id' | 'selfUrl'> {
  readonly tokens: TokenStore;
  readonly resources: Map<string, SimulatedResource>;
  readonly newId: () => string;
  /** Hands a new resource to the sandbox, which settles it after the delay and sends its callback. */
  readonly schedule: (resource: SimulatedResource) => void;
}

/**
 * A request as the API routes see it.
 *
 * @example
 * ```ts
 * const request: ApiRequest = { method: 'GET', path: '/api/v2/send_money/5b6c', authorization, body: '' };
 * ```
 */
export interface ApiRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

type Route =
  | { readonly kind: 'create'; readonly endpoint: Endpoint }
  | { readonly kind: 'show'; readonly key: string }
  | { readonly kind: 'cancel'; readonly key: string };

const BY_COLLECTION = new Map(ENDPOINTS.map((endpoint) => [endpoint.collection, endpoint]));

function route(method: string, path: string): Route | undefined {
  const match = /^\/api\/v2\/([a-z_]+)(?:\/([^/]+)(\/cancel)?)?\/?$/.exec(path);
  if (!match?.[1]) return undefined;
  const [, collection, id, cancel] = match;
  const endpoint = BY_COLLECTION.get(collection);
  if (!endpoint) return undefined;
  if (id === undefined) return method === 'POST' ? { kind: 'create', endpoint } : undefined;
  const key = `${collection}/${id}`;
  if (cancel !== undefined)
    return method === 'POST' && collection === 'payment_links' ? { kind: 'cancel', key } : undefined;
  return method === 'GET' ? { kind: 'show', key } : undefined;
}

function create(
  endpoint: Endpoint,
  request: ApiRequest,
  response: ServerResponse,
  context: ApiContext,
): void {
  const body = parseJson(request.body);
  if (body === undefined) {
    sendApiError(response, 400, 'The request body is not valid JSON');
    return;
  }
  const id = context.newId();
  const selfUrl = `${context.origin}/api/v2/${endpoint.collection}/${id}`;
  const opened = endpoint.open(body, { ...context, id, selfUrl });
  if (!opened.ok) {
    sendApiError(response, 400, opened.message);
    return;
  }
  context.resources.set(`${endpoint.collection}/${id}`, opened.resource);
  context.schedule(opened.resource);
  response.writeHead(201, { location: selfUrl, 'content-length': '0' });
  response.end();
}

/**
 * Answers a request under `/api/`; returns `false` for other paths.
 *
 * @example
 * ```ts
 * if (handleApi(apiRequest, response, context)) return;
 * ```
 */
export function handleApi(request: ApiRequest, response: ServerResponse, context: ApiContext): boolean {
  if (!request.path.startsWith('/api/')) return false;
  const matched = route(request.method, request.path);
  if (!matched) {
    sendApiError(response, 404, 'Not Found');
    return true;
  }
  const bearer = checkBearer(request.authorization, context.tokens);
  if (!bearer.ok) {
    sendApiError(response, 401, bearer.reason, BEARER_CHALLENGE);
    return true;
  }
  if (matched.kind === 'create') {
    create(matched.endpoint, request, response, context);
    return true;
  }
  const resource = context.resources.get(matched.key);
  if (!resource) {
    sendApiError(response, 404, 'Not Found');
  } else if (matched.kind === 'show') {
    sendJson(response, 200, resource.current());
  } else if (resource.cancel) {
    const answer = resource.cancel();
    sendJson(response, answer.status, answer.body);
  } else {
    sendApiError(response, 404, 'Not Found');
  }
  return true;
}
