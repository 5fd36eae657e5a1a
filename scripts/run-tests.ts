/**
 * Runs the node:test suites against real servers: a PostgreSQL and a Redis started for this run (127.0.0.1,
 * free ports, temporary data directories, stopped and removed afterwards, also when a test fails or the run
 * is interrupted), handed to the tests as TENDER_TEST_POSTGRES_URL and TENDER_TEST_REDIS_URL. A variable
 * that is already set is used as it is and nothing is started for it.
 *
 * Missing tools are installed when that is possible (root with apt-get: Debian's `postgresql`,
 * `redis-server` and `chromium`, which the page tests drive); otherwise the run stops with one line that
 * says what to install or which variables to set. No suite is skipped.
 *
 * @example
 * ```sh
 * node scripts/run-tests.ts                               # every suite (*.alone.test.ts last, one by one)
 * node scripts/run-tests.ts test/store-postgres/*.test.ts # some files, same servers
 * ```
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import { constants } from 'node:os';
import { type LocalServer, missingTools, startPostgres, startRedis } from './local-servers.ts';

/**
 * Test files named `*.alone.test.ts` load the machine on purpose (several processes under load): in a full
 * run they go after the others, one at a time, so they neither slow down nor are slowed by the
 * timing-sensitive suites. Files named on the command line run together, as given.
 */
function phases(): string[][] {
  if (process.argv.length > 2) return [process.argv.slice(2)];
  const files = globSync('test/**/*.test.ts').sort();
  const alone = files.filter((file) => file.endsWith('.alone.test.ts'));
  return [files.filter((file) => !alone.includes(file)), ...alone.map((file) => [file])];
}

const env: NodeJS.ProcessEnv = { ...process.env };

const HOW_TO =
  "install Debian's packages (apt-get install postgresql redis-server chromium) or point the tests at your own: TENDER_TEST_POSTGRES_URL=postgres://…, TENDER_TEST_REDIS_URL=redis://…, TENDER_TEST_CHROMIUM=/path/to/chromium";

function canApt(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Installs the missing Debian packages when running as root with apt-get; true when nothing is missing after. */
function ensureTools(): boolean {
  const missing = missingTools(env);
  if (missing.length === 0) return true;
  if (!canApt()) {
    console.error(`tests need ${missing.join(', ')}: ${HOW_TO}`);
    return false;
  }
  console.error(`installing ${missing.join(' ')} with apt-get (missing, and this runs as root)`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env: aptEnv });
  const install =
    update.status === 0 &&
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env: aptEnv,
    }).status === 0;
  const left = missingTools(env);
  if (install && left.length === 0) return true;
  console.error(`tests need ${left.join(', ')} and apt-get could not install them: ${HOW_TO}`);
  return false;
}

const servers: LocalServer[] = [];
let child: ChildProcess | undefined;
let interrupted = false;

async function stopServers(): Promise<void> {
  const stopping = servers.splice(0);
  await Promise.allSettled(stopping.map((server) => server.stop()));
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted = true;
    // Ctrl-C reaches the test process too (same process group); another signal is passed on. Either way
    // the servers are stopped once the tests have exited, below; before they started, right now.
    if (child !== undefined) {
      if (signal !== 'SIGINT') child.kill(signal);
    } else {
      void stopServers().then(() => process.exit(130));
    }
  });
}

async function main(): Promise<number> {
  if (!ensureTools()) return 1;
  try {
    const [postgres, redis] = await Promise.all([
      env.TENDER_TEST_POSTGRES_URL ? undefined : startPostgres(),
      env.TENDER_TEST_REDIS_URL ? undefined : startRedis(),
    ]);
    for (const server of [postgres, redis]) if (server !== undefined) servers.push(server);
    if (postgres !== undefined) env.TENDER_TEST_POSTGRES_URL = postgres.url;
    if (redis !== undefined) env.TENDER_TEST_REDIS_URL = redis.url;
  } catch (error) {
    await stopServers();
    console.error(`could not start the test servers: ${(error as Error).message}`);
    return 1;
  }
  let failed = 0;
  for (const files of phases()) {
    if (interrupted) return 130;
    const code = await runTests(files);
    if (code !== 0) failed = code;
  }
  return failed;
}

/** Runs node:test over `files` with the servers' variables; answers its exit code (128 + n for signal n). */
function runTests(files: string[]): Promise<number> {
  const args = ['--conditions=tender-source', '--import', 'tsx', '--test', '--test-concurrency=2', ...files];
  const started = spawn(process.execPath, args, { stdio: 'inherit', env });
  child = started;
  return new Promise<number>((resolve) => {
    started.once('exit', (code, signal) => {
      child = undefined;
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}

let code = 1;
try {
  code = await main();
} finally {
  await stopServers();
}
process.exitCode = interrupted && code === 0 ? 130 : code;
