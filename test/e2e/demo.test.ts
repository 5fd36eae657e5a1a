import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

describe('pnpm demo', () => {
  it('runs every step against the sandbox and exits 0 on its own', { timeout: 60_000 }, async () => {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=tender-source', '--import', 'tsx', 'examples/demo.ts'],
      { cwd: root, timeout: 60_000 },
    );
    for (const expected of [
      /event payment\.succeeded .*KES 250\.00/,
      /event payment\.failed .*reason "Request cancelled by user"/,
      /event payout\.succeeded .*KES 1500\.00/,
      /event reversal\.succeeded/,
      /after cancel, status\(\) says: cancelled/,
      /router answered 200/,
      /handlers not run twice/,
      /router answered 200 \{"status":"01","description":"Accepted"\}/,
      /event payment\.succeeded .*KZT 4990\.00/,
      /event payment\.failed .*KZT 1250\.50 .*reason "ERROR_PAYMENT: Payment declined by the acquirer"/,
      /show the payer: pay to KBZPay 09\d{9}/,
      /event payment\.succeeded .*MMK 25000\.00/,
      /event payout\.succeeded .*MMK 45000\.00/,
      /event payout\.failed .*MMK 45000\.00 .*reason "Paykassma rejected the withdrawal/,
      /the demo is complete/,
    ]) {
      assert.match(stdout, expected);
    }
  });
});
