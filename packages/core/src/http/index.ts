export { createHttpClient } from './client.ts';
export { defaultErrorBody } from './error-body.ts';
export {
  createHttpEvents,
  type HttpEventMap,
  type HttpEvents,
  type HttpSend,
  type RetryReason,
} from './events.ts';
export {
  type ErrorBodyParser,
  type HttpClient,
  type HttpClientOptions,
  HttpClientOptionsSchema,
  type HttpRequest,
  HttpRequestSchema,
  type HttpResponse,
  type TokenSource,
} from './options.ts';
export { redactSecrets } from './redact.ts';
export { parseRetryAfter } from './retry-after.ts';
export { DEFAULT_USER_AGENT, TENDER_VERSION } from './user-agent.ts';
