import {
  debugLoggerFor,
  type TenderEvent,
  textAnswer,
  ValidationError,
  type WebhookAnswer,
  type WebhookOutcome,
  type WebhookRequest,
} from '@tender/core';
import * as v from 'valibot';
import { createEventRuns, type EventResult, within } from './event-runs.ts';
import { type ErrorHandler, type EventHandler, type HandlerContext, HandlerRegistry } from './handlers.ts';
import { normalizePath, parseRouterOptions, type RouterOptions } from './options.ts';
import { type ClaimResult, type HandledOutcome, HandledOutcomeSchema } from './stores/store.ts';
import { createDeliveryTelemetry, type EventReport } from './telemetry.ts';
import { WebhookError, type WebhookErrorStage } from './webhook-error.ts';
import type { WebhookRequestHead, WebhookRouter } from './webhook-router.ts';

/** A registered source as the router sees it. */
type Route = ReturnType<typeof parseRouterOptions>['sources'][number];

/** Why a delivery is refused, the status to answer with and any header the answer must carry. */
interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One event of a delivery: its id (read once), the event, and where it came from. */
interface Subject {
  readonly id: string;
  readonly event: TenderEvent;
  readonly path: string;
  readonly source: string;
}

/** What one delivery ended as, before the source puts it in its provider's words. */
interface Conclusion {
  readonly outcome: WebhookOutcome;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly eventIds?: readonly string[];
  /** What became of each event tried, for spans and debug lines. */
  readonly results?: readonly EventReport[];
}

const NO_SOURCE: Refusal = { status: 404, message: 'no webhook source at this path' };
const SHUTTING_DOWN: Refusal = { status: 503, message: 'the webhook router is shutting down' };
const ACCEPTED: HandledOutcome = Object.freeze({ kind: 'accepted' });
const FAILED_BY_ERROR: EventResult = Object.freeze({ kind: 'failed', reason: 'error' });
const FAILED_IN_PROGRESS: EventResult = Object.freeze({ kind: 'failed', reason: 'in_progress' });
const FAILED_BECAUSE: Record<Extract<EventResult, { kind: 'failed' }>['reason'], string> = {
  error: 'a handler or the store failed; the provider will deliver again',
  timeout: 'the handlers did not finish in time; the provider will deliver again',
  in_progress: 'another process is handling the event; the provider will deliver again',
};

/** A source's `ValidationError`, recognised by shape so a second copy of `@tender/core` still counts. */
const MalformedSchema = v.object({ code: v.literal('validation'), message: v.string() });
/** A handler's `PaymentDeclinedError`, recognised by shape for the same reason. */
const DeclineSchema = v.object({
  code: v.literal('payment_declined'),
  reason: v.picklist(['account_not_found', 'invalid_payment']),
  message: v.string(),
});
type Decline = v.InferOutput<typeof DeclineSchema>;

/**
 * Creates a {@link WebhookRouter}. Options are checked at once: a `ValidationError` lists every problem.
 *
 * The provider is told "received" only after every handler of every event in the delivery succeeded; a
 * handler that throws makes the answer `failed` (the provider delivers again) and releases the event so the
 * next delivery runs the handlers again. A handler that throws `PaymentDeclinedError` makes the answer
 * `declined`, and that decision is stored with the event, so a redelivery gets the same answer.
 *
 * @example
 * ```ts
 * import { createK2WebhookSource } from '@tender/k2';
 * import { createRouter, toNodeHandler } from '@tender/webhooks';
 *
 * const router = createRouter({
 *   sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: process.env.K2_API_KEY! }) }],
 * });
 * router.on('payment.succeeded', async (event) => orders.markPaid(event.merchantReference, event.amount));
 * createServer(toNodeHandler(router)).listen(8080);
 * ```
 */
