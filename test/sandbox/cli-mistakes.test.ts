/**
 * The `tender` command line for a user who makes mistakes and rehearses duplicates (`--version` and the
 * typed sandbox triggers as real processes, the rest through runCli in this process):
 * `--version`; "did you mean" for unknown commands, options, topics and `--set` fields; `--event-id` sent
 * twice is a duplicate for a real router; triggers typed into a running `tender sandbox` reach its own
 * subscriptions without `--to`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TenderEvent, WebhookOutcome } from '@tender/core';
import { createK2WebhookSource } from '@tender/k2';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';
import type { CliIo } from '../../packages/sandbox/src/cli/cli-io.ts';
import { runCli } from '../../packages/sandbox/src/cli/run.ts';
import { expectedSignature, type Receiver, startReceiver } from './support/receiver.ts';

const CLI = ['--conditions=tender-source', '--import', 'tsx', 'packages/sandbox/src/cli/main.ts'];
const REPO_ROOT = join(import.meta.dirname, '..', '..');
const API_KEY = 'cli_dup_key';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tender(args: string[]): Promise<Run> {
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
    child.stdin.end();
  });
}

/**
 * Runs `tender` in this process (runCli with captured streams): the same code as the executable, without
 * starting a Node process per case, so the suite stays light on a shared machine.
 */
async function tenderInProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => Buffer.alloc(0),
    readLines: async function* () {},
    untilStopped: async () => {},
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

let receiver: Receiver;
let router: WebhookRouter;
let server: Server;
let hooks = '';
const handled: TenderEvent[] = [];
const outcomes: WebhookOutcome[] = [];

