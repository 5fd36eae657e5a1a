/**
 * Real PostgreSQL and Redis servers for the tests and the bench: each on 127.0.0.1, on a free port, with its
 * data in a new temporary directory that `stop()` removes. The binaries come from PATH or from Debian's
 * install locations; {@link missingTools} names what is absent, so the caller can install it or say so.
 *
 * @example
 * ```ts
 * const postgres = await startPostgres();
 * process.env.TENDER_TEST_POSTGRES_URL = postgres.url; // postgres://tender@127.0.0.1:41234/postgres
 * await postgres.stop();
 * ```
 * @module
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A server this process started: where it listens and how to stop it (data directory removed).
 *
 * @example
 * ```ts
 * const redis: LocalServer = await startRedis();
 * ```
 */
export interface LocalServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Where Chromium is looked for when TENDER_TEST_CHROMIUM is not set (as test/support/chromium.ts does). */
export const CHROMIUM_LOCATIONS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
];

/** How long a server may take to say it is ready. */
const READY_TIMEOUT_MS = 30_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `path` is a program rather than a shell script: some images put wrapper scripts named like the
 * server's binaries on PATH (Debian's `pg_ctlcluster` family, or a `pg_ctl` that picks a cluster), which
 * take other arguments than the real thing.
 */
function isBinary(path: string): boolean {
  const head = readFileSync(path).subarray(0, 2).toString('latin1');
  return head !== '#!';
}

function onPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    if (isExecutable(candidate) && isBinary(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The directory holding PostgreSQL's `initdb` and `postgres`: Debian's newest /usr/lib/postgresql/N/bin
 * first (the real binaries, whatever PATH holds), else wherever both are found on PATH.
 */
export function postgresBinDirectory(): string | undefined {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const directory = join(debian, version, 'bin');
      if (isExecutable(join(directory, 'initdb')) && isExecutable(join(directory, 'postgres')))
        return directory;
    }
  }
  const initdb = onPath('initdb');
  const postgres = onPath('postgres');
  if (initdb === undefined || postgres === undefined) return undefined;
  const directory = initdb.slice(0, initdb.length - '/initdb'.length);
  return postgres === join(directory, 'postgres') ? directory : undefined;
}

/** The `redis-server` binary, on PATH or where Debian puts it. */
export function redisServerBinary(): string | undefined {
  return (
    onPath('redis-server') ?? (isExecutable('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined)
  );
}

/**
 * The Debian packages of the tools the test suites need that are neither found nor replaced by a variable.
 *
 * @example
 * ```ts
 * missingTools(process.env); // [] on a machine with postgresql, redis-server and chromium installed
 * ```
 */
export function missingTools(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.TENDER_TEST_POSTGRES_URL && postgresBinDirectory() === undefined) missing.push('postgresql');
  if (!env.TENDER_TEST_REDIS_URL && redisServerBinary() === undefined) missing.push('redis-server');
  if (!env.TENDER_TEST_CHROMIUM && !CHROMIUM_LOCATIONS.some(existsSync)) missing.push('chromium');
  return missing;
}

/** A port nobody listens on right now (the kernel's choice), on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no port'));
        else resolve(address.port);
      });
    });
  });
}

/** The uid and gid of `name` from /etc/passwd, when it has an entry. */
function systemUser(name: string): { uid: number; gid: number } | undefined {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined && fields[3] !== undefined) {
      return { uid: Number(fields[2]), gid: Number(fields[3]) };
    }
  }
  return undefined;
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as `postgres` (or `nobody`) through
 * `setpriv`, which executes the program itself, so the child's pid is the server's and signals reach it.
 */
function asServerUser(
  command: string,
  args: string[],
): { command: string; args: string[]; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { command, args };
  const owner = systemUser('postgres') ?? systemUser('nobody');
  if (owner === undefined)
    throw new Error(
      'running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as',
    );
  const setpriv = [
    '--reuid',
    String(owner.uid),
    '--regid',
    String(owner.gid),
    '--clear-groups',
    '--',
    command,
  ];
  return { command: 'setpriv', args: [...setpriv, ...args], owner };
}

/** Resolves once `child` writes `marker` to stdout or stderr; rejects if it exits or takes too long first. */
function waitForOutput(child: ChildProcess, marker: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`${name} did not start within ${READY_TIMEOUT_MS} ms:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
      if (output.includes(marker)) done();
    };
    const onExit = (code: number | null) =>
      fail(new Error(`${name} exited (code ${code}) before it was ready:\n${output}`));
    function cleanUp() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    }
    function done() {
      cleanUp();
      // Keep draining the pipes, or a chatty server would block on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve();
    }
    function fail(error: Error) {
      cleanUp();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Stops `child` with `signal`, then SIGKILL if it has not exited within five seconds. */
function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Starts a throw-away PostgreSQL cluster: `initdb` into a temporary directory (superuser `tender`, trust
 * authentication, which is safe only because it listens on 127.0.0.1 alone) and `postgres` in the
 * foreground. Durability is switched off (fsync, synchronous commit, full-page writes) unless `durable`:
 * test data is thrown away, and the tests are about behaviour, not crash safety of PostgreSQL itself.
 *
 * @example
 * ```ts
 * const { url, stop } = await startPostgres();
 * ```
 */
export async function startPostgres(options: { readonly durable?: boolean } = {}): Promise<LocalServer> {
  const bin = postgresBinDirectory();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (no initdb and postgres found)');
  const directory = await mkdtemp(join(tmpdir(), 'tender-postgres-'));
  const data = join(directory, 'data');
  const initdb = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'tender',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  if (initdb.owner !== undefined) chownSync(directory, initdb.owner.uid, initdb.owner.gid);
  execFileSync(initdb.command, initdb.args, { cwd: directory, stdio: 'pipe' });
  const port = await freePort();
  const settings = [
    'listen_addresses=127.0.0.1',
    `unix_socket_directories=${directory}`,
    'max_connections=300',
    // A bench wants PostgreSQL as production runs it, each commit on disk; tests do not.
    ...(options.durable === true ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  const server = asServerUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    ...settings.flatMap((setting) => ['-c', setting]),
  ]);
  const child = spawn(server.command, server.args, { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await waitForOutput(child, 'database system is ready to accept connections', 'PostgreSQL');
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://tender@127.0.0.1:${port}/postgres`,
    async stop() {
      // SIGINT is PostgreSQL's "fast" shutdown: it ends client sessions instead of waiting for them.
      await stopChild(child, 'SIGINT');
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a throw-away Redis server with persistence off (no RDB snapshots, no append-only file) and its
 * working directory in a temporary directory.
 *
 * @example
 * ```ts
 * const { url, stop } = await startRedis();
 * ```
 */
export async function startRedis(): Promise<LocalServer> {
  const binary = redisServerBinary();
  if (binary === undefined) throw new Error('Redis is not installed (no redis-server found)');
  const directory = await mkdtemp(join(tmpdir(), 'tender-redis-'));
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      directory,
      '--daemonize',
      'no',
    ],
    { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await waitForOutput(child, 'Ready to accept connections', 'Redis');
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await stopChild(child, 'SIGTERM');
      await rm(directory, { recursive: true, force: true });
    },
  };
}
