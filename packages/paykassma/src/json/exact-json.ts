/**
 * A JSON reader that keeps what `JSON.parse` loses: the source order of every object key (JSON.parse puts
 * integer-like keys first) and the exact text of every number (`10.0` stays `10.0`, a 20-digit id stays
 * 20 digits). Postback signatures are computed over PHP's re-serialisation of a list, and amounts must be
 * read without a float, so both need the source text.
 *
 * It runs in one pass over the text with an explicit stack (no recursion), bounded in depth, so a hostile
 * body costs linear time and constant stack.
 */

/**
 * A parsed value and where it sits in the source text (`start` inclusive, `end` exclusive). Numbers keep
 * their text; objects keep their entries in source order.
 *
 * @example
 * ```ts
 * const node: JsonNode = parseExactJson('10.0'); // { kind: 'number', text: '10.0', start: 0, end: 4 }
 * ```
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly entries: JsonEntry[]; readonly start: number; end: number }
  | { readonly kind: 'array'; readonly items: JsonNode[]; readonly start: number; end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly text: string; readonly start: number; readonly end: number }
  | {
      readonly kind: 'literal';
      readonly value: boolean | null;
      readonly start: number;
      readonly end: number;
    };

/**
 * One `"key": value` pair of an object, in source order.
 *
 * @example
 * ```ts
 * const node = parseExactJson('{"2":"b","1":"a"}');
 * if (node.kind === 'object') node.entries.map((entry: JsonEntry) => entry.key); // ['2', '1']
 * ```
 */
export interface JsonEntry {
  readonly key: string;
  readonly value: JsonNode;
}

type Container = Extract<JsonNode, { kind: 'object' | 'array' }>;

/**
 * Why a text is not JSON, with the offset where reading stopped.
 *
 * @example
 * ```ts
 * try { parseExactJson('[1,]'); } catch (error) { if (error instanceof JsonSyntaxError) console.log(error.offset); }
 * ```
 */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Parses `text` as one JSON value. Throws {@link JsonSyntaxError} for anything that is not JSON, or nests
 * deeper than `maxDepth` objects and arrays.
 *
 * @example
 * ```ts
 * const node = parseExactJson('{"2":"b","1":10.0}');
 * node.kind === 'object' && node.entries.map((entry) => entry.key); // ['2', '1']
 * ```
 */
export function parseExactJson(text: string, maxDepth = 32): JsonNode {
  const stack: Container[] = [];
  let position = 0;
  let root: JsonNode | undefined;
  /** The key read for the next value of the object on top of the stack. */
  let pendingKey: string | undefined;

  const skipWhitespace = () => {
    while (position < text.length && WHITESPACE.has(text[position] as string)) position += 1;
  };

  const readString = (): { value: string; start: number; end: number } => {
    const start = position;
    position += 1;
    let value = '';
    let chunkStart = position;
    for (;;) {
      if (position >= text.length) throw new JsonSyntaxError('unterminated string', start);
      const code = text.charCodeAt(position);
      if (code === 0x22) {
        value += text.slice(chunkStart, position);
        position += 1;
        return { value, start, end: position };
      }
      if (code < 0x20) throw new JsonSyntaxError('control character in string', position);
      if (code !== 0x5c) {
        position += 1;
        continue;
      }
      value += text.slice(chunkStart, position);
      const escaped = text[position + 1] ?? '';
      if (escaped === 'u') {
        const hex = text.slice(position + 2, position + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('bad \\u escape', position);
        value += String.fromCharCode(Number.parseInt(hex, 16));
        position += 6;
      } else {
        const replacement = ESCAPES[escaped];
        if (replacement === undefined) throw new JsonSyntaxError('bad escape', position);
        value += replacement;
        position += 2;
      }
      chunkStart = position;
    }
  };

  const attach = (node: JsonNode) => {
    const parent = stack.at(-1);
    if (parent === undefined) {
      root = node;
    } else if (parent.kind === 'array') {
      parent.items.push(node);
    } else {
      parent.entries.push({ key: pendingKey as string, value: node });
      pendingKey = undefined;
    }
  };

  /** Reads one value, or opens a container (its members are read by the loop below). */
  const readValue = () => {
    skipWhitespace();
    const start = position;
    const char = text[position];
    if (char === '{' || char === '[') {
      if (stack.length >= maxDepth) throw new JsonSyntaxError(`nested deeper than ${maxDepth}`, position);
      position += 1;
      const node: Container =
        char === '{'
          ? { kind: 'object', entries: [], start, end: -1 }
          : { kind: 'array', items: [], start, end: -1 };
      attach(node);
      stack.push(node);
      return;
    }
    if (char === '"') {
      const { value, end } = readString();
      attach({ kind: 'string', value, start, end });
      return;
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, position)) {
        position += word.length;
        attach({ kind: 'literal', value, start, end: position });
        return;
      }
    }
    NUMBER.lastIndex = position;
    const match = NUMBER.exec(text);
    if (match === null) throw new JsonSyntaxError('unexpected character', position);
    position += match[0].length;
    attach({ kind: 'number', text: match[0], start, end: position });
  };

  const readKey = () => {
    skipWhitespace();
    if (text[position] !== '"') throw new JsonSyntaxError('expected a key', position);
    pendingKey = readString().value;
    skipWhitespace();
    if (text[position] !== ':') throw new JsonSyntaxError("expected ':'", position);
    position += 1;
  };

  readValue();
  while (stack.length > 0) {
    const top = stack.at(-1) as Container;
    skipWhitespace();
    const char = text[position];
    const closing = top.kind === 'object' ? '}' : ']';
    const count = top.kind === 'object' ? top.entries.length : top.items.length;
    if (char === closing) {
      position += 1;
      top.end = position;
      stack.pop();
      continue;
    }
    if (count > 0) {
      if (char !== ',') throw new JsonSyntaxError(`expected ',' or '${closing}'`, position);
      position += 1;
    }
    if (top.kind === 'object') readKey();
    readValue();
  }
  skipWhitespace();
  if (root === undefined || position !== text.length) {
    throw new JsonSyntaxError('unexpected text after the value', position);
  }
  return root;
}

/**
 * The last value of `key` in an object node (PHP and JSON.parse both keep the last of duplicate keys), or
 * `undefined` when the node is not an object or has no such key.
 *
 * @example
 * ```ts
 * member(parseExactJson('{"a":1}'), 'a'); // { kind: 'number', text: '1', ... }
 * ```
 */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let index = node.entries.length - 1; index >= 0; index -= 1) {
    const entry = node.entries[index] as JsonEntry;
    if (entry.key === key) return entry.value;
  }
  return undefined;
}
