import { type JsonNode, JsonSyntaxError, parseExactJson } from '../json/exact-json.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A body read once: its text and its tree, or why it could not be read. */
export type ReadBody =
  | { readonly ok: true; readonly text: string; readonly tree: JsonNode }
  | { readonly ok: false; readonly reason: string };

// verify() and decode() read the same bytes one after the other: the second reads the first's result.
const cache = new WeakMap<Uint8Array, ReadBody>();

/**
 * The postback's text and exact JSON tree, from the raw bytes the router received (strict UTF-8, nesting
 * bounded). Never throws.
 *
 * @example
 * ```ts
 * const body = readPostbackBody(request.rawBody);
 * if (body.ok) console.log(body.tree.kind); // 'object'
 * ```
 */
export function readPostbackBody(rawBody: Uint8Array): ReadBody {
  const known = cache.get(rawBody);
  if (known !== undefined) return known;
  let read: ReadBody;
  try {
    const text = UTF8.decode(rawBody);
    const tree = parseExactJson(text);
    read =
      tree.kind === 'object'
        ? { ok: true, text, tree }
        : { ok: false, reason: 'the body is not a JSON object' };
  } catch (error) {
    read = {
      ok: false,
      reason:
        error instanceof JsonSyntaxError
          ? `the body is not JSON (${error.message})`
          : 'the body is not UTF-8',
    };
  }
  cache.set(rawBody, read);
  return read;
}
