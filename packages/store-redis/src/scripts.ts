import { createHash } from 'node:crypto';

/**
 * A Lua script and its SHA-1, so it is sent by `EVALSHA` (40 bytes) and in full only when the server does
 * not have it cached yet (after a restart or a `SCRIPT FLUSH`).
 */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * Compare-and-set for `complete`. KEYS[1] the event's key; ARGV[1] the value to write (`d:` and the
 * outcome's JSON); ARGV[2] the retention in ms; ARGV[3] the claim's value (`c:` and its token), or empty
 * for a caller without a token. Writes while the key still holds that claim, or while it is absent (nobody
 * holds the event: its lease ran out and nobody took it, so the handlers' success is recorded); refuses
 * over another holder's claim or an outcome already recorded. Answers 1 when it wrote, else 0.
 */
export const COMPLETE = script(`local current = redis.call('GET', KEYS[1])
if ARGV[3] ~= '' and current and current ~= ARGV[3] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`);

/**
 * Compare-and-delete for `release`. KEYS[1] the event's key; ARGV[1] the claim's value (`c:` and its
 * token), or empty for a caller without a token. Deletes a claim (that claim, when given), never an
 * outcome. Answers how many keys it deleted. Debian's Redis 7 has no native compare-and-delete, hence Lua.
 */
export const RELEASE = script(`local current = redis.call('GET', KEYS[1])
if not current or string.sub(current, 1, 2) ~= 'c:' then return 0 end
if ARGV[1] ~= '' and current ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`);
