import type { JsonValue } from '../contract.ts';

/**
 * The string `key` of a store's prepared configuration (an object), or an error naming the store.
 *
 * @example
 * ```ts
 * configString({ url: 'redis://127.0.0.1:6379' }, 'url', 'redis'); // 'redis://127.0.0.1:6379'
 * ```
 */
export function configString(config: JsonValue, key: string, store: string): string {
  const value =
    typeof config === 'object' && config !== null && !Array.isArray(config) ? config[key] : undefined;
  if (typeof value !== 'string') throw new Error(`the ${store} store needs { ${key} } in its configuration`);
  return value;
}