export function createRouter(options: RouterOptions): WebhookRouter {
  const { sources, store, maxBodyBytes, leaseMs, dedupTtlMs, handlerTimeoutMs, logger, debug } =
    parseRouterOptions(options);
  const telemetry = createDeliveryTelemetry(debugLoggerFor('webhooks', debug));
  const routes = new Map<string, Route>(sources.map((route) => [route.path, route]));
  const registry = new HandlerRegistry();
  const runs = createEventRuns<Subject>({
    handlerTimeoutMs,
    attempt: handleEvent,
    onTimeout: (subject) => reportAbout('timeout', subject),
  });
  let inProgress = 0;
  /** Set while close() waits for the deliveries in progress to finish. */
  let drained: (() => void) | undefined;
  let closing: Promise<void> | undefined;

  /**
   * One delivery, top to bottom: screen -> verify -> decode -> for each event: claim -> run handlers ->
   * complete or release -> answer. What sources, stores and handlers throw becomes a `failed` answer (the
   * provider delivers again) and a report to `onError`; `receive` below catches anything else.
   */
  async function deliver(request: WebhookRequest): Promise<WebhookAnswer> {
    // 1. Screen: a source at this path, a router still open, POST, a content type the source takes, a body
    //    within the limit.
    if (typeof request.path !== 'string') throw new TypeError('the request has no path');
    const path = normalizePath(request.path);
    const route = routes.get(path);
    if (route === undefined) return refuse(undefined, path, NO_SOURCE);
    const refusal = screenHead(route, request, request.rawBody.length);
    if (refusal !== undefined) return refuse(route, path, refusal);

    // 2. Verify over the raw bytes. A source that breaks its contract (`false`, no reason) still refuses.
    let verdict: unknown;
    try {
      verdict = await route.source.verify(request);
    } catch (error) {
      return sourceFailed('verify', route, path, error);
    }
    if ((verdict as { ok?: unknown } | null | undefined)?.ok !== true) {
      const given = (verdict as { reason?: unknown } | null | undefined)?.reason;
      const reason = typeof given === 'string' && given !== '' ? given : 'not genuine';
      return reject(route, path, { status: 401, message: `verification failed: ${reason}` });
    }

    // 3. Decode into events: bad input is a 400 naming the fields, anything else the source threw a 500.
    let events: readonly TenderEvent[];
    try {
      events = await route.source.decode(request);
    } catch (error) {
      if (v.is(MalformedSchema, error))
        return reject(route, path, { status: 400, message: error.message }, error);
      return sourceFailed('decode', route, path, error);
    }
    // Each id is read once: claim, complete, release and joining all use this very string.
    const ids = idsOf(events);
    if (ids instanceof TypeError) return sourceFailed('decode', route, path, ids);

    // 4. Each event in order: `runs.run` hands it to `handleEvent` below (claim -> handlers -> complete or
    //    release), or joins a delivery of the same event already in progress here (event-runs.ts). The
    //    first failure stops the rest: the provider delivers the whole body again, and the events handled
    //    already are duplicates then.
    let duplicates = 0;
    let declined: Extract<HandledOutcome, { kind: 'declined' }> | undefined;
    const results: EventReport[] = [];
    for (let index = 0; index < ids.length; index += 1) {
      const subject: Subject = {
        id: ids[index] as string,
        event: events[index] as TenderEvent,
        path,
        source: route.name,
      };
      const result = await runs.run(subject);
      results.push({ id: subject.id, type: subject.event.type, result });
      if (result.kind === 'failed') {
        return conclude(route, path, {
          outcome: { kind: 'failed' },
          message: FAILED_BECAUSE[result.reason],
          eventIds: ids,
          results,
        });
      }
      if (result.duplicate) duplicates += 1;
      if (result.outcome.kind === 'declined') declined ??= result.outcome;
    }

    // 5. Answer: declined if a handler declined, else accepted (a duplicate when every event was one).
    if (declined !== undefined) {
      return conclude(route, path, {
        outcome: declined,
        message: `declined: ${declined.reason}`,
        eventIds: ids,
        results,
      });
    }
    const duplicate = ids.length > 0 && duplicates === ids.length;
    const message = duplicate ? 'accepted (already handled)' : 'accepted';
    const accepted: WebhookOutcome = { kind: 'accepted', duplicate };
    return conclude(route, path, { outcome: accepted, message, eventIds: ids, results });
  }

  /**
   * One event: claim it in the store, run its handlers, then complete the claim (the outcome is remembered
   * for `dedupTtlMs`) or release it (the next delivery runs the handlers again). Never rejects.
   */
  async function handleEvent(subject: Subject, signal: AbortSignal): Promise<EventResult> {
    const { id, event } = subject;
    let claim: ClaimResult;
    try {
      claim = checkedClaim(await store.claim(id, leaseMs));
    } catch (error) {
      await reportAbout('store', subject, error);
      return FAILED_BY_ERROR;
    }
    if (claim.status === 'done') return { kind: 'handled', outcome: claim.outcome, duplicate: true };
    // Claimed by another process sharing the store: it will finish, and the provider delivers again.
    if (claim.status === 'in_progress') return FAILED_IN_PROGRESS;

    // From here on the event is ours: every way out completes or releases it, with this claim's token, so a
    // run that outlived its lease can neither finish nor free the claim another process took since. The
    // token is passed only when the claim had one, so a store written before tokens is called as before.
    const { token } = claim;

    // Every handler of the event (its type's, then catch-all ones, in registration order) runs at once, and
    // all of them are waited for, so a failing one never leaves another running unobserved. Any failure
    // outweighs a decline: the event is delivered again and decided again.
    const context: HandlerContext = { source: subject.source, signal };
    const settled = await Promise.allSettled(
      registry.handlersOf(event.type).map((handler) => start(handler, event, context)),
    );
    const errors: unknown[] = [];
    let decline: Decline | undefined;
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') continue;
      if (isDecline(outcome.reason)) decline ??= outcome.reason;
      else errors.push(outcome.reason);
    }
    if (errors.length > 0) {
      for (const error of errors) await reportAbout('handler', subject, error);
      await release(subject, token);
      return FAILED_BY_ERROR;
    }
    const outcome: HandledOutcome =
      decline === undefined
        ? ACCEPTED
        : { kind: 'declined', reason: decline.reason, message: decline.message };
    try {
      await (token === undefined
        ? store.complete(id, outcome, dedupTtlMs)
        : store.complete(id, outcome, dedupTtlMs, token));
    } catch (error) {
      // The handlers ran, but a store that cannot remember it makes the provider deliver again, and the
      // handlers run again then: at least once, never lost.
      await reportAbout('store', subject, error);
      await release(subject, token);
      return FAILED_BY_ERROR;
    }
    return { kind: 'handled', outcome, duplicate: false };
  }

  /** Lets go of a claim, so the next delivery runs the handlers again. */
  async function release(subject: Subject, token: string | undefined): Promise<void> {
    try {
      await (token === undefined ? store.release(subject.id) : store.release(subject.id, token));
    } catch (error) {
      await reportAbout('store', subject, error);
    }
  }

  /** The checks that need no verification, in the order they are answered: 503, 405, 415, 413. */
  function screenHead(
    route: Route,
    head: WebhookRequestHead,
    bodyLength: number | undefined,
  ): Refusal | undefined {
    if (closing !== undefined) return SHUTTING_DOWN;
    if (head.method !== 'POST' && head.method.toUpperCase() !== 'POST') {
      return {
        status: 405,
        message: `method ${head.method.toUpperCase().slice(0, 16)} is not allowed; use POST`,
        headers: { allow: 'POST' },
      };
    }
    const header = head.headers['content-type'];
    const accepted = route.source.contentTypes;
    // The usual delivery names an accepted type exactly as the source lists it: nothing to parse. A missing
    // type is accepted only for an empty body: legacy K2 sends its fields in the query string.
    if (header === undefined || !accepted.includes(header)) {
      const acceptedTypes = accepted.map((type) => type.toLowerCase());
      const type = mediaType(header);
      if (type === undefined ? bodyLength !== undefined && bodyLength > 0 : !acceptedTypes.includes(type)) {
        const problem =
          type === undefined ? 'missing Content-Type' : `unsupported Content-Type${quoted(type)}`;
        return { status: 415, message: `${problem}; send ${acceptedTypes.join(' or ')}` };
      }
    }
    if (bodyLength !== undefined && bodyLength > maxBodyBytes) {
      return { status: 413, message: `body is larger than ${maxBodyBytes} bytes` };
    }
    return undefined;
  }

  function refuse(route: Route | undefined, path: string, refusal: Refusal): WebhookAnswer {
    const outcome: WebhookOutcome = { kind: 'rejected', status: refusal.status, message: refusal.message };
    return conclude(route, path, { outcome, message: refusal.message, headers: refusal.headers });
  }

  /** A refusal after reading the delivery (401, 400): the `onRejected` handlers hear about it first. */
  async function reject(
    route: Route,
    path: string,
    refusal: Refusal,
    cause?: unknown,
  ): Promise<WebhookAnswer> {
    const { status, message } = refusal;
    if (registry.rejectionHandlers.length > 0) {
      const rejection = new WebhookError(message, {
        stage: 'rejected',
        status,
        path,
        source: route.name,
        cause,
      });
      await notify(registry.rejectionHandlers, rejection);
    }
    return refuse(route, path, refusal);
  }

  async function sourceFailed(
    stage: 'verify' | 'decode',
    route: Route,
    path: string,
    cause: unknown,
  ): Promise<WebhookAnswer> {
    await report(sourceError(stage, route, path, cause));
    const message = `source "${route.name}" failed to ${stage} the delivery`;
    return conclude(route, path, { outcome: { kind: 'failed' }, message });
  }

  /** Puts the conclusion in the source's words (a plain-text answer without a source) and logs it. */
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
    if (logger !== undefined) {
      try {
        logger({
          level: outcome.kind === 'failed' ? 'error' : outcome.kind === 'rejected' ? 'warn' : 'info',
          message,
          path,
          ...(route ? { source: route.name } : {}),
          status: answer.status,
          outcome: outcome.kind,
          eventIds: conclusion.eventIds ?? [],
        });
      } catch {
        // A broken logger must not break deliveries.
      }
    }
    return telemetry.concluded(answer, {
      source: route?.name,
      provider: route?.source.provider,
      path,
      outcome,
      message,
      eventIds: conclusion.eventIds ?? [],
      events: conclusion.results ?? [],
    });
  }

  function reportAbout(
    stage: 'store' | 'handler' | 'timeout',
    subject: Subject,
    cause?: unknown,
  ): Promise<void> {
    const { id, event, path, source } = subject;
    const message =
      stage === 'store'
        ? `the de-duplication store failed for event ${id}`
        : stage === 'handler'
          ? `a handler failed for event ${id} (${String(event.type)})`
          : `the handlers of event ${id} did not finish within ${handlerTimeoutMs} ms`;
    return report(new WebhookError(message, { stage, status: 500, path, source, event, cause }));
  }

  /**
   * Hands `error` to the `onError` handlers and waits for them. With none registered it is written to
   * `console.error` (its safe form, no payload): a failure nobody sees would only show up as the provider's
   * endless retries.
   */
  async function report(error: WebhookError): Promise<void> {
    if (registry.errorHandlers.length > 0) return notify(registry.errorHandlers, error);
    try {
      console.error(error);
    } catch {
      // A console that cannot print must not turn a recovered error into a lost delivery.
    }
  }

  /** The last guard: only a bug, or a request without a path or raw body, gets here. Answers 500. */
  async function unexpected(error: unknown, request: WebhookRequest): Promise<WebhookAnswer> {
    let path = '';
    let source: string | undefined;
    try {
      path = normalizePath(request.path);
      source = routes.get(path)?.name;
    } catch {
      // Not even a path to read: the report says so with an empty one.
    }
    const message = 'the webhook router failed unexpectedly';
    await report(new WebhookError(message, { stage: 'internal', status: 500, path, source, cause: error }));
    return textAnswer(500, 'internal error');
  }

  const router: WebhookRouter = {
    maxBodyBytes,
    on(types, handler) {
      registry.on(types, handler);
      return router;
    },
    onAny(handler) {
      registry.onAny(handler);
      return router;
    },
    onError(handler) {
      registry.onError(handler);
      return router;
    },
    onRejected(handler) {
      registry.onRejected(handler);
      return router;
    },
    async receive(request) {
      // Counted while in progress, so close() can wait for them.
      inProgress += 1;
      try {
        return await telemetry.deliver(() => deliver(request));
      } catch (error) {
        return await unexpected(error, request);
      } finally {
        inProgress -= 1;
        if (inProgress === 0) drained?.();
      }
    },
    screen(head, bodyLength = declaredLength(head.headers)) {
      const path = normalizePath(head.path);
      const route = routes.get(path);
      if (route === undefined) return telemetry.screened(refuse(undefined, path, NO_SOURCE));
      const refusal = screenHead(route, head, bodyLength);
      return refusal === undefined ? undefined : telemetry.screened(refuse(route, path, refusal));
    },
    handles(path) {
      return routes.has(normalizePath(path));
    },
    reportError: report,
    close(closeOptions = {}) {
      const timeoutMs = closeTimeout(closeOptions);
      closing ??= (async () => {
        const finished = (async () => {
          if (inProgress > 0) await new Promise<void>((resolve) => (drained = resolve));
          // Handlers a delivery stopped waiting for (handlerTimeoutMs) still complete or release their claim.
          await runs.settled();
        })();
        await within(finished, timeoutMs);
        await store.close?.();
      })();
      return closing;
    },
  };
  return router;
}

