import type { RequestListener } from 'node:http';
import type { ProviderFloor, ServerContext } from './contract.ts';

/** The same limit as tender's default `maxBodyBytes`: a receiver that reads without one is not correct. */
const MAX_BODY_BYTES = 1_048_576;

/**
 * The floor server's request listener on `node:http`: read the body (refusing more than 1 MiB with 413, as
 * tender does by default), run the provider's bare check and parse, and answer 200 with the provider's
 * answer, or 401. Nothing else: no routing, no validation, no de-duplication.
 *
 * @example
 * ```ts
 * createServer(floorListener(k2Provider.floor, { accepted: () => undefined })).listen(0, '127.0.0.1');
 * ```
 */
export function floorListener(floor: ProviderFloor, context: ServerContext): RequestListener {
  const answer = Buffer.from(floor.answer, 'utf8');
  const okHeaders = { 'content-type': 'application/json', 'content-length': String(answer.length) };
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { connection: 'close', 'content-length': '0' }).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const rawBody = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      let accepted = false;
      try {
        accepted = floor.accepts(req.headers, rawBody, req.url ?? '/');
      } catch {
        accepted = false;
      }
      if (!accepted) {
        res.writeHead(401, { 'content-length': '0' }).end();
        return;
      }
      context.accepted();
      res.writeHead(200, okHeaders).end(answer);
    });
  };
}
