/**
 * @tender/k2-legacy: Kopo Kopo's legacy HTTP POST notifications as a tender webhook source.
 *
 * @example
 * ```ts
 * import { createK2LegacySource } from '@tender/k2-legacy';
 * const source = createK2LegacySource({ credentials: { username: 'k2', password: 'secret' } });
 * ```
 * @module
 */
export { type LegacyStatusEncoding, legacyAnswer } from './answers.ts';
export { basicAuthMatches } from './basic-auth.ts';
export { isKnownTimeZone, parseWallClock, toInstant, type WallClock } from './date-time.ts';
export { decodeLegacyNotification, readLegacyFields } from './decode.ts';
export { type LegacyFields, LegacyFieldsSchema } from './fields.ts';
export { normalizeKenyanPhone } from './phone.ts';
export { createK2LegacySource, type K2LegacySourceOptions } from './source.ts';