before(async () => {
  receiver = await startReceiver();
  const source = createK2WebhookSource({ apiKeys: API_KEY });
  router = createRouter({
    sources: [
      {
        name: 'k2',
        path: '/webhooks/k2',
        source: {
          ...source,
          answer(outcome) {
            outcomes.push(outcome);
            return source.answer(outcome);
          },
        },
      },
    ],
  });
  router.onAny((event) => {
    handled.push(event);
  });
  server = createServer(toNodeHandler(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hooks = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/k2`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
  await receiver.close();
});

describe('tender --version', () => {
  it('prints the @tender/sandbox version and exits 0', async () => {
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'packages/sandbox/package.json'), 'utf8')) as {
      version: string;
    };
    const runs = [await tender(['--version']), await tenderInProcess(['-v'])];
    for (const run of runs) assert.deepEqual(run, { code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });
});

describe('did you mean', () => {
  it('suggests the nearest command, option, topic and field, on one line with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['triger'], 'tender: unknown command "triger" (did you mean "trigger"?) (see tender --help)'],
      [['--verison'], 'tender: unknown option "--verison" (did you mean "--version"?) (see tender --help)'],
      [['deploy'], 'tender: unknown command "deploy" (see tender --help)'],
      [
        ['trigger', 'customer_created', '--too', receiver.url, '--api-key', 'k'],
        'tender: unknown option "--too" (did you mean "--to"?)',
      ],
      [['sandbox', '--prot', '0'], 'tender: unknown option "--prot" (did you mean "--port"?)'],
      [
        ['trigger', 'paykassma-deposit', '--acess-key', 'a'],
        'tender: unknown option "--acess-key" (did you mean "--access-key"?)',
      ],
      [
        ['trigger', 'paykassma-withdrawl', '--to', receiver.url],
        'tender: unknown topic "paykassma-withdrawl" (did you mean "paykassma-withdrawal"?) (see tender trigger --help)',
      ],
      [['sign', '--apikey', 'k'], 'tender: unknown option "--apikey" (did you mean "--api-key"?)'],
      [
        ['trigger', 'customer_create', '--to', receiver.url, '--api-key', 'k'],
        'tender: unknown topic "customer_create" (did you mean "customer_created"?) (see tender trigger --help)',
      ],
    ];
    const runs: Run[] = [];
    for (const [args] of cases) runs.push(await tenderInProcess(args));
    for (const [index, run] of runs.entries()) {
      const [args, expected] = cases[index] ?? [[], ''];
      assert.deepEqual(run, { code: 2, stdout: '', stderr: `${expected}\n` }, `tender ${args.join(' ')}`);
    }
  });
});

describe('tender trigger --set', () => {
  it('refuses a field the delivery does not have, naming the nearest one, and sends nothing', async () => {
    const before = receiver.received.length;
    const [k2, daraja, legacy] = await Promise.all([
      tenderInProcess([
        'trigger',
        'buygoods_transaction_received',
        '--to',
        receiver.url,
        '--api-key',
        'k',
        '--set',
        'ammount=10',
      ]),
      tenderInProcess([
        'trigger',
        'buygoods_transaction_received',
        '--daraja',
        '--to',
        receiver.url,
        '--api-key',
        'k',
        '--set',
        'amount=10',
      ]),
      tenderInProcess(['trigger', 'legacy', '--to', receiver.url, '--set', 'acno=A1']),
    ]);
    assert.equal(k2.code, 2);
    assert.match(
      k2.stderr,
      /^tender: --set: unknown field "ammount" \(did you mean "amount"\?\); this delivery has: id, amount, /,
    );
    assert.equal(daraja.code, 2);
    assert.match(daraja.stderr, /^tender: --set: unknown field "amount"; this delivery has: .*TransAmount/);
    assert.equal(legacy.code, 2);
    assert.match(legacy.stderr, /^tender: --set: unknown field "acno" \(did you mean "ac_no"\?\)/);
    assert.equal(receiver.received.length, before, 'nothing was sent');
  });

  it('still sends known fields', async () => {
    const run = await tenderInProcess([
      'trigger',
      'legacy',
      '--to',
      `${receiver.url}/legacy`,
      '--set',
      'ac_no=A42',
    ]);
    assert.equal(run.code, 0);
    const delivered = receiver.received.findLast((candidate) => candidate.path === '/legacy');
    assert.equal(new URLSearchParams(delivered?.body).get('ac_no'), 'A42');
  });
});

describe('tender trigger --event-id', () => {
  for (const [topic, extra] of [
    ['buygoods_transaction_received', []],
    ['buygoods_transaction_received', ['--daraja']],
    ['m2m_transaction_received', []],
    ['customer_created', []],
  ] as const) {
    it(`sent twice, ${topic} ${extra.join(' ')} is one event: the router answers the second as a duplicate`, async () => {
      const eventId = `evt-${topic}-${extra.length}`;
      const args = ['trigger', topic, ...extra, '--to', hooks, '--api-key', API_KEY, '--event-id', eventId];
      const seenBefore = handled.length;
      const outcomesBefore = outcomes.length;
      const first = await tenderInProcess(args);
      const second = await tenderInProcess(args);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(second.code, 0, second.stderr);
      assert.deepEqual(outcomes.slice(outcomesBefore), [
        { kind: 'accepted', duplicate: false },
        { kind: 'accepted', duplicate: true },
      ]);
      assert.equal(handled.length, seenBefore + 1, 'the handler ran once');
    });
  }

  it('different event ids are different events', async () => {
    const seenBefore = handled.length;
    for (const eventId of ['evt-a', 'evt-b']) {
      const run = await tenderInProcess([
        'trigger',
        'buygoods_transaction_received',
        '--to',
        hooks,
        '--api-key',
        API_KEY,
        '--event-id',
        eventId,
      ]);
      assert.equal(run.code, 0);
    }
    assert.equal(handled.length, seenBefore + 2);
  });
});

describe('triggers typed into tender sandbox', () => {
  it('go to the sandbox subscriptions, signed with its key, with no --to; mistakes keep it running', async () => {
    const child = spawn(
      process.execPath,
      [...CLI, 'sandbox', '--port', '0', '--quiet', '--client-id', 'typed', '--api-key', 'typed_key'],
      { cwd: REPO_ROOT },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const waitFor = (pattern: RegExp, stream: () => string) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stream());
          if (match) resolve(match);
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.on('close', () => reject(new Error(`sandbox exited; stdout: ${stdout} stderr: ${stderr}`)));
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const [, url = ''] = await waitFor(
      /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*Press Ctrl\+C/,
      () => stdout,
    );
    assert.match(stdout, /Type "trigger <topic>/);
    const secret = /client secret +(\S+)/.exec(stdout)?.[1] ?? '';
    const token = (await (
      await fetch(`${url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: 'typed',
          client_secret: secret,
          grant_type: 'client_credentials',
        }),
      })
    ).json()) as { access_token: string };
    const subscribed = await fetch(`${url}/api/v2/webhook_subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        event_type: 'customer_created',
        url: `${receiver.url}/typed`,
        scope: 'company',
      }),
    });
    assert.equal(subscribed.status, 201);

    child.stdin.write('triger customer_created\n');
    await waitFor(/unknown sandbox command "triger" \(did you mean "trigger"\?\)\n/, () => stderr);
    child.stdin.write('trigger customer_created --set first_name=Wanjiru\n');
    await waitFor(/customer_created -> .*\/typed: HTTP 200\n/, () => stdout);
    child.stdin.write('trigger b2b_transaction_received\n');
    await waitFor(/no subscription for b2b_transaction_received/, () => stdout);

    const delivered = receiver.received.findLast((candidate) => candidate.path === '/typed');
    assert.ok(delivered);
    assert.equal(delivered.headers['x-kopokopo-signature'], expectedSignature('typed_key', delivered.body));
    const payload = JSON.parse(delivered.body) as {
      topic: string;
      event: { resource: { first_name: string } };
    };
    assert.equal(payload.topic, 'customer_created');
    assert.equal(payload.event.resource.first_name, 'Wanjiru');

    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(stdout, /sandbox stopped\n$/);
  });
});
