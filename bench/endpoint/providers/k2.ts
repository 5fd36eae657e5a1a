import { createHmac, timingSafeEqual } from 'node:crypto';
import { createK2WebhookSource } from '@tender/k2';
import { loadK2ConnectNode } from '../../support/k2-connect-node.ts';
import { BENCH_API_KEY, signedBuygoodsDelivery, WEBHOOK_PATH } from '../../support/k2-deliveries.ts';
import type { BenchDelivery, ProviderFloor, RivalContender, WebhookProviderBench } from '../contract.ts';

/** The header K2 signs with (reference §4.1); Node hands header names over in lower case. */
const SIGNATURE_HEADER = 'x-kopokopo-signature';

/**
 * The K2 floor's check: HMAC-SHA256 of the raw bytes with the API key, the received hex signature decoded,
 * a length check and `timingSafeEqual`, then `JSON.parse` of the same bytes. Shared by the endpoint floor
 * and the in-process diagnostic, so both floors do the same work.
 *
 * @example
 * ```ts
 * k2FloorAccepts(delivery.headers, delivery.rawBody); // true for a well-signed delivery
 * ```
 */
export function k2FloorAccepts(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  rawBody: Buffer,
): boolean {
  const header = headers[SIGNATURE_HEADER];
  if (typeof header !== 'string') return false;
  const expected = createHmac('sha256', BENCH_API_KEY).update(rawBody).digest();
  const received = Buffer.from(header, 'hex');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return false;
  const payload = JSON.parse(rawBody.toString('utf8')) as { id?: unknown };
  return typeof payload.id === 'string';
}

const floor: ProviderFloor = { accepts: k2FloorAccepts, answer: '{"status":"received"}' };

/**
 * k2-connect-node 1.3.0 as its README wires it into an app: Express 5 with `express.json()`, and
 * `Webhooks.webhookHandler(req, res)` in the route, which re-serialises `req.body`, checks the HMAC of that
 * string, answers `res.status(200).json()` and resolves with the body.
 */
const k2ConnectNode: RivalContender = {
  name: 'k2ConnectNode',
  label: 'k2-connect-node 1.3.0 + Express 5',
  async listener(context) {
    const { default: express } = await import('express');
    const k2 = loadK2ConnectNode()({
      clientId: 'bench_client_id',
      clientSecret: 'bench_client_secret',
      apiKey: BENCH_API_KEY,
      baseUrl: 'http://127.0.0.1:9',
    });
    const app = express();
    app.use(express.json());
    app.post(WEBHOOK_PATH, (req, res) => {
      k2.Webhooks.webhookHandler(req, res).then(
        () => context.accepted(),
        () => undefined,
      );
    });
    return app;
  },
};

function withoutContentLength(delivery: BenchDelivery): BenchDelivery {
  const { 'content-length': _length, ...headers } = delivery.headers;
  return { rawBody: delivery.rawBody, headers };
}

/**
 * K2 Connect v2 webhooks: a signed `buygoods_transaction_received` event (about 0.8 KB of compact JSON,
 * HMAC-SHA256 hex in `X-KopoKopo-Signature`), each with a new event id.
 *
 * @example
 * ```ts
 * k2Provider.deliveries(2)[0].headers['x-kopokopo-signature'];
 * ```
 */
export const k2Provider: WebhookProviderBench = {
  name: 'k2',
  label: 'K2 buygoods_transaction_received (JSON, HMAC-SHA256)',
  path: WEBHOOK_PATH,
  deliveries: (count) => Array.from({ length: count }, () => withoutContentLength(signedBuygoodsDelivery())),
  tenderSource: () => createK2WebhookSource({ apiKeys: BENCH_API_KEY }),
  floor,
  rivals: [k2ConnectNode],
};
