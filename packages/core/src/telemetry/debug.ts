import * as v from 'valibot';

/**
 * What the debug switch can print: `http` (every call to a provider and its answer), `webhooks` (every
 * answered delivery).
 *
 * @example
 * ```ts
 * const areas: DebugArea[] = ['http', 'webhooks'];
 * ```
 */
export type DebugArea = 'http' | 'webhooks';

/**
 * Where debug lines go: one line per call, already redacted.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const sink: DebugLogger = (line) => lines.push(line);
 * ```
 */
export type DebugLogger = (line: string) => void;

/**
 * The `debug` option of a client or a router: `true` or a list of areas prints to `console.error`, a
 * function receives the lines instead, `false` turns the switch off whatever `TENDER_DEBUG` says. Left out,
 * the `TENDER_DEBUG` environment variable decides (`TENDER_DEBUG=http,webhooks`, `*` or `all` for both),
 * read once when the client or router is created.
 *
 * @example
 * ```ts
 * const debug: DebugOption = ['http'];
 * const toMyLog: DebugOption = (line) => logger.debug(line);
 * ```
 */
export type DebugOption = boolean | readonly DebugArea[] | DebugLogger;

const AREAS: readonly unknown[] = ['http', 'webhooks'];

/** Checks a {@link DebugOption}. @example v.parse(DebugOptionSchema, ['http']); */
export const DebugOptionSchema = v.custom<DebugOption>(
  (value) =>
    typeof value === 'boolean' ||
    typeof value === 'function' ||
    (Array.isArray(value) && value.every((area) => AREAS.includes(area))),
  "must be true, false, a list of 'http' and 'webhooks', or a function taking a line",
);

/** Prints to standard error; a console that cannot print must not break a payment or a delivery. */
const toStandardError: DebugLogger = (line) => console.error(line);

/** The areas `TENDER_DEBUG` names, read where a `process` exists (not in every edge runtime). */
function areasFromEnvironment(): readonly string[] {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.TENDER_DEBUG;
  if (typeof value !== 'string') return [];
  return value
    .slice(0, 256)
    .split(',')
    .map((area) => area.trim().toLowerCase());
}

/**
 * The sink for `area`'s debug lines, or `undefined` when the switch is off for it: from `option` if given,
 * else from `TENDER_DEBUG` (read now). Lines reach the sink through a guard: a sink that throws is ignored.
 *
 * @example
 * ```ts
 * const debug = debugLoggerFor('http', options.debug); // undefined unless switched on
 * debug?.('[tender:http] POST https://host/path -> 201');
 * ```
 */
export function debugLoggerFor(area: DebugArea, option: DebugOption | undefined): DebugLogger | undefined {
  let sink: DebugLogger | undefined;
  if (typeof option === 'function') sink = option;
  else if (option === true) sink = toStandardError;
  else if (Array.isArray(option)) sink = option.includes(area) ? toStandardError : undefined;
  else if (option === undefined) {
    const areas = areasFromEnvironment();
    const on = areas.includes(area) || areas.includes('*') || areas.includes('all');
    sink = on ? toStandardError : undefined;
  }
  if (sink === undefined) return undefined;
  const guarded = sink;
  return (line) => {
    try {
      guarded(line);
    } catch {
      // Debug output must never change what a call or a delivery does.
    }
  };
}
