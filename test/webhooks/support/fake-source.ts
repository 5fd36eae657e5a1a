import { createHmac } from 'node:crypto';
import {
  constantTimeEqual,
  type FieldIssue,
  jsonAnswer,
  parseMoney,
  type TenderEvent,
  ValidationError,
  type WebhookRequest,
  type WebhookSource,
} from '@tender/core';

/** The fake provider's signing secret: planted so tests can check it never leaks into answers or logs. */
export const FAKE_SECRET = 'fake-PLANTED-secret-7c1e';

/** One event as the fake provider sends it. */
export interface FakeEvent {
  readonly id: string;
  readonly type: string;
  readonly amount?: string;
  readonly account?: string;
  readonly reference?: string;
}

/** Checks the fake payload by hand (the tests have no valibot), listing every bad field. */
function readEvents(payload: unknown): FakeEvent[] {
  const events = (payload as { events?: unknown } | null)?.events;
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError('Invalid fake delivery', [{ path: 'events', message: 'must list events' }]);
  }
  const issues: FieldIssue[] = [];
  events.forEach((event: Record<string, unknown>, index) => {
    for (const key of ['id', 'type']) {
      if (typeof event[key] !== 'string' || event[key] === '') {
        issues.push({ path: `events.${index}.${key}`, message: 'must be a non-empty string' });
      }
    }
    if (event.amount !== undefined && !/^\d+$/.test(String(event.amount))) {
      issues.push({ path: `events.${index}.amount`, message: 'must be whole shillings' });
    }
  });
  if (issues.length > 0) throw new ValidationError('Invalid fake delivery', issues, { provider: 'fake' });
  return events as FakeEvent[];
}

export function sign(body: string | Uint8Array, secret = FAKE_SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function toEvent(input: FakeEvent, raw: unknown): TenderEvent {
  const base = {
    id: `fake:${input.id}`,
    provider: 'fake',
    providerEvent: input.type,
    occurredAt: new Date(0),
    raw,
  };
  const reference = input.reference === undefined ? {} : { merchantReference: input.reference };
  if (input.type === 'payment') {
    return {
      ...base,
      ...reference,
      type: 'payment.succeeded',
      channel: 'other',
      ...(input.amount === undefined ? {} : { amount: parseMoney(input.amount, 'KES') }),
      ...(input.account === undefined ? {} : { accountNumber: input.account }),
    };
  }
  if (input.type === 'payout-failed') return { ...base, ...reference, type: 'payout.failed', legs: [] };
  return { ...base, type: 'provider.event' };
}

/**
 * A fake provider for router tests: JSON bodies `{"events":[{id, type, amount?, account?}]}` signed with
 * HMAC-SHA256 (hex) of the raw bytes in `X-Fake-Signature`. An empty body takes one event from the query
 * string (`?id=..&type=..`), like legacy K2. Its dialect: 200 `{"received":true,"duplicate":..}`, 200
 * `{"received":true,"declined":reason}`, 503 `{"retry":true}` for failures, `{"error":message}` for refusals.
 */
export function createFakeSource(secret = FAKE_SECRET): WebhookSource {
  return {
    provider: 'fake',
    contentTypes: ['application/json'],
    verify(request) {
      const signature = request.headers['x-fake-signature'];
      if (signature === undefined) return { ok: false, reason: 'missing X-Fake-Signature header' };
      return constantTimeEqual(signature, sign(request.rawBody, secret))
        ? { ok: true }
        : { ok: false, reason: 'X-Fake-Signature does not match the body' };
    },
    decode(request) {
      const text = new TextDecoder().decode(request.rawBody);
      let payload: unknown;
      if (text === '') payload = { events: [Object.fromEntries(request.query)] };
      else {
        try {
          payload = JSON.parse(text);
        } catch {
          throw new ValidationError('Invalid fake delivery', [{ path: '', message: 'body is not JSON' }]);
        }
      }
      return readEvents(payload).map((event) => toEvent(event, payload));
    },
    answer(outcome) {
      switch (outcome.kind) {
        case 'accepted':
          return jsonAnswer(200, { received: true, duplicate: outcome.duplicate });
        case 'declined':
          return jsonAnswer(200, { received: true, declined: outcome.reason, message: outcome.message });
        case 'failed':
          return jsonAnswer(503, { retry: true });
        case 'rejected':
          return jsonAnswer(outcome.status, { error: outcome.message });
      }
    },
  };
}

/** The JSON body the fake provider sends for `events`. */
export function fakeBody(events: readonly FakeEvent[]): string {
  return JSON.stringify({ events });
}

/** A signed delivery of `events` for `router.receive()`. */
export function fakeDelivery(
  events: readonly FakeEvent[],
  overrides: {
    path?: string;
    headers?: Record<string, string | undefined>;
    body?: string;
    method?: string;
  } = {},
): WebhookRequest {
  const body = overrides.body ?? fakeBody(events);
  return {
    method: overrides.method ?? 'POST',
    path: overrides.path ?? '/webhooks/fake',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', 'x-fake-signature': sign(body), ...overrides.headers },
    rawBody: new TextEncoder().encode(body),
  };
}

/** The parsed JSON body of an answer. */
export function bodyOf(answer: { body: string }): unknown {
  return JSON.parse(answer.body);
}
