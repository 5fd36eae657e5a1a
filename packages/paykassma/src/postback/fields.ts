import { ValidationError } from '@tender/core';
import { type JsonNode, member } from '../json/exact-json.ts';

/**
 * Reading single fields of a postback from its exact JSON tree. A field of the wrong type is a
 * ValidationError naming its path (the router answers 400).
 */

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('Invalid Paykassma postback', [{ path, message }], {
    provider: 'paykassma',
    operation: 'postback',
  });
}

/**
 * A field as text: a string as it is, a number as its source text, `undefined` for a missing field,
 * `null` or `""`. Objects, arrays and booleans are refused.
 *
 * @example
 * ```ts
 * textField(item, 'stockpiling_id', 'additional_data.0.stockpiling_id'); // '40417'
 * ```
 */
export function textField(node: JsonNode, key: string, path: string): string | undefined {
  const value = member(node, key);
  if (value === undefined) return undefined;
  if (value.kind === 'string') return value.value === '' ? undefined : value.value;
  if (value.kind === 'number') return value.text;
  if (value.kind === 'literal' && value.value === null) return undefined;
  throw invalid(path, 'must be a string or a number');
}

/**
 * Like {@link textField}, for a field that must be there.
 *
 * @example
 * ```ts
 * requiredText(item, 'currency_code', 'additional_data.0.currency_code'); // 'MMK'
 * ```
 */
export function requiredText(node: JsonNode, key: string, path: string): string {
  const value = textField(node, key, path);
  if (value === undefined) throw invalid(path, 'is required');
  return value;
}

/**
 * A ValidationError about one postback field.
 *
 * @example
 * ```ts
 * throw postbackFieldError('direction', 'contradicts the signed additional_data');
 * ```
 */
export function postbackFieldError(path: string, message: string): ValidationError {
  return invalid(path, message);
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/**
 * A postback date-time (`YYYY-MM-DD HH:MM:SS`, no offset: the account's time zone applies, reference §6)
 * as an instant, read at `offset` (`+08:00` unless support changed the account's zone).
 *
 * @example
 * ```ts
 * wallClockAt('2024-03-04 10:21:44', '+08:00', 'additional_data.0.activated_datetime'); // 2024-03-04T02:21:44Z
 * ```
 */
export function wallClockAt(text: string, offset: string, path: string): Date {
  const match = WALL_CLOCK.exec(text);
  const instant = match === null ? undefined : new Date(`${match[1]}T${match[2]}${offset}`);
  if (instant === undefined || Number.isNaN(instant.getTime())) {
    throw invalid(path, 'must be a date-time such as 2024-03-04 10:21:44');
  }
  return instant;
}
