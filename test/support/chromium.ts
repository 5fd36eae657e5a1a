// Locates and launches the headless Chromium that page tests drive through playwright-core.
// The test command installs Debian's `chromium` when it is missing (scripts/run-tests.ts); a user with a
// browser elsewhere points TENDER_TEST_CHROMIUM at it. A missing browser fails the suite loudly: never skipped.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const KNOWN_LOCATIONS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** The Chromium binary page tests use: TENDER_TEST_CHROMIUM, else Debian's install location. */
export function chromiumPath(): string {
  const fromEnv = process.env.TENDER_TEST_CHROMIUM;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv))
      throw new Error(`TENDER_TEST_CHROMIUM points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const found = KNOWN_LOCATIONS.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      'No Chromium found: install Debian\'s "chromium" package (apt-get install chromium) or set TENDER_TEST_CHROMIUM',
    );
  }
  return found;
}

/**
 * Starts a headless Chromium with no network of its own beyond 127.0.0.1. The background-networking flags
 * matter on this closed network: without them Chromium opens connections that are refused many at a time.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
