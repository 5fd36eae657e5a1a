/** `tender --version`: the version of the @tender/sandbox package this command line belongs to. */
import { readFileSync } from 'node:fs';

/**
 * The `version` of @tender/sandbox's package.json. Both `src/cli/` and the built `dist/cli/` sit two
 * levels below the package root, so one relative URL serves the sources and the build.
 *
 * @example
 * ```ts
 * cliVersion(); // '0.1.0'
 * ```
 */
export function cliVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = (manifest as { version?: unknown } | null)?.version;
  return typeof version === 'string' ? version : 'unknown';
}
