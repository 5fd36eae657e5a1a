import { type LocalServer, startPostgres, startRedis } from '../../../scripts/local-servers.ts';

/**
 * A database server several store contenders share in one bench run: the one named by the test command's
 * variable when it is set, else one started the way the test command starts it (scripts/local-servers.ts)
 * on first use and stopped when its last user releases it.
 *
 * @example
 * ```ts
 * const { url, release } = await POSTGRES.acquire();
 * ```
 */
export interface SharedServer {
  acquire(): Promise<{ readonly url: string; release(): Promise<void> }>;
}

function sharedServer(variable: string, start: () => Promise<LocalServer>): SharedServer {
  let server: Promise<LocalServer> | undefined;
  let users = 0;
  return {
    async acquire() {
      const given = process.env[variable];
      if (given) return { url: given, release: async () => undefined };
      server ??= start();
      users += 1;
      const { url } = await server;
      let released = false;
      return {
        url,
        async release() {
          if (released) return;
          released = true;
          users -= 1;
          if (users > 0 || server === undefined) return;
          const stopping = server;
          server = undefined;
          await (await stopping).stop();
        },
      };
    },
  };
}

/**
 * PostgreSQL with each commit synced to disk, as production runs it (TENDER_TEST_POSTGRES_URL when set).
 *
 * @example
 * ```ts
 * const { url } = await SHARED_POSTGRES.acquire(); // postgres://tender@127.0.0.1:41234/postgres
 * ```
 */
export const SHARED_POSTGRES = sharedServer('TENDER_TEST_POSTGRES_URL', () =>
  startPostgres({ durable: true }),
);

/**
 * Redis as the test command starts it, persistence off (TENDER_TEST_REDIS_URL when set).
 *
 * @example
 * ```ts
 * const { url } = await SHARED_REDIS.acquire(); // redis://127.0.0.1:41235
 * ```
 */
export const SHARED_REDIS = sharedServer('TENDER_TEST_REDIS_URL', startRedis);
