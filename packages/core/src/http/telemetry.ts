import { type Attributes, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { EventEmitter } from 'eventemitter3';
import { TenderError } from '../errors/tender-error.ts';
import { type DebugLogger, debugLoggerFor } from '../telemetry/debug.ts';
import type { HttpEventMap, HttpEvents } from './events.ts';
import type { HttpRequest, ResolvedHttpClientOptions } from './options.ts';
import { redactSecrets } from './redact.ts';
import { TENDER_VERSION } from './user-agent.ts';

/** The events a call emits, in the order they are forwarded to the application's emitter. */
const CALL_EVENTS = ['request', 'response', 'retry', 'outcome.unknown'] as const;

/** One call in flight: its span, and what names it in debug lines. */
interface Traced {
  readonly span: Span;
  readonly label: string;
  readonly secrets: readonly (string | undefined)[];
}

/**
 * What the HTTP client reports to besides the application's own emitter: an OpenTelemetry span per call
 * and the `http` debug switch. Both are fed by the client's events, paired by `requestId`, so the client
 * itself only hands each call's id over. Spans go through `@opentelemetry/api` alone: with no tracer
 * provider registered by the application they are no-ops.
 */
export interface HttpTelemetry {
  /** The emitter the client emits to: it feeds spans and debug lines, then the application's emitter. */
  readonly events: HttpEvents;
  /** Runs one call (`send` with its request id) inside its span; the span ends when the call settles. */
  call<R extends { readonly status: number }>(
    request: HttpRequest,
    send: (requestId: string) => Promise<R>,
  ): Promise<R>;
}

/**
 * The telemetry of one HTTP client. Attributes are the provider, operation, method, URL without its query
 * (Paykassma signs with a secret in the query), statuses and retry reasons: never a header, body or token.
 *
 * @example
 * ```ts
 * const telemetry = createHttpTelemetry(config);
 * const answer = await telemetry.call(request, (requestId) => send({ ...config, events: telemetry.events }, request, requestId));
 * ```
 */
export function createHttpTelemetry(config: ResolvedHttpClientOptions): HttpTelemetry {
  const tracer = trace.getTracer('@tender/core', TENDER_VERSION);
  const debug = debugLoggerFor('http', config.debug);
  const calls = new Map<string, Traced>();
  const events: HttpEvents = new EventEmitter<HttpEventMap>();
  const observe: { [K in (typeof CALL_EVENTS)[number]]: (call: Traced, event: never) => void } = {
    request: (call, event: Parameters<HttpEventMap['request']>[0]) => {
      if (event.attempt === 1) call.span.setAttribute('url.full', redactSecrets(event.url, call.secrets));
      else call.span.setAttribute('http.request.resend_count', event.attempt - 1);
      say(debug, call, `${event.method} ${event.url} (attempt ${event.attempt})`);
    },
    response: (call, event: Parameters<HttpEventMap['response']>[0]) => {
      call.span.setAttribute('http.response.status_code', event.status);
      say(debug, call, `answered ${event.status} in ${event.durationMs} ms (attempt ${event.attempt})`);
    },
    retry: (call, event: Parameters<HttpEventMap['retry']>[0]) => {
      const { attempt, reason, delayMs, status } = event;
      const attributes: Attributes = {
        'tender.attempt': attempt,
        'tender.retry.reason': reason,
        'tender.retry.delay_ms': delayMs,
      };
      if (status !== undefined) attributes['http.response.status_code'] = status;
      call.span.addEvent('retry', attributes);
      const why = status === undefined ? reason : `${reason} ${status}`;
      say(debug, call, `retry in ${delayMs} ms (${why})`);
    },
    'outcome.unknown': (call, event: Parameters<HttpEventMap['outcome.unknown']>[0]) => {
      call.span.addEvent('outcome.unknown', {
        'tender.attempt': event.attempt,
        'tender.reason': event.reason,
      });
      say(
        debug,
        call,
        `no answer (${event.reason}): the outcome is unknown, check its status before retrying`,
      );
    },
  };
  for (const name of CALL_EVENTS) {
    events.on(name, (event: { requestId: string }) => {
      const call = calls.get(event.requestId);
      if (call !== undefined) quietly(() => observe[name](call, event as never));
      quietly(() => config.events?.emit(name, event as never));
    });
  }

  return {
    events,
    call(request, send) {
      const requestId = crypto.randomUUID();
      const { provider } = config;
      const operation = nameOf(request?.operation);
      const method = nameOf(request?.method);
      const attributes: Attributes = {
        'tender.provider': provider,
        'tender.operation': operation,
        'tender.request_id': requestId,
        'http.request.method': method,
      };
      if (typeof request?.movesMoney === 'boolean') attributes['tender.moves_money'] = request.movesMoney;
      const options = { kind: SpanKind.CLIENT, attributes };
      return tracer.startActiveSpan(`${provider} ${operation}`, options, async (span) => {
        const secrets = [...config.secrets, ...(request?.secrets ?? [])];
        const call: Traced = { span, label: `[tender:http] ${requestId} ${provider} ${operation}:`, secrets };
        calls.set(requestId, call);
        try {
          const answer = await send(requestId);
          span.setAttribute('http.response.status_code', answer.status);
          return answer;
        } catch (error) {
          failed(debug, call, error);
          throw error;
        } finally {
          calls.delete(requestId);
          span.end();
        }
      });
    },
  };
}

/** A span's error status and `error.type`: the TenderError's code, never its message (it may quote input). */
function failed(debug: DebugLogger | undefined, call: Traced, error: unknown): void {
  const code = error instanceof TenderError ? error.code : 'internal';
  call.span.setAttribute('error.type', code);
  const status = error instanceof TenderError ? error.status : undefined;
  if (status !== undefined) call.span.setAttribute('http.response.status_code', status);
  call.span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  say(debug, call, `failed: ${code}${status === undefined ? '' : ` (${status})`}`);
}

function say(debug: DebugLogger | undefined, call: Traced, text: string): void {
  debug?.(redactSecrets(`${call.label} ${text}`, call.secrets));
}

/** An operation or method as given, or `unknown` before the request is checked (the send then refuses it). */
function nameOf(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value.slice(0, 64) : 'unknown';
}

function quietly(run: () => void): void {
  try {
    run();
  } catch {
    // A listener that throws must not turn an accepted payment into an error, nor stop the other listeners.
  }
}
