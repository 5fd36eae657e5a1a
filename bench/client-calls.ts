/**
 * Client call overhead: sequential STK push requests against one local K2 stand-in on 127.0.0.1 (its own
 * process), through @tender/k2, through a hand-written `fetch` POST of the same body, and through
 * k2-connect-node 1.3.0. Every contender holds a warm token before the clock starts, so a call is one
 * HTTP round trip plus the library's own work. See bench/README.md.
 *
 * @example
 * ```ts
 * const result = await measureClientCalls({ callsPerRound: 200, warmUpRounds: 4, rounds: 20 });
 * result.ratios.tenderToRawFetch; // e.g. 0.97
 * ```
 * @module
 */
import {
  type KtwidgetCallsOptions,
  type KtwidgetCallsResult,
  measureKtwidgetCalls,
} from './ktwidget-calls.ts';
import { type Contender, sampleAlternating } from './support/alternating-rounds.ts';
import { loadK2ConnectNode } from './support/k2-connect-node.ts';
import { spawnLocalK2Server } from './support/spawn-local-k2-server.ts';
import { ratio, type Summary } from './support/statistics.ts';
import { STK_PUSH, stkPushWireBody } from './support/stk-request.ts';
import { createTenderStkPush } from './support/tender-contenders.ts';

/**
 * How much work one client-call measurement does.
 *
 * @example
 * ```ts
 * const options: ClientCallsOptions = { callsPerRound: 200, warmUpRounds: 4, rounds: 20, ktwidget: { callsPerRound: 50, warmUpRounds: 2, rounds: 10 } };
 * ```
 */
export interface ClientCallsOptions {
  readonly callsPerRound: number;
  readonly warmUpRounds: number;
  readonly rounds: number;
  /** KTWidget transaction creation against the same stand-in (bench/ktwidget-calls.ts). */
  readonly ktwidget: KtwidgetCallsOptions;
}

/**
 * Calls per second for each contender, and the ratios the issue asks for (higher is better for tender).
 *
 * @example
 * ```ts
 * result.contenders.tender.median; // calls/s
 * ```
 */
export interface ClientCallsResult extends ClientCallsOptions {
  readonly unit: 'calls/s';
  readonly contenders: {
    readonly tender: Summary;
    readonly rawFetch: Summary;
    readonly k2ConnectNode: Summary;
  };
  readonly ratios: {
    readonly tenderToRawFetch: number;
    readonly tenderToK2ConnectNode: number;
    readonly k2ConnectNodeToRawFetch: number;
  };
  /** KTWidget creation: tender's `createTransaction` against libsodium + `fetch` by hand. */
  readonly ktwidget: KtwidgetCallsResult;
}

const CLIENT_ID = 'bench_client_id';
const CLIENT_SECRET = 'bench_client_secret';
const API_KEY = 'bench_api_key';

/** One STK push; resolves to the `Location` of the created payment request. */
type StkPush = () => Promise<string>;

function sequentialCalls(name: string, call: StkPush): Contender<number> {
  return {
    name,
    async run(calls) {
      for (let index = 0; index < calls; index += 1) {
        const location = await call();
        if (location.length === 0) throw new Error(`${name}: the STK push answered without a Location`);
      }
      return calls;
    },
  };
}

async function fetchToken(origin: string): Promise<string> {
  const response = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_type: 'client_credentials',
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/**
 * The least code that sends the same STK push: one `fetch` with the body serialised from the same object,
 * the response drained, the `Location` read and the status checked.
 */
function rawFetchStkPush(origin: string, token: string): StkPush {
  const url = `${origin}/api/v2/incoming_payments`;
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(stkPushWireBody()),
    });
    await response.text();
    if (response.status !== 201) throw new Error(`raw fetch: unexpected status ${response.status}`);
    return response.headers.get('location') ?? '';
  };
}

/**
 * k2-connect-node 1.3.0: `StkService.initiateIncomingPayment` validates the options with validate.js, builds
 * the body and posts it with axios (Node `http` adapter) to `<baseUrl>/api/v1/incoming_payments`. The SDK
 * keeps no token: the caller passes `accessToken` on every call, so the token fetched once before timing is
 * simply reused.
 */
async function k2ConnectNodeStkPush(origin: string): Promise<StkPush> {
  const k2 = loadK2ConnectNode()({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    apiKey: API_KEY,
    baseUrl: origin,
  });
  const { access_token: accessToken } = await k2.TokenService.getToken();
  return () =>
    k2.StkService.initiateIncomingPayment({
      paymentChannel: STK_PUSH.paymentChannel,
      tillNumber: STK_PUSH.tillNumber,
      firstName: STK_PUSH.firstName,
      lastName: STK_PUSH.lastName,
      phoneNumber: STK_PUSH.phone,
      email: STK_PUSH.email,
      currency: STK_PUSH.currency,
      amount: STK_PUSH.amount,
      metadata: STK_PUSH.metadata,
      callbackUrl: STK_PUSH.callbackUrl,
      accessToken,
    });
}

/**
 * Runs the client-call measurement and stops the local server afterwards.
 *
 * @example
 * ```ts
 * const { contenders } = await measureClientCalls({ callsPerRound: 200, warmUpRounds: 4, rounds: 20 });
 * ```
 */
export async function measureClientCalls(options: ClientCallsOptions): Promise<ClientCallsResult> {
  const server = await spawnLocalK2Server();
  try {
    const contenders = [
      sequentialCalls(
        'tender',
        await createTenderStkPush({
          baseUrl: server.origin,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
        }),
      ),
      sequentialCalls('rawFetch', rawFetchStkPush(server.origin, await fetchToken(server.origin))),
      sequentialCalls('k2ConnectNode', await k2ConnectNodeStkPush(server.origin)),
    ];
    const { summaries } = await sampleAlternating(contenders, {
      warmUpRounds: options.warmUpRounds,
      rounds: options.rounds,
      prepare: () => options.callsPerRound,
    });
    const tender = summaries.tender!;
    const rawFetch = summaries.rawFetch!;
    const k2ConnectNode = summaries.k2ConnectNode!;
    const ktwidget = await measureKtwidgetCalls(server.origin, options.ktwidget);
    return {
      ...options,
      unit: 'calls/s',
      contenders: { tender, rawFetch, k2ConnectNode },
      ratios: {
        tenderToRawFetch: ratio(tender.median, rawFetch.median),
        tenderToK2ConnectNode: ratio(tender.median, k2ConnectNode.median),
        k2ConnectNodeToRawFetch: ratio(k2ConnectNode.median, rawFetch.median),
      },
      ktwidget,
    };
  } finally {
    await server.stop();
  }
}
