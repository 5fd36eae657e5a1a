/**
 * The command line for KTPay: `tender trigger ktwidget` sends one callback to a real router (with and
 * without the order's token), refuses bad flags, and `tender sandbox` runs the KTPay simulator too.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { money, type TenderEvent } from '@tender/core';
import { createKtwidgetClient, createKtwidgetSource } from '@tender/ktwidget';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';
import { CALLBACK_SECRET } from './support.ts';

const CLI = ['--conditions=tender-source', '--import', 'tsx', 'packages/sandbox/src/cli/main.ts'];
const ROOT = join(import.meta.dirname, '..', '..');

function tender(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let router: WebhookRouter;
let server: Server;
let hook = '';
const events: TenderEvent[] = [];
before(async () => {
  router = createRouter({
    sources: [
      {
        name: 'ktwidget',
        path: '/webhooks/ktwidget',
        source: createKtwidgetSource({ merchantId: 42, callbackSecret: CALLBACK_SECRET }),
      },
    ],
  });
  router.onAny((event) => {
    events.push(event);
  });
  server = createServer(toNodeHandler(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/ktwidget`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
});

describe('tender trigger ktwidget', () => {
  it('sends one callback per status and prints the router answer', async () => {
    const runs = await Promise.all(
      (['completed', 'error', 'denied'] as const).map((status) =>
        tender([
          'trigger',
          'ktwidget',
          '--status',
          status,
          '--to',
          hook,
          '--callback-secret',
          CALLBACK_SECRET,
          '--set',
          `order_id=CLI-${status}`,
          '--set',
          'amount=2500.75',
        ]),
      ),
    );
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'HTTP 200\n{"status":"ok"}\n');
    }
    const byOrder = new Map(events.map((event) => [event.merchantReference, event]));
    assert.equal(byOrder.get('CLI-completed')?.type, 'payment.succeeded');
    assert.equal(byOrder.get('CLI-error')?.type, 'payment.failed');
    assert.equal(byOrder.get('CLI-denied')?.type, 'payment.failed');
    const paid = byOrder.get('CLI-completed');
    assert.ok(paid?.type === 'payment.succeeded');
    assert.deepEqual(paid.amount, money(250075, 'KZT'));
  });

  it('exits 1 with the 401 when the token is missing, 2 for bad flags', async () => {
    const refused = await tender(['trigger', 'ktwidget', '--status', 'completed', '--to', hook]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /^HTTP 401\n/);
    for (const [args, message] of [
      [['--status', 'paid'], /needs --status completed, error or denied/],
      [['--status', 'completed', '--api-key', 'k'], /--api-key does not apply to ktwidget callbacks/],
      [['--status', 'completed', '--set', 'amount=1.234'], /--set amount must be a KZT amount/],
      [['--status', 'completed', '--set', 'colour=red'], /--set colour is not a KTPay callback field/],
    ] as const) {
      const run = await tender(['trigger', 'ktwidget', '--to', hook, ...args]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
    }
    const misplaced = await tender([
      'trigger',
      'customer_created',
      '--to',
      hook,
      '--api-key',
      'k',
      '--status',
      'completed',
    ]);
    assert.equal(misplaced.code, 2);
    assert.match(misplaced.stderr, /--status and --callback-secret apply only to ktwidget callbacks/);
  });
});

describe('tender sandbox', () => {
  it('runs the KTPay simulator and prints its hosts, app id, app key and merchant id', async () => {
    const child = spawn(process.execPath, [...CLI, 'sandbox', '--port', '0', '--quiet'], { cwd: ROOT });
    let stdout = '';
    const printed = await new Promise<string>((resolve, reject) => {
      child.on('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Press Ctrl+C')) resolve(stdout);
      });
    });
    const hosts = /KTPay simulator: fintech (\S+), widget (\S+)/.exec(printed);
    const appId = /app id +(\S+)/.exec(printed)?.[1] ?? '';
    const appKey = /app key +(\S+)/.exec(printed)?.[1] ?? '';
    assert.match(printed, /merchant id +42/);
    assert.ok(hosts?.[1] && hosts[2]);
    const client = createKtwidgetClient({
      appId,
      appKey,
      merchantId: 42,
      hosts: { fintech: hosts[1], widget: hosts[2] },
    });
    const transaction = await client.createTransaction({
      orderId: 'CLI-SANDBOX-1',
      amount: money(100, 'KZT'),
    });
    const page = await fetch(transaction.widgetUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Pay 1\.00 KZT/);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
