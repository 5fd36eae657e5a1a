import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A running {@link https://nodejs.org/api/http.html | node:http} K2 stand-in in a child process.
 *
 * @example
 * ```ts
 * const server = await spawnLocalK2Server();
 * await fetch(`${server.origin}/oauth/token`, { method: 'POST' });
 * await server.stop();
 * ```
 */
export interface LocalK2Server {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  stop(): Promise<void>;
}

const SERVER_FILE = fileURLToPath(new URL('./local-k2-server.ts', import.meta.url));

/**
 * Starts bench/support/local-k2-server.ts with the same Node and loader flags as this process and waits for
 * its port.
 *
 * @example
 * ```ts
 * const { origin, stop } = await spawnLocalK2Server();
 * ```
 */
export function spawnLocalK2Server(): Promise<LocalK2Server> {
  const child = spawn(process.execPath, [...process.execArgv, SERVER_FILE], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`local K2 server exited early with code ${code}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) {
        child.removeAllListeners('exit');
        resolve({ origin: `http://127.0.0.1:${match[1]}`, stop: () => stopChild(child) });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.stdin?.end();
  });
}
