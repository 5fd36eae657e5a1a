import { type Attributes, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type DebugLogger, TENDER_VERSION, type WebhookAnswer, type WebhookOutcome } from '@tender/core';
import type { EventResult } from './event-runs.ts';

/** What became of one event of a delivery, as spans and debug lines tell it. */
export interface EventReport {
  readonly id: string;
  readonly type: string;
  readonly result: EventResult;
}

/** How a delivery was concluded: what the router's `conclude()` knows when it answers. */
export interface DeliveryReport {
  readonly source: string | undefined;
  readonly provider: string | undefined;
  readonly path: string;
  readonly outcome: WebhookOutcome;
  readonly message: string;
  readonly eventIds: readonly string[];
  readonly events: readonly EventReport[];
}

/**
 * The router's OpenTelemetry spans (one per delivery, a span event per event) and its `webhooks` debug
 * lines. The router calls `deliver` around each delivery and `concluded` with each answer it makes; the
 * answer `concluded` returns is a fresh copy, so a delivery finds its own report even when a source hands
 * out one shared answer object. A refusal from the head alone (`screened`) has a debug line, no span: no
 * delivery was read. Spans are no-ops when the application registers no tracer provider.
 */
export interface DeliveryTelemetry {
  /** Runs one delivery inside its span (active, so the handlers' own spans become its children). */
  deliver(run: () => Promise<WebhookAnswer>): Promise<WebhookAnswer>;
  /** Records how an answer was reached and returns the answer to send. */
  concluded(answer: WebhookAnswer, report: DeliveryReport): WebhookAnswer;
  /** Prints the debug line of a refusal an adapter answers from the request head (`router.screen`). */
  screened(answer: WebhookAnswer): WebhookAnswer;
}

/**
 * Creates the router's telemetry; `debug` is the sink of the `webhooks` debug switch, if it is on.
 *
 * @example
 * ```ts
 * const telemetry = createDeliveryTelemetry(debugLoggerFor('webhooks', options.debug));
 * ```
 */
export function createDeliveryTelemetry(debug: DebugLogger | undefined): DeliveryTelemetry {
  const tracer = trace.getTracer('@tender/webhooks', TENDER_VERSION);
  const reports = new WeakMap<WebhookAnswer, DeliveryReport>();
  return {
    deliver(run) {
      const options = { kind: SpanKind.SERVER };
      return tracer.startActiveSpan('webhook', options, async (span) => {
        const started = performance.now();
        try {
          const answer = await run();
          const report = reports.get(answer);
          if (report !== undefined) debug?.(debugLine(report, answer.status, performance.now() - started));
          span.setAttribute('http.response.status_code', answer.status);
          if (report !== undefined) {
            if (report.source !== undefined) span.updateName(`webhook ${report.source}`);
            span.setAttributes(attributesOf(report));
            for (const event of report.events) span.addEvent('webhook.event', eventAttributes(event));
            if (report.outcome.kind === 'failed' || report.outcome.kind === 'rejected')
              span.setStatus({ code: SpanStatusCode.ERROR, message: statusMessage(report, answer.status) });
          }
          return answer;
        } catch (error) {
          debug?.('[tender:webhooks] the router failed unexpectedly: answered 500, onError has the error');
          span.setAttribute('tender.webhook.outcome', 'internal_error');
          span.setStatus({ code: SpanStatusCode.ERROR, message: 'the router failed unexpectedly' });
          throw error;
        } finally {
          span.end();
        }
      });
    },
    concluded(answer, report) {
      const copy = { ...answer };
      reports.set(copy, report);
      return copy;
    },
    screened(answer) {
      const report = reports.get(answer);
      if (report !== undefined) debug?.(debugLine(report, answer.status));
      return answer;
    },
  };
}

/** The outcome in one word: `accepted`, `duplicate`, `declined`, `rejected` or `failed`. */
function outcomeOf({ outcome }: DeliveryReport): string {
  return outcome.kind === 'accepted' && outcome.duplicate ? 'duplicate' : outcome.kind;
}

function attributesOf(report: DeliveryReport): Attributes {
  const attributes: Attributes = {
    'tender.webhook.outcome': outcomeOf(report),
    'tender.event.ids': [...report.eventIds],
    'tender.event.types': report.events.map((event) => event.type),
  };
  // The path of a registered source only: an unknown path is whatever the sender made up.
  if (report.source !== undefined) {
    attributes['tender.webhook.source'] = report.source;
    attributes['url.path'] = report.path;
  }
  if (report.provider !== undefined) attributes['tender.provider'] = report.provider;
  return attributes;
}

function eventAttributes({ id, type, result }: EventReport): Attributes {
  const attributes: Attributes = { 'tender.event.id': id, 'tender.event.type': type };
  if (result.kind === 'failed') {
    attributes['tender.event.result'] = 'failed';
    attributes['tender.event.failure'] = result.reason;
  } else {
    attributes['tender.event.result'] = result.duplicate ? 'duplicate' : 'handled';
    attributes['tender.event.outcome'] = result.outcome.kind;
  }
  return attributes;
}

/**
 * The router's own words for a failure, or the refusal's status: a refusal's message can quote a bad
 * field of the body (at most a short prefix), which has no place in a trace backend.
 */
function statusMessage(report: DeliveryReport, status: number): string {
  return report.outcome.kind === 'failed' ? report.message : `rejected with ${status}`;
}

function debugLine(report: DeliveryReport, status: number, durationMs?: number): string {
  const source = report.source ?? '(no source)';
  const events = report.events.map(({ id, result }) => {
    const what =
      result.kind === 'failed'
        ? `failed: ${result.reason}`
        : result.duplicate
          ? 'duplicate'
          : result.outcome.kind;
    return `${id} ${what}`;
  });
  const ids = events.length > 0 ? events.join(', ') : report.eventIds.join(', ');
  const path = report.path.length > 200 ? `${report.path.slice(0, 200)}…` : report.path;
  const took = durationMs === undefined ? '' : ` in ${Math.round(durationMs)} ms`;
  return `[tender:webhooks] ${source} ${path} -> ${status} ${outcomeOf(report)}${took}${ids === '' ? '' : ` [${ids}]`}: ${report.message}`;
}
