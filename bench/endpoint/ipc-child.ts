import { type ChildProcess, fork } from 'node:child_process';

/**
 * A message between the bench and one of its child processes: always an object with a `type`.
 *
 * @example
 * ```ts
 * const message: IpcMessage = { type: 'count' };
 * ```
 */
export interface IpcMessage {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * A child process the bench talks to over Node's IPC channel, one request at a time.
 *
 * @example
 * ```ts
 * const child = forkChild(file, [JSON.stringify(spec)]);
 * const { port } = await child.next('listening');
 * ```
 */
export interface IpcChild {
  /** The next message of `type` (rejects if the child exits first). */
  next(type: string): Promise<IpcMessage>;
  /** Sends `message` and waits for the next message of `replyType`. */
  ask(message: IpcMessage, replyType: string): Promise<IpcMessage>;
  /** Sends `{ type: 'stop' }` and waits for the child to exit (killing it after 10 s). */
  stop(): Promise<void>;
}

/**
 * Forks `file` with this process's Node flags (tsx), its standard output and errors going to ours.
 *
 * @example
 * ```ts
 * const child = forkChild(fileURLToPath(new URL('./load-child.ts', import.meta.url)), []);
 * ```
 */
export function forkChild(file: string, args: readonly string[]): IpcChild {
  const child: ChildProcess = fork(file, args, {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, { resolve(message: IpcMessage): void; reject(error: Error): void }>();
  let exited: Error | undefined;
  child.on('message', (message: IpcMessage) => {
    const waiter = waiting.get(message.type);
    if (waiter === undefined) return;
    waiting.delete(message.type);
    waiter.resolve(message);
  });
  child.once('exit', (code, signal) => {
    exited = new Error(`${file} exited (code ${code}, signal ${signal})`);
    for (const waiter of waiting.values()) waiter.reject(exited);
    waiting.clear();
  });
  const next = (type: string) =>
    new Promise<IpcMessage>((resolve, reject) => {
      if (exited !== undefined) {
        reject(exited);
        return;
      }
      waiting.set(type, { resolve, reject });
    });
  return {
    next,
    ask(message, replyType) {
      const reply = next(replyType);
      child.send(message);
      return reply;
    },
    stop() {
      if (exited !== undefined) return Promise.resolve();
      return new Promise((resolve) => {
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.send({ type: 'stop' });
      });
    },
  };
}
