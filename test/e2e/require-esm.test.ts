/**
 * What the README promises CommonJS users: every package loads with require() on this Node (require(esm),
 * Node 22.12+), and TypeScript with "module": "nodenext" accepts a CommonJS file importing them.
 * Both use the built packages (dist), as an installed copy would.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..', '..');

describe('require() of the ESM-only packages', () => {
  it('loads every package from CommonJS', async () => {
    const script = `
      const checks = {
        '@tender/core': 'parseMoney',
        '@tender/k2': 'createK2Provider',
        '@tender/k2-legacy': 'createK2LegacySource',
        '@tender/webhooks': 'createRouter',
        '@tender/sandbox': 'startSandbox',
      };
      for (const [name, symbol] of Object.entries(checks)) {
        if (typeof require(name)[symbol] !== 'function') throw new Error(name + ' has no ' + symbol);
      }
      console.log(JSON.stringify(require('@tender/core').parseMoney('250', 'KES')));
    `;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: REPO_ROOT });
    assert.equal(stdout, '{"currency":"KES","minor":25000}\n');
  });

  it('type-checks a CommonJS TypeScript file importing them with "module": "nodenext"', async () => {
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2023',
        '--types',
        'node',
        '--skipLibCheck',
        join('test', 'e2e', 'fixtures', 'require-esm.cts'),
      ],
      { cwd: REPO_ROOT },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error), failed: true }));
    assert.equal('failed' in result, false, result.stdout);
  });
});
