import type { TenderEvent, WebhookOutcome } from '@tender/core';
import type { EventResult } from './event-runner.ts';

/**
 * What one delivery ended as, before it is put in the source's words.
 *
 * @example
 * ```ts
 * const conclusion: Conclusion = { outcome: { kind: 'accepted', duplicate: false }, message: 'accepted' };
 * ```
 */
export interface Conclusion {
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
 * What the events of one delivery came to so far: the first failure (after which the rest must not run),
 * the first decline, and how many were duplicates.
 *
 * @example
 * ```ts
 * const tally = new Tally(events);
 * for (const event of events) if (!tally.add(await runEvent(event, origin))) break;
 * const conclusion = tally.conclusion();
 * ```
 */
export class Tally {
  readonly events: readonly TenderEvent[];
  #duplicates = 0;
  #declined: Extract<WebhookOutcome, { kind: 'declined' }> | undefined;
  #failure: Extract<EventResult, { kind: 'failed' }> | undefined;

  constructor(events: readonly TenderEvent[]) {
    this.events = events;
  }

  /** Counts one event's result; `false` once an event failed, when the rest must not run. */
  add(result: EventResult): boolean {
    if (result.kind === 'failed') {
      this.#failure = result;
      return false;
    }
    if (result.duplicate) this.#duplicates += 1;
    if (result.outcome.kind === 'declined') this.#declined ??= result.outcome;
    return true;
  }

  /**
   * The delivery's outcome: failed if any event failed (the provider delivers again), else declined if a
   * handler declined, else accepted, as a duplicate when every event was one.
   */
  conclusion(): Conclusion {
    const eventIds = this.events.map((event) => event.id);
    if (this.#failure) {
      return { outcome: { kind: 'failed' }, message: FAILED_BECAUSE[this.#failure.reason], eventIds };
    }
    const declined = this.#declined;
    if (declined) return { outcome: declined, message: `declined: ${declined.reason}`, eventIds };
    const duplicate = this.events.length > 0 && this.#duplicates === this.events.length;
    return {
      outcome: { kind: 'accepted', duplicate },
      message: duplicate ? 'accepted (already handled)' : 'accepted',
      eventIds,
    };
  }
}
