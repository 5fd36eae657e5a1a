/**
 * The `tender` command line, run as a real process: help on every command, the K2 signature of the
 * reference vector (§4.1) from a file and from stdin, one-line errors with non-zero exits, trigger to a
 * local receiver (K2 topic and legacy), and the sandbox command printing its URL until stopped.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expectedSignature, type Receiver, startReceiver } from './support/receiver.ts';

const CLI = ['--conditions=tender-source', '--import', 'tsx', 'packages/sandbox/src/cli/main.ts'];
const REPO_ROOT = join(import.meta.dirname, '..', '..');
const VECTOR_BODY = '{"topic":"customer_created","id":"0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00"}';
const VECTOR_SIGNATURE = 'c9f4f8906aabb5cb87c15ff0faa6f72b994a14ba50c53bbb561c582dc9735cb0';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tender(args: string[], input = ''): Promise<Run> {
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
    child.stdin.end(input);
  });
}

let receiver: Receiver;
before(async () => {
  receiver = await startReceiver((delivered) => {
    if (delivered.path === '/legacy') {
      const ok = delivered.headers.authorization === `Basic ${Buffer.from('k2:pw').toString('base64')}`;
      return ok
        ? { status: 200, body: '{"status":"01","description":"Accepted"}' }
        : { status: 401, body: '' };
    }
    return { status: 200, body: '{"received":true}' };
  });
});
after(() => receiver.close());

describe('tender --help', () => {
  it('prints help for tender and every command, exiting 0', async () => {
    const runs = await Promise.all([
      tender(['--help']),
      tender(['sandbox', '--help']),
      tender(['trigger', '--help']),
      tender(['sign', '-h']),
    ]);
    const [main, sandbox, trigger, sign] = runs;
    for (const run of runs) {
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
    }
    assert.match(main?.stdout ?? '', /^Usage: tender <command>/);
    assert.match(main?.stdout ?? '', /sandbox +run the K2 Connect v2 simulator/);
    assert.match(sandbox?.stdout ?? '', /^Usage: tender sandbox/);
    assert.match(sandbox?.stdout ?? '', /--callback-delay-ms <n>/);
    assert.match(trigger?.stdout ?? '', /^Usage: tender trigger <topic> --to <url> --api-key <key>/);
    assert.match(trigger?.stdout ?? '', /m2m_transaction_received/);
    assert.match(sign?.stdout ?? '', /^Usage: tender sign --api-key <key> \[file\]/);
  });
});

describe('tender sign', () => {
  it('prints the reference signature of a file and of standard input', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tender-sign-'));
    const file = join(folder, 'body.json');
    await writeFile(file, VECTOR_BODY);
    const [fromFile, fromStdin] = await Promise.all([
      tender(['sign', '--api-key', 'demo_api_key_123', file]),
      tender(['sign', '--api-key', 'demo_api_key_123'], VECTOR_BODY),
    ]);
    assert.deepEqual(fromFile, { code: 0, stdout: `${VECTOR_SIGNATURE}\n`, stderr: '' });
    assert.deepEqual(fromStdin, { code: 0, stdout: `${VECTOR_SIGNATURE}\n`, stderr: '' });
  });
});

describe('wrong arguments', () => {
  async function assertUsageErrors(cases: readonly (readonly [string[], RegExp])[]) {
    const runs = await Promise.all(cases.map(([args]) => tender(args)));
    for (const [index, run] of runs.entries()) {
      const [args, pattern] = cases[index] ?? [[], /./];
      assert.equal(run.code, 2, `exit code of tender ${args.join(' ')}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
      assert.equal(run.stderr.split('\n').length, 2, `one line for tender ${args.join(' ')}: ${run.stderr}`);
    }
  }

  it('answers a missing or unknown command and bad sign arguments with one line and exit code 2', async () => {
    await assertUsageErrors([
      [[], /^tender: missing command/],
      [['refund'], /^tender: unknown command "refund"/],
      [['sign'], /^tender: sign needs --api-key <key>/],
      [['sign', '--api-key', 'k', '--colour'], /^tender: unknown option "--colour"/],
      [['sign', '--api-key', 'k', '/no/such/file'], /^tender: cannot read \/no\/such\/file \(ENOENT\)/],
    ]);
  });

  it('answers bad trigger and sandbox arguments with one line and exit code 2', async () => {
    await assertUsageErrors([
      [['trigger', 'customer_created', '--api-key', 'k'], /^tender: --to <url> is required/],
      [
        ['trigger', 'payment_made', '--to', receiver.url, '--api-key', 'k'],
        /^tender: unknown topic "payment_made"/,
      ],
      [['trigger', 'customer_created', '--to', receiver.url], /^tender: trigger needs --api-key/],
      [
        ['trigger', 'customer_created', '--to', receiver.url, '--api-key', 'k', '--daraja'],
        /--daraja applies only/,
      ],
      [['trigger', 'legacy', '--to', 'not-a-url'], /^tender: --to must be an http\(s\) URL/],
      [['trigger', 'legacy', '--to', receiver.url, '--event-id', 'x'], /^tender: --event-id does not apply/],
      [['trigger', 'legacy', '--to', receiver.url, '--api-key', 'k'], /^tender: --api-key does not apply/],
      [
        ['trigger', 'legacy', '--to', receiver.url, '--user', 'u'],
        /^tender: --user and --password go together/,
      ],
      [
        ['trigger', 'legacy', '--to', receiver.url, '--password', 'p'],
        /^tender: --user and --password go together/,
      ],
      [['sandbox', '--port', 'eighty'], /^tender: --port must be a whole number, got "eighty"/],
      [['sandbox', '--port', '70000'], /^tender: Invalid sandbox options: port/],
    ]);
  });
});

describe('tender trigger', () => {
  it('sends a signed webhook and prints the status and body, exiting 0', async () => {
    const run = await tender([
      'trigger',
      'buygoods_transaction_received',
      '--to',
      `${receiver.url}/hooks`,
      '--api-key',
      'cli_key',
      '--set',
      'amount=1250.0',
    ]);
    assert.deepEqual(run, { code: 0, stdout: 'HTTP 200\n{"received":true}\n', stderr: '' });
    const delivered = receiver.received.findLast((candidate) => candidate.path === '/hooks');
    assert.equal(
      delivered?.headers['x-kopokopo-signature'],
      expectedSignature('cli_key', delivered?.body ?? ''),
    );
    const payload = JSON.parse(delivered?.body ?? '{}') as {
      topic: string;
      event: { resource: { amount: string } };
    };
    assert.equal(payload.topic, 'buygoods_transaction_received');
    assert.equal(payload.event.resource.amount, '1250.0');
  });

  it('sends a legacy notification with Basic credentials, and exits 1 when refused', async () => {
    const [accepted, refused] = await Promise.all([
      tender(['trigger', 'legacy', '--to', `${receiver.url}/legacy`, '--user', 'k2', '--password', 'pw']),
      tender(['trigger', 'legacy', '--to', `${receiver.url}/legacy`, '--user', 'k2', '--password', 'wrong']),
    ]);
    assert.deepEqual(accepted, {
      code: 0,
      stdout: 'HTTP 200\n{"status":"01","description":"Accepted"}\n',
      stderr: '',
    });
    assert.deepEqual(refused, { code: 1, stdout: 'HTTP 401\n', stderr: '' });
    const delivered = receiver.received.findLast((candidate) => candidate.path === '/legacy');
    assert.equal(new URLSearchParams(delivered?.body).get('mm_system_id'), 'M-PESA');
  });
});

describe('tender sandbox', () => {
  it('prints its URL and credentials, serves OAuth, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI, 'sandbox', '--port', '0', '--client-id', 'cli_client'], {
      cwd: REPO_ROOT,
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.on('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1] && stdout.includes('Press Ctrl+C')) resolve(match[1]);
      });
    });
    const secret = /client secret +(\S+)/.exec(stdout)?.[1] ?? '';
    assert.match(stdout, /client id +cli_client/);
    assert.match(stdout, /api key +sandbox_api_key_[0-9a-f]+/);
    const token = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: 'cli_client',
        client_secret: secret,
        grant_type: 'client_credentials',
      }),
    });
    assert.equal(token.status, 200);

    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(stdout, /POST \/oauth\/token 200/);
    assert.match(stdout, /sandbox stopped\n$/);
  });
});
