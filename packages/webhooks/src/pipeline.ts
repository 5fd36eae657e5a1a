import {
  type TenderEvent,
  textAnswer,
  type WebhookAnswer,
  type WebhookOutcome,
  type WebhookRequest,
} from '@tender/core';
import * as v from 'valibot';
import type { EventResult, Origin } from './event-runner.ts';
import type { WebhookLogEntry, WebhookLogger } from './logger.ts';
import {
  normalizePath,
  type Refusal,
  type Route,
  screenDelivery,
  type WebhookRequestHead,
} from './screening.ts';
import { WebhookError, type WebhookErrorStage } from './webhook-error.ts';

/**
 * What the pipeline needs from the router.
 *
 * @example
 * ```ts
 * const pipeline = createPipeline({ routes, maxBodyBytes: 1_048_576, runEvent, report, isClosed: () => false });
 * ```
 */
export interface PipelineSettings {
  /** Registered sources by normalized path. */
  readonly routes: ReadonlyMap<string, Route>;
  readonly maxBodyBytes: number;
  readonly runEvent: (event: TenderEvent, origin: Origin) => Promise<EventResult>;
  readonly report: (error: WebhookError) => Promise<void>;
  readonly logger?: WebhookLogger | undefined;
  readonly isClosed: () => boolean;
}

/**
 * The framework-free pipeline: `receive` takes a whole delivery, `screen` answers what can be answered from
 * the request head alone (adapters call it before reading a body they would refuse anyway).
 *
 * @example
 * ```ts
 * const answer = pipeline.screen(head) ?? (await pipeline.receive({ ...head, rawBody }));
 * ```
 */
export interface Pipeline {
  receive(request: WebhookRequest): Promise<WebhookAnswer>;
  screen(head: WebhookRequestHead, bodyLength: number | undefined): WebhookAnswer | undefined;
}

/** A source's `ValidationError`, recognised by shape so a second copy of `@tender/core` still counts. */
const MalformedSchema = v.object({ code: v.literal('validation'), message: v.string() });

/**
 * Sources usually verify and decode synchronously; awaiting a plain value still costs a turn of the
 * microtask queue per delivery, so only real promises are awaited.
 */
function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** What one delivery ended as, before it is put in the source's words. */
interface Conclusion {
  readonly outcome: WebhookOutcome;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly eventIds?: readonly string[];
}

const FAILED_BECAUSE: Record<Extract<EventResult, { kind: 'failed' }>['reason'], string> = {
  error: 'a handler or the store failed; the provider will deliver again',
  timeout: 'the handlers did not finish in time; the provider will deliver again',
  in_progress: 'another process is handling the event; the provider will deliver again',
};

/**
 * Builds the pipeline: route by path -> screen (405, 415, 413) -> verify over the raw bytes (401) -> decode
 * (400 listing the fields) -> run each event (claim, handlers, complete) -> answer in the source's dialect.
 * Nothing in it throws: sources' and stores' errors become a `failed` answer (500 in most dialects) and a
 * report to `onError`.
 *
 * @example
 * ```ts
 * const { receive } = createPipeline(settings);
 * const answer = await receive(request);
 * ```
 */