/** Calls each handler with `error` and waits for all of them; what they throw is ignored. */
async function notify(handlers: readonly ErrorHandler[], error: WebhookError): Promise<void> {
  await Promise.allSettled(handlers.map(async (handler) => handler(error)));
}

function sourceError(stage: WebhookErrorStage, route: Route, path: string, cause: unknown): WebhookError {
  const message = `source "${route.name}" threw in ${stage}()`;
  return new WebhookError(message, { stage, status: 500, path, source: route.name, cause });
}

/**
 * The id of each event `decode()` returned, or what is wrong with them: the router needs an array of events,
 * each with a non-empty string `id` (de-duplication) and a string `type` (handlers). Reading an event may
 * throw (a getter, a revoked proxy): that is a decode failure too, found before any event is claimed.
 */
function idsOf(events: unknown): string[] | TypeError {
  try {
    if (!Array.isArray(events)) return new TypeError('decode() must return an array of events');
    const ids: string[] = [];
    for (const event of events as readonly Partial<TenderEvent>[]) {
      const id = event?.id;
      if (typeof id !== 'string' || id === '') {
        return new TypeError('decode() returned an event without an id, which de-duplication needs');
      }
      if (typeof event?.type !== 'string') return new TypeError('decode() returned an event without a type');
      ids.push(id);
    }
    return ids;
  } catch (error) {
    return new TypeError('decode() returned events that cannot be read', { cause: error });
  }
}

