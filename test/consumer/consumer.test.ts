/**
 * The consumer check: what a user installs from the registry must work on its own. Every package is packed
 * with pnpm, the tarballs are installed into a temporary project outside the workspace, each package is
 * imported by plain `node` (no tsx, no source condition) and a consumer file is type-checked against the
 * published declarations.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const packages = [
  'core',
  'k2',
  'k2-legacy',
  'ktwidget',
  'paykassma',
  'webhooks',
  'store-postgres',
  'store-redis',
  'sandbox',
];

/** pnpm as the test was started with it (`pnpm test` sets npm_execpath), else the pinned version via npx. */
function pnpm(args: string[], cwd: string) {
  const execPath = process.env.npm_execpath;
  if (execPath?.includes('pnpm')) return run(process.execPath, [execPath, ...args], { cwd });
  return run('npx', ['--yes', 'pnpm@10.34.9', ...args], { cwd });
}

describe('consumer check: packed packages in a fresh project', { timeout: 240_000 }, () => {
  let project = '';

  before(async () => {
    for (const name of packages) {
      assert.ok(
        existsSync(join(root, 'packages', name, 'dist', 'index.js')),
        `packages/${name}/dist is missing: run "pnpm build" first (pnpm test does)`,
      );
    }
    project = await mkdtemp(join(tmpdir(), 'tender-consumer-'));
    const tarballs = join(project, 'tarballs');
    for (const name of packages) {
      await pnpm(['pack', '--pack-destination', tarballs], join(root, 'packages', name));
    }
    const files = await readdir(tarballs);
    const tarballOf = (name: string) => {
      const file = files.find((candidate) => candidate.startsWith(`tender-${name}-`));
      assert.ok(file, `no tarball for @tender/${name} in ${files.join(', ')}`);
      return `file:${join(tarballs, file)}`;
    };
    const dependencies = Object.fromEntries(packages.map((name) => [`@tender/${name}`, tarballOf(name)]));
    const manifest = {
      name: 'tender-consumer',
      private: true,
      type: 'module',
      dependencies,
      // The packed packages name each other by version; point those names at the tarballs, not the registry.
      pnpm: { overrides: dependencies },
    };
    await writeFile(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
    await cp(join(import.meta.dirname, 'fixture'), project, { recursive: true });
    await pnpm(
      ['install', '--prefer-offline', '--ignore-workspace', '--config.confirmModulesPurge=false'],
      project,
    );
  });

  after(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('imports every package with plain node and finds the public API', async () => {
    const { stdout } = await run(process.execPath, ['import-all.mjs'], { cwd: project });
    const report = JSON.parse(stdout) as Record<string, string[]>;
    for (const name of packages) assert.ok((report[`@tender/${name}`]?.length ?? 0) > 0, `@tender/${name}`);
    assert.ok(report['@tender/core']?.includes('parseMoney'));
    assert.ok(report['@tender/core']?.includes('createHttpClient'));
    assert.ok(report['@tender/k2']?.includes('createK2Provider'));
    assert.ok(report['@tender/k2']?.includes('createK2WebhookSource'));
    assert.ok(report['@tender/k2-legacy']?.includes('createK2LegacySource'));
    assert.ok(report['@tender/paykassma']?.includes('createPaykassmaProvider'));
    assert.ok(report['@tender/paykassma']?.includes('createPaykassmaSource'));
    assert.ok(report['@tender/webhooks']?.includes('createRouter'));
    assert.ok(report['@tender/sandbox']?.includes('startSandbox'));
    assert.ok(report['@tender/ktwidget']?.includes('createKtwidgetProvider'));
    assert.ok(report['@tender/ktwidget']?.includes('createKtwidgetSource'));
    assert.ok(report['@tender/ktwidget/browser']?.includes('openKtwidget'));
    assert.ok(report['@tender/sandbox']?.includes('startKtpaySimulator'));
    assert.ok(report['@tender/store-postgres']?.includes('createPostgresStore'));
    assert.ok(report['@tender/store-redis']?.includes('createRedisStore'));
  });

  it('runs a consumer program on the published build', async () => {
    const { stdout } = await run(process.execPath, ['program.mjs'], { cwd: project });
    assert.match(stdout, /KES 1500\.50/);
    assert.match(stdout, /UnsupportedOperationError/);
    assert.match(stdout, /ktwidget payment\.succeeded KZT 4990\.00/);
  });

  it('type-checks a consumer file against the published declarations', async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const typeRoots = join(root, 'node_modules', '@types');
    await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--typeRoots', typeRoots], {
      cwd: project,
    }).catch((error: { stdout?: string }) => assert.fail(`tsc failed:\n${error.stdout ?? String(error)}`));
  });
});
