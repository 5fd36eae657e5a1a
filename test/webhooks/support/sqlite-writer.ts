// A process that claims and completes events in an SQLite store as fast as it can, and writes each id to
// stdout once its completion has returned (a pipe write is synchronous on Linux: the line is out when it
// returns). The test kills it with SIGKILL mid-stream and checks what the file kept.
import { createSqliteStore } from '@tender/webhooks';

const filename = process.argv[2];
if (filename === undefined) throw new Error('usage: sqlite-writer.ts <file>');
const store = createSqliteStore({ filename });
for (let index = 0; index < 1_000_000; index += 1) {
  const id = `k2:killed:${index}`;
  const claim = await store.claim(id, 60_000);
  if (claim.status !== 'claimed') throw new Error(`${id} was not claimed`);
  await store.complete(id, { kind: 'accepted' }, 86_400_000, claim.token);
  process.stdout.write(`${id}\n`);
}
