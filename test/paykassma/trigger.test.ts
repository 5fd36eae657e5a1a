/**
 * `tender trigger paykassma-deposit` / `paykassma-withdrawal`, run as a real process against a router on
 * 127.0.0.1: one signed postback each, the answer printed, the exit code from the answer.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TenderEvent } from '@tender/core';
import { createPaykassmaSource } from '@tender/paykassma';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';

const CLI = ['--conditions=tender-source', '--import', 'tsx', 'packages/sandbox/src/cli/main.ts'];
const REPO_ROOT = join(import.meta.dirname, '..', '..');
const KEYS = ['--access-key', 'cli-access', '--private-key', 'cli-private'];

function tender(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: REPO_ROOT });
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

let server: Server;
let router: WebhookRouter;
let url = '';
const events: TenderEvent[] = [];

before(async () => {
  router = createRouter({
    sources: [
      {
        name: 'paykassma',
        path: '/pk',
        source: createPaykassmaSource({ postbackAccessKey: 'cli-access', postbackPrivateKey: 'cli-private' }),
      },
    ],
  });
  router.onAny((event) => {
    events.push(event);
  });
  server = createServer(toNodeHandler(router));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pk`;
});

after(async () => {
  await new Promise((done) => server.close(done));
  await router.close();
});

describe('tender trigger paykassma-…', { timeout: 60_000 }, () => {
  it('sends a signed deposit postback and prints the answer', async () => {
    const run = await tender(['trigger', 'paykassma-deposit', '--to', url, ...KEYS, '--amount', '12000']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'HTTP 200\n{"status":"ok"}\n');
    const event = events.at(-1);
    assert.equal(event?.type, 'payment.succeeded');
    assert.deepEqual(event?.type === 'payment.succeeded' ? event.amount : undefined, {
      currency: 'MMK',
      minor: 1_200_000,
    });
  });

  it('sends withdrawal outcomes: --status 1 and 5', async () => {
    for (const [status, type] of [
      ['1', 'payout.succeeded'],
      ['5', 'payout.failed'],
    ]) {
      const run = await tender([
        'trigger',
        'paykassma-withdrawal',
        '--to',
        url,
        ...KEYS,
        '--status',
        status as string,
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(events.at(-1)?.type, type);
    }
  });

  it('exits 1 and prints the refusal when the receiver does not accept it', async () => {
    const count = events.length;
    const wrongKey = await tender([
      'trigger',
      'paykassma-deposit',
      '--to',
      url,
      '--access-key',
      'cli-access',
      '--private-key',
      'x',
    ]);
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stdout, /^HTTP 401\n.*signature does not match/);
    const contradiction = await tender([
      'trigger',
      'paykassma-deposit',
      '--to',
      url,
      ...KEYS,
      '--set',
      'direction=outgoing',
    ]);
    assert.equal(contradiction.code, 1);
    assert.match(contradiction.stdout, /^HTTP 400\n.*direction/);
    assert.equal(events.length, count);
  });

  it('refuses a wrong command line with exit code 2', async () => {
    for (const [args, message] of [
      [['trigger', 'paykassma-deposit', '--to', url], /--access-key and --private-key are required/],
      [['trigger', 'paykassma-withdrawal', '--to', url, ...KEYS, '--status', '3'], /--status must be 1/],
      [
        ['trigger', 'paykassma-deposit', '--to', url, ...KEYS, '--amount', '1.5'],
        /--amount must be whole kyat/,
      ],
    ] as const) {
      const run = await tender([...args]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
    }
    const help = await tender(['trigger', 'paykassma-deposit', '--help']);
    assert.match(help.stdout, /Usage: tender trigger paykassma-deposit/);
  });
});