/** `claim` when it is a ClaimResult; a store that answers anything else broke its contract: no handler runs. */
function checkedClaim(claim: unknown): ClaimResult {
  const { status, outcome } = (claim ?? {}) as { status?: unknown; outcome?: unknown };
  const valid =
    typeof claim === 'object' &&
    (status === 'claimed' ||
      status === 'in_progress' ||
      (status === 'done' && v.is(HandledOutcomeSchema, outcome)));
  if (valid) return claim as ClaimResult;
  const described =
    typeof claim !== 'object' || claim === null
      ? String(claim)
      : `an object with status ${JSON.stringify(status)}`;
  throw new TypeError(`store.claim() returned ${described}, not a ClaimResult`);
}

/** Calls a handler; what it throws at once becomes a rejection, like what an async handler throws. */
function start(handler: EventHandler, event: TenderEvent, context: HandlerContext): unknown {
  try {
    return handler(event, context);
  } catch (thrown) {
    return Promise.reject(thrown);
  }
}

/** Whether a handler threw a decline. Reading what it threw may itself throw (a revoked proxy): not a decline. */
function isDecline(thrown: unknown): thrown is Decline {
  try {
    return v.is(DeclineSchema, thrown);
  } catch {
    return false;
  }
}

/** `given` when it is an answer; a source's `answer()` that returns anything else is a bug in the source. */
function requireAnswer(given: WebhookAnswer): WebhookAnswer {
  if (typeof given !== 'object' || given === null || !Number.isInteger(given.status)) {
    throw new TypeError('answer() must return { status, headers, body }');
  }
  return given;
}

/**
 * The body length a request declares in `Content-Length`, or `undefined` when it declares none (chunked)
 * or an unreadable one (the body is then measured as it is read).
 */
function declaredLength(headers: WebhookRequestHead['headers']): number | undefined {
  const value = headers['content-length']?.trim();
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** `type/subtype` in lower case, without parameters; `undefined` for a missing or blank header. */
function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Media types are echoed in refusals only when they look like one, so no header junk is reflected. */
function quoted(type: string): string {
  return /^[\w!#$&^.+-]{1,64}\/[\w!#$&^.+-]{1,64}$/.test(type) ? ` "${type}"` : '';
}

/** The `timeoutMs` of `close()`, checked: a whole number of milliseconds a timer can wait, or none. */
function closeTimeout(options: { readonly timeoutMs?: number }): number | undefined {
  const { timeoutMs } = options ?? {};
  if (timeoutMs === undefined) return undefined;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > 2_147_483_647) {
    throw new ValidationError('Invalid router.close() call', [
      { path: 'timeoutMs', message: 'must be a whole number of milliseconds from 0 to 2147483647' },
    ]);
  }
  return timeoutMs;
}
