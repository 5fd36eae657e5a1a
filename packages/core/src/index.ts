/**
 * @tender/core: the provider-neutral contracts every tender package shares.
 *
 * @example
 * ```ts
 * import { parseMoney, formatMoney } from '@tender/core';
 * formatMoney(parseMoney('1500.5', 'KES')); // '1500.50'
 * ```
 * @module
 */
export * from './auth/index.ts';
export * from './errors/index.ts';
export * from './events/index.ts';
export * from './http/index.ts';
export * from './money/index.ts';
export * from './operations/index.ts';
export * from './provider/index.ts';
export * from './telemetry/index.ts';
export { MAX_JSON_DEPTH } from './validation/json-text.ts';
export { parseOrThrow, parseWireOrThrow, toFieldIssues } from './validation/parse.ts';
export { isPlainJson, type PlainJson, parseJsonText, toPlainJson } from './validation/plain-json.ts';
export * from './webhooks/index.ts';
