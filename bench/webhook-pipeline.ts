/**
 * Diagnostic: in-process webhook pipeline throughput on a signed `buygoods_transaction_received` delivery: tender's router through
 * `receive()`, the physical floor (HMAC-SHA256 + constant-time compare + `JSON.parse` on the same bytes) and
 * k2-connect-node 1.3.0's `webhookHandler`. Every round builds fresh deliveries (new event ids, untimed) and
 * hands the same batch to all three. See bench/README.md.
 *
 * @example
 * ```ts
 * const result = await measureWebhookPipeline({ deliveriesPerRound: 1000, warmUpRounds: 10, rounds: 60 });
 * result.ratios.tenderToFloor; // e.g. 0.85
 * ```
 * @module
 */
import { k2FloorAccepts } from './endpoint/providers/k2.ts';
import { type Contender, sampleAlternating } from './support/alternating-rounds.ts';
import { type K2ConnectResponse, loadK2ConnectNode } from './support/k2-connect-node.ts';
import { BENCH_API_KEY, type SignedDelivery, signedBuygoodsDeliveries } from './support/k2-deliveries.ts';
import { ratio, type Summary } from './support/statistics.ts';
import { createTenderWebhookReceiver } from './support/tender-contenders.ts';

/**
 * How much work one webhook measurement does.
 *
 * @example
 * ```ts
 * const options: WebhookPipelineOptions = { deliveriesPerRound: 1000, warmUpRounds: 10, rounds: 60 };
 * ```
 */
export interface WebhookPipelineOptions {
  readonly deliveriesPerRound: number;
  readonly warmUpRounds: number;
  readonly rounds: number;
}

/**
 * Deliveries per second for each contender and the ratios the issue asks for (higher is better for tender).
 *
 * @example
 * ```ts
 * result.contenders.floor.median; // deliveries/s
 * ```
 */
export interface WebhookPipelineResult extends WebhookPipelineOptions {
  readonly unit: 'deliveries/s';
  /** Size of one delivery's body in bytes. */
  readonly bodyBytes: number;
  readonly contenders: { readonly tender: Summary; readonly floor: Summary; readonly k2ConnectNode: Summary };
  readonly ratios: {
    readonly tenderToFloor: number;
    readonly tenderToK2ConnectNode: number;
    readonly k2ConnectNodeToFloor: number;
  };
}

/** Keeps parsed results observable so no engine can drop the work that produced them. */
let observed = 0;

/**
 * The physical floor: what any correct receiver must do at least, the same check as the endpoint's K2
 * floor (`k2FloorAccepts`): HMAC-SHA256 of the raw bytes with the API key, hex-decode the received
 * signature, compare in constant time (after the length check that `timingSafeEqual` needs), then decode
 * and `JSON.parse` the same bytes.
 */
function floorContender(): Contender<readonly SignedDelivery[]> {
  return {
    name: 'floor',
    run(batch) {
      for (const delivery of batch) {
        if (!k2FloorAccepts(delivery.headers, delivery.rawBody)) {
          throw new Error('floor: a bench delivery failed verification');
        }
        observed += 1;
      }
      return batch.length;
    },
  };
}

/**
 * k2-connect-node 1.3.0 as an express app runs it. Per delivery: `JSON.parse` of the bytes (the part of
 * `express.json()` the SDK relies on, since it reads `req.body`), then `webhookHandler(req, res)`, which
 * re-serialises the body with `JSON.stringify`, computes an HMAC-SHA256 hex digest of that, hex-decodes both
 * digests, compares them with `timingSafeEqual`, calls `res.status(200).json()` and resolves a new Promise
 * with the parsed body. It validates nothing and de-duplicates nothing.
 */
function k2ConnectNodeContender(): Contender<readonly SignedDelivery[]> {
  const k2 = loadK2ConnectNode()({
    clientId: 'bench_client_id',
    clientSecret: 'bench_client_secret',
    apiKey: BENCH_API_KEY,
    baseUrl: 'http://127.0.0.1:9',
  });
  let answered = 0;
  const response: K2ConnectResponse = {
    status(code) {
      answered = code;
      return response;
    },
    json() {
      if (answered !== 200) throw new Error('k2-connect-node: a bench delivery failed verification');
    },
  };
  return {
    name: 'k2ConnectNode',
    async run(batch) {
      for (const delivery of batch) {
        const body: unknown = JSON.parse(delivery.rawBody.toString('utf8'));
        const request = { body, get: (name: string) => delivery.headers[name.toLowerCase()] };
        await k2.Webhooks.webhookHandler(request, response);
      }
      return batch.length;
    },
  };
}

/**
 * tender's whole pipeline per delivery through `router.receive()`: the framework-free request is built from
 * the bytes and headers inside the timed loop, as the Node adapter would.
 */
async function tenderContender(): Promise<Contender<readonly SignedDelivery[]>> {
  const receive = await createTenderWebhookReceiver(BENCH_API_KEY);
  return {
    name: 'tender',
    async run(batch) {
      for (const delivery of batch) await receive(delivery);
      return batch.length;
    },
  };
}

/**
 * Runs the webhook measurement.
 *
 * @example
 * ```ts
 * const { contenders } = await measureWebhookPipeline({ deliveriesPerRound: 1000, warmUpRounds: 10, rounds: 60 });
 * ```
 */
export async function measureWebhookPipeline(
  options: WebhookPipelineOptions,
): Promise<WebhookPipelineResult> {
  const contenders = [await tenderContender(), floorContender(), k2ConnectNodeContender()];
  const { summaries } = await sampleAlternating(contenders, {
    warmUpRounds: options.warmUpRounds,
    rounds: options.rounds,
    prepare: () => signedBuygoodsDeliveries(options.deliveriesPerRound),
  });
  if (observed === 0) throw new Error('the floor parsed nothing');
  const tender = summaries.tender!;
  const floor = summaries.floor!;
  const k2ConnectNode = summaries.k2ConnectNode!;
  return {
    ...options,
    unit: 'deliveries/s',
    bodyBytes: signedBuygoodsDeliveries(1)[0]!.rawBody.length,
    contenders: { tender, floor, k2ConnectNode },
    ratios: {
      tenderToFloor: ratio(tender.median, floor.median),
      tenderToK2ConnectNode: ratio(tender.median, k2ConnectNode.median),
      k2ConnectNodeToFloor: ratio(k2ConnectNode.median, floor.median),
    },
  };
}
