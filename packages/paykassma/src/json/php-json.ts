import type { JsonNode } from './exact-json.ts';

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
  // PHP escapes the two JavaScript line terminators even with JSON_UNESCAPED_UNICODE.
  8232: '\\u2028',
  8233: '\\u2029',
};

/**
 * A string as PHP's `json_encode(..., JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE)` writes it: `/` and
 * non-ASCII characters raw, quotes, backslashes and control characters escaped (lower-case hex, as PHP).
 *
 * @example
 * ```ts
 * phpJsonString('тест/ok'); // '"тест/ok"'
 * ```
 */
export function phpJsonString(value: string): string {
  let out = '"';
  let chunkStart = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    const escaped =
      SHORT_ESCAPES[code] ?? (code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : undefined);
    if (escaped === undefined) continue;
    out += value.slice(chunkStart, index) + escaped;
    chunkStart = index + 1;
  }
  return `${out}${value.slice(chunkStart)}"`;
}

/**
 * The compact JSON PHP (Laravel's `toJson(JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE)`) writes for a
 * value read with {@link parseExactJson}: no whitespace, keys in source order, numbers spelled as they were
 * received (PHP keeps `10.0` as `10.0`; a float re-serialised by JavaScript would be `10`). Iterative, so a
 * deep value costs no stack.
 *
 * @example
 * ```ts
 * phpJson(parseExactJson('[ {"amount": "25000", "2": 10.0} ]')); // '[{"amount":"25000","2":10.0}]'
 * ```
 */
export function phpJson(node: JsonNode): string {
  const parts: string[] = [];
  const work: (JsonNode | string)[] = [node];
  while (work.length > 0) {
    const item = work.pop() as JsonNode | string;
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    switch (item.kind) {
      case 'string':
        parts.push(phpJsonString(item.value));
        break;
      case 'number':
        parts.push(item.text);
        break;
      case 'literal':
        parts.push(String(item.value));
        break;
      case 'array':
        parts.push('[');
        work.push(']');
        for (let index = item.items.length - 1; index >= 0; index -= 1) {
          work.push(item.items[index] as JsonNode);
          if (index > 0) work.push(',');
        }
        break;
      case 'object':
        parts.push('{');
        work.push('}');
        for (let index = item.entries.length - 1; index >= 0; index -= 1) {
          const entry = item.entries[index];
          if (entry === undefined) continue;
          work.push(entry.value);
          work.push(`${index > 0 ? ',' : ''}${phpJsonString(entry.key)}:`);
        }
        break;
    }
  }
  return parts.join('');
}
