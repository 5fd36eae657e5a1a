import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const FIXTURE = join('test', 'scripts', 'fixtures', 'print-servers.ts');

/** This process's environment without the marker that makes a nested node:test report to a parent runner. */
function environment(variables: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _, ...rest } = process.env;
  return { ...rest, ...variables };
}

/** Whether a connection to 127.0.0.1:`port` is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('the test command (scripts/run-tests.ts)', () => {
  it('uses servers the variables already name, and starts none', async () => {
    const env = environment({
      TENDER_TEST_POSTGRES_URL: 'postgres://someone@127.0.0.1:1/theirs',
      TENDER_TEST_REDIS_URL: 'redis://127.0.0.1:2',
    });
    const { stdout } = await run(process.execPath, ['scripts/run-tests.ts', FIXTURE], { cwd: root, env });
    assert.match(stdout, /SERVERS postgres:\/\/someone@127\.0\.0\.1:1\/theirs redis:\/\/127\.0\.0\.1:2/);
  });

  it('starts PostgreSQL and Redis on 127.0.0.1 when none is named, and hands their URLs over', async () => {
    const env = environment({ TENDER_TEST_POSTGRES_URL: '', TENDER_TEST_REDIS_URL: '' });
    const { stdout } = await run(process.execPath, ['scripts/run-tests.ts', FIXTURE], { cwd: root, env });
    const ports =
      /SERVERS postgres:\/\/tender@127\.0\.0\.1:(\d+)\/postgres redis:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
    assert.ok(ports, stdout);
    for (const port of ports.slice(1)) {
      assert.equal(
        await refused(Number(port)),
        true,
        `nothing listens on ${port} any more: the servers were stopped`,
      );
    }
  });

  it('fails a test run that fails, with its exit code', async () => {
    const env = {
      ...process.env,
      TENDER_TEST_POSTGRES_URL: 'postgres://x',
      TENDER_TEST_REDIS_URL: 'redis://x',
    };
    await assert.rejects(
      run(process.execPath, ['scripts/run-tests.ts', join('test', 'scripts', 'fixtures', 'missing.ts')], {
        cwd: root,
        env,
      }),
      (error: { code?: number }) => error.code === 1,
    );
  });
});
