/**
 * Pathological deliveries through the real router and sources: each is answered with a 4xx, and a normal
 * delivery sent at the same time is not held up. Blocking is measured with the event loop's own delay
 * histogram (how late its timer fired), not with the wall clock of a shared machine.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebhookAnswer, WebhookRequest } from '@tender/core';
import { createK2WebhookSource, signK2Body } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { createRouter } from '@tender/webhooks';

const API_KEY = 'hostile-test-key';
const LEGACY = { username: 'legacy', password: 'legacy-password' };
/**
 * The longest the event loop may stall while a pathological delivery is handled. Before the fixes these
 * inputs blocked it for seconds; a linear pass over a body under 1 MiB takes a few milliseconds, so the
 * bound leaves room for a busy shared machine while still catching any quadratic step.
 */
const STALL_BOUND_MS = 250;

const router = createRouter({
  sources: [
    { name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: API_KEY }) },
    { name: 'k2-legacy', path: '/webhooks/k2-legacy', source: createK2LegacySource({ credentials: LEGACY }) },
  ],
});
const messages: string[] = [];
router.onError((error) => {
  messages.push(error.message);
});
const handled: string[] = [];
router.onAny((event) => {
  handled.push(event.id);
});
after(() => router.close());

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/k2/${name}.json`, import.meta.url), 'utf8'));

function k2Delivery(body: string): WebhookRequest {
  return {
    method: 'POST',
    path: '/webhooks/k2',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', 'x-kopokopo-signature': signK2Body(API_KEY, body) },
    rawBody: new TextEncoder().encode(body),
  };
}

function legacyDelivery(fields: Record<string, string>): WebhookRequest {
  const basic = Buffer.from(`${LEGACY.username}:${LEGACY.password}`).toString('base64');
  return {
    method: 'POST',
    path: '/webhooks/k2-legacy',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    rawBody: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  };
}

/** A webhook whose amount text is `amount` (written as given, so it may be a JSON number). */
function webhookWithAmount(id: string, amountJson: string): string {
  const webhook = fixture('webhook-buygoods-received');
  webhook.id = id;
  webhook.event.resource.reference = id.slice(0, 10).toUpperCase();
  webhook.event.resource.amount = '__AMOUNT__';
  return JSON.stringify(webhook).replace('"__AMOUNT__"', amountJson);
}

let normalCount = 0;
/** A genuine delivery no one has seen, to be handled while the pathological one is. */
function normalDelivery(): WebhookRequest {
  normalCount += 1;
  return k2Delivery(webhookWithAmount(`normal${String(normalCount).padStart(4, '0')}`, '"450.0"'));
}

/**
 * Sends `hostile` and a normal delivery together, and answers both with the longest event loop stall seen
 * meanwhile (the histogram's timer fires late by as long as anything blocked the loop).
 */
async function sendAlongsideNormal(
  hostile: WebhookRequest,
): Promise<{ hostile: WebhookAnswer; normal: WebhookAnswer; stallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await sleep(20);
  const [hostileAnswer, normalAnswer] = await Promise.all([
    router.receive(hostile),
    router.receive(normalDelivery()),
  ]);
  // Lets the histogram's timer fire once more after the work, so a stall at the very end is counted.
  await sleep(20);
  histogram.disable();
  return { hostile: hostileAnswer, normal: normalAnswer, stallMs: histogram.max / 1e6 };
}

function assertRefusedPromptly(result: Awaited<ReturnType<typeof sendAlongsideNormal>>): void {
  assert.ok(
    result.hostile.status >= 400 && result.hostile.status < 500,
    `a 4xx, not ${result.hostile.status}`,
  );
  assert.equal(result.normal.status, 200, 'the normal delivery was handled');
  assert.ok(result.stallMs < STALL_BOUND_MS, `the event loop stalled ${result.stallMs.toFixed(0)} ms`);
  assert.ok(result.hostile.body.length < 1024, 'the answer does not repeat the input');
  for (const message of messages) assert.ok(message.length < 1024, `a short message: ${message.length}`);
}

describe('hostile deliveries: answered with a 4xx, and nothing else waits', () => {
  it('a normal delivery alone is handled and does not stall the loop (the bound is meaningful)', async () => {
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const answer = await router.receive(normalDelivery());
    await sleep(20);
    histogram.disable();
    assert.equal(answer.status, 200);
    assert.ok(histogram.max / 1e6 < STALL_BOUND_MS);
  });

  it('an amount of "1." + 40,000 zeros + "1" in a signed K2 webhook (quadratic trailing-zero strip)', async () => {
    const amount = `"1.${'0'.repeat(40_000)}1"`;
    const result = await sendAlongsideNormal(k2Delivery(webhookWithAmount('hostile-amount-text', amount)));
    assertRefusedPromptly(result);
    // The refusal quotes a cut prefix of the amount, not 40,000 characters of it.
    assert.ok(result.hostile.body.includes(`1.${'0'.repeat(30)}…`), result.hostile.body);
  });

  it('the same amount as a JSON number (rounded to 1 by JSON.parse before the fix)', async () => {
    const amount = `1.${'0'.repeat(40_000)}1`;
    assertRefusedPromptly(
      await sendAlongsideNormal(k2Delivery(webhookWithAmount('hostile-amount-number', amount))),
    );
  });

  it('the same amount in a legacy notification', async () => {
    const result = await sendAlongsideNormal(
      legacyDelivery({
        k2_account_id: '12',
        k2_transaction_id: 'hostile-legacy',
        mm_system_id: 'M-PESA',
        mp_transaction_id: '54445',
        biller_number: '888555',
        transaction_date: '26/4/11',
        transaction_time: '1:03 PM',
        transaction_type: 'Paybill',
        sender: '0723456789',
        amount: `1.${'0'.repeat(40_000)}1`,
        currency: 'KES',
      }),
    );
    assertRefusedPromptly(result);
  });

  it('a polling result whose unknown item nests 5,000 arrays (stack overflow and 500 before the fix)', async () => {
    const polling = fixture('result-polling');
    polling.data.id = 'hostile-polling';
    // Written as text: building the nested value would overflow this test's own stack in JSON.stringify.
    const nested = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const body = JSON.stringify(polling).replace(
      '"transactions":[',
      `"transactions":[{"type":"Mystery","resource":${nested}},`,
    );
    assert.ok(body.includes('Mystery'));
    assertRefusedPromptly(await sendAlongsideNormal(k2Delivery(body)));
  });

  it('a body nesting 500,000 arrays', async () => {
    assertRefusedPromptly(
      await sendAlongsideNormal(k2Delivery(`${'['.repeat(500_000)}${']'.repeat(500_000)}`)),
    );
  });

  it('a number of 300,000 digits', async () => {
    assertRefusedPromptly(
      await sendAlongsideNormal(k2Delivery(webhookWithAmount('hostile-long-number', '9'.repeat(300_000)))),
    );
  });
});