export function createPipeline(settings: PipelineSettings): Pipeline {
  const { routes, maxBodyBytes, runEvent, report, logger } = settings;

  function conclude(route: Route | undefined, path: string, conclusion: Conclusion): WebhookAnswer {
    const { outcome, message } = conclusion;
    let answer: WebhookAnswer;
    if (route === undefined) {
      answer = textAnswer(outcome.kind === 'rejected' ? outcome.status : 500, message);
    } else {
      try {
        const given = route.source.answer(outcome);
        answer =
          conclusion.headers === undefined
            ? given
            : { ...given, headers: { ...given.headers, ...conclusion.headers } };
      } catch (error) {
        answer = textAnswer(500, 'internal error while answering');
        void report(sourceError('answer', route, path, error));
      }
    }
    // The entry is only built for a logger: this runs once per delivery.
    if (logger !== undefined) {
      log({
        level: outcome.kind === 'failed' ? 'error' : outcome.kind === 'rejected' ? 'warn' : 'info',
        message,
        path,
        ...(route ? { source: route.name } : {}),
        status: answer.status,
        outcome: outcome.kind,
        eventIds: conclusion.eventIds ?? [],
      });
    }
    return answer;
  }

  function log(entry: WebhookLogEntry): void {
    try {
      logger?.(entry);
    } catch {
      // A broken logger must not break deliveries.
    }
  }

  function refuse(route: Route | undefined, path: string, refusal: Refusal): WebhookAnswer {
    return conclude(route, path, {
      outcome: { kind: 'rejected', status: refusal.status, message: refusal.message },
      message: refusal.message,
      headers: refusal.headers,
    });
  }

  /** The refusal for a head, if any: unknown path, closed router, then the source-independent checks. */
  function screenHead(
    head: WebhookRequestHead,
    bodyLength: number | undefined,
  ): { route: Route | undefined; path: string; refusal: Refusal } | { route: Route; path: string } {
    const path = normalizePath(head.path);
    const route = routes.get(path);
    if (route === undefined)
      return { route, path, refusal: { status: 404, message: 'no webhook source at this path' } };
    if (settings.isClosed()) {
      return { route, path, refusal: { status: 503, message: 'the webhook router is shutting down' } };
    }
    const refusal = screenDelivery(route, head, bodyLength, maxBodyBytes);
    return refusal ? { route, path, refusal } : { route, path };
  }

  function failed(route: Route, path: string, message: string, eventIds?: readonly string[]): WebhookAnswer {
    return conclude(route, path, { outcome: { kind: 'failed' }, message, ...(eventIds ? { eventIds } : {}) });
  }

  function sourceError(stage: WebhookErrorStage, route: Route, path: string, cause: unknown): WebhookError {
    return new WebhookError(`source "${route.name}" threw in ${stage}()`, {
      stage,
      status: 500,
      path,
      source: route.name,
      cause,
    });
  }

  async function receive(request: WebhookRequest): Promise<WebhookAnswer> {
    const screened = screenHead(request, request.rawBody.length);
    if ('refusal' in screened) return refuse(screened.route, screened.path, screened.refusal);
    const { route, path } = screened;

    let verdict: Awaited<ReturnType<Route['source']['verify']>>;
    try {
      const verifying = route.source.verify(request);
      verdict = isPromiseLike(verifying) ? await verifying : verifying;
    } catch (error) {
      await report(sourceError('verify', route, path, error));
      return failed(route, path, `source "${route.name}" failed to verify the delivery`);
    }
    if (verdict?.ok !== true) {
      const reason = verdict && 'reason' in verdict && verdict.reason ? verdict.reason : 'not genuine';
      return refuse(route, path, { status: 401, message: `verification failed: ${reason}` });
    }

    let events: readonly TenderEvent[];
    try {
      const decoding = route.source.decode(request);
      events = isPromiseLike(decoding) ? await decoding : decoding;
      if (!Array.isArray(events)) throw new TypeError('decode() must return an array of events');
      if (events.some((event) => typeof event?.id !== 'string' || event.id === '')) {
        throw new TypeError('decode() returned an event without an id, which de-duplication needs');
      }
    } catch (error) {
      if (v.is(MalformedSchema, error)) return refuse(route, path, { status: 400, message: error.message });
      await report(sourceError('decode', route, path, error));
      return failed(route, path, `source "${route.name}" failed to decode the delivery`);
    }

    const eventIds = events.map((event) => event.id);
    let duplicates = 0;
    let declined: Extract<WebhookOutcome, { kind: 'declined' }> | undefined;
    // Events of one delivery run in order, and the first failure stops the rest: the provider delivers the
    // whole body again, and the events handled already are then duplicates.
    for (const event of events) {
      const result = await runEvent(event, { source: route.name, path });
      if (result.kind === 'failed') return failed(route, path, FAILED_BECAUSE[result.reason], eventIds);
      if (result.duplicate) duplicates += 1;
      if (result.outcome.kind === 'declined') declined ??= result.outcome;
    }
    if (declined)
      return conclude(route, path, { outcome: declined, message: `declined: ${declined.reason}`, eventIds });
    const duplicate = events.length > 0 && duplicates === events.length;
    return conclude(route, path, {
      outcome: { kind: 'accepted', duplicate },
      message: duplicate ? 'accepted (already handled)' : 'accepted',
      eventIds,
    });
  }

  function screen(head: WebhookRequestHead, bodyLength: number | undefined): WebhookAnswer | undefined {
    const screened = screenHead(head, bodyLength);
    return 'refusal' in screened ? refuse(screened.route, screened.path, screened.refusal) : undefined;
  }

  return { receive, screen };
}
