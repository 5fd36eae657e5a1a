import {
  type TenderEvent,
  textAnswer,
  type VerifyResult,
  type WebhookAnswer,
  type WebhookRequest,
} from '@tender/core';
import * as v from 'valibot';
import { type Conclusion, Tally } from './delivery-tally.ts';
import type { EventResult, RunEvent } from './event-runner.ts';
import type { WebhookLogEntry, WebhookLogger } from './logger.ts';
import { andThen, isPromiseLike, type MaybePromise } from './maybe-async.ts';
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
  readonly runEvent: RunEvent;
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
  /** The answer, synchronously when every step of the delivery answered synchronously. */
  receive(request: WebhookRequest): MaybePromise<WebhookAnswer>;
  screen(head: WebhookRequestHead, bodyLength: number | undefined): WebhookAnswer | undefined;
}

/** A source's `ValidationError`, recognised by shape so a second copy of `@tender/core` still counts. */
const MalformedSchema = v.object({ code: v.literal('validation'), message: v.string() });

/** `given` when it is an answer; a source's `answer()` that returns anything else is a bug in the source. */
function requireAnswer(given: WebhookAnswer): WebhookAnswer {
  if (typeof given !== 'object' || given === null || !Number.isInteger(given.status)) {
    throw new TypeError('answer() must return { status, headers, body }');
  }
  return given;
}

/**
 * What is wrong with what `decode()` returned, if anything: the router needs an array of events, each with a
 * non-empty string `id` (de-duplication) and a string `type` (handlers). Reading an event may throw (a getter,
 * a revoked proxy): that is a decode failure too, found before any event is claimed.
 */
function problemWithEvents(events: unknown): TypeError | undefined {
  try {
    if (!Array.isArray(events)) return new TypeError('decode() must return an array of events');
    for (const event of events as readonly Partial<TenderEvent>[]) {
      if (typeof event?.id !== 'string' || event.id === '') {
        return new TypeError('decode() returned an event without an id, which de-duplication needs');
      }
      if (typeof event.type !== 'string') return new TypeError('decode() returned an event without a type');
    }
    return undefined;
  } catch (error) {
    return new TypeError('decode() returned events that cannot be read', { cause: error });
  }
}

/** One delivery on its way through the pipeline, once routed. */
interface Delivery {
  readonly request: WebhookRequest;
  readonly route: Route;
  readonly path: string;
}

const verifyStep = ({ route, request }: Delivery) => route.source.verify(request);
const decodeStep = ({ route, request }: Delivery) => route.source.decode(request);

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
        const given = requireAnswer(route.source.answer(outcome));
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

  /**
   * The outermost guard: every step already turns what sources, stores and handlers throw into a failed
   * answer, so this only catches what slipped past them (a bug), and still answers 500 rather than throw.
   */
  function receive(request: WebhookRequest): MaybePromise<WebhookAnswer> {
    let answer: MaybePromise<WebhookAnswer>;
    try {
      answer = deliver(request);
    } catch (error) {
      return unexpected(error, request);
    }
    return isPromiseLike(answer)
      ? answer.then(undefined, (error: unknown) => unexpected(error, request))
      : answer;
  }

  async function unexpected(error: unknown, request: WebhookRequest): Promise<WebhookAnswer> {
    let path = '';
    let source: string | undefined;
    try {
      path = normalizePath(request.path);
      source = routes.get(path)?.name;
    } catch {
      // Not even a path to read: the report says so with an empty one.
    }
    await report(
      new WebhookError('the webhook router failed unexpectedly', {
        stage: 'internal',
        status: 500,
        path,
        source,
        cause: error,
      }),
    );
    return textAnswer(500, 'internal error');
  }

  function deliver(request: WebhookRequest): MaybePromise<WebhookAnswer> {
    const screened = screenHead(request, request.rawBody.length);
    if ('refusal' in screened) return refuse(screened.route, screened.path, screened.refusal);
    const delivery: Delivery = { request, route: screened.route, path: screened.path };
    return andThen(delivery, verifyStep, afterVerify, verifyFailed);
  }

  function afterVerify(verdict: VerifyResult, delivery: Delivery): MaybePromise<WebhookAnswer> {
    if (verdict?.ok !== true) {
      // A source may break its contract (return `false`, or no reason): it is still a refusal, worded plainly.
      const given: unknown =
        typeof verdict === 'object' && verdict !== null
          ? (verdict as { reason?: unknown }).reason
          : undefined;
      const reason = typeof given === 'string' && given !== '' ? given : 'not genuine';
      return refuse(delivery.route, delivery.path, {
        status: 401,
        message: `verification failed: ${reason}`,
      });
    }
    return andThen(delivery, decodeStep, afterDecode, decodeFailed);
  }

  function afterDecode(events: readonly TenderEvent[], delivery: Delivery): MaybePromise<WebhookAnswer> {
    const problem = problemWithEvents(events);
    if (problem !== undefined) return decodeFailed(problem, delivery);
    return runEvents(events, delivery.route, delivery.path);
  }

  function verifyFailed(error: unknown, delivery: Delivery): Promise<WebhookAnswer> {
    return sourceFailed('verify', delivery.route, delivery.path, error);
  }

  function decodeFailed(error: unknown, delivery: Delivery): MaybePromise<WebhookAnswer> {
    const { route, path } = delivery;
    if (v.is(MalformedSchema, error)) return refuse(route, path, { status: 400, message: error.message });
    return sourceFailed('decode', route, path, error);
  }

  async function sourceFailed(
    stage: 'verify' | 'decode',
    route: Route,
    path: string,
    error: unknown,
  ): Promise<WebhookAnswer> {
    await report(sourceError(stage, route, path, error));
    return failed(route, path, `source "${route.name}" failed to ${stage} the delivery`);
  }

  /**
   * Events of one delivery run in order, and the first failure stops the rest: the provider delivers the
   * whole body again, and the events handled already are then duplicates. The events run synchronously as
   * long as each one finishes synchronously; from the first that does not, the rest wait in turn.
   */
  function runEvents(
    events: readonly TenderEvent[],
    route: Route,
    path: string,
  ): MaybePromise<WebhookAnswer> {
    const tally = new Tally(events);
    const origin = { source: route.name, path };
    for (let index = 0; index < events.length; index += 1) {
      const result = runEvent(events[index] as TenderEvent, origin);
      if (isPromiseLike(result)) return finishEvents(result, index, tally, route, path);
      if (!tally.add(result)) break;
    }
    return conclude(route, path, tally.conclusion());
  }

  async function finishEvents(
    pending: Promise<EventResult>,
    index: number,
    tally: Tally,
    route: Route,
    path: string,
  ): Promise<WebhookAnswer> {
    const origin = { source: route.name, path };
    if (tally.add(await pending)) {
      for (let next = index + 1; next < tally.events.length; next += 1) {
        if (!tally.add(await runEvent(tally.events[next] as TenderEvent, origin))) break;
      }
    }
    return conclude(route, path, tally.conclusion());
  }

  function screen(head: WebhookRequestHead, bodyLength: number | undefined): WebhookAnswer | undefined {
    const screened = screenHead(head, bodyLength);
    return 'refusal' in screened ? refuse(screened.route, screened.path, screened.refusal) : undefined;
  }

  return { receive, screen };
}
