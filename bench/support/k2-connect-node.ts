import { createRequire } from 'node:module';

/**
 * The express-like request k2-connect-node's `webhookHandler` reads: the parsed body (`req.body`, as
 * `express.json()` leaves it) and `req.get(name)` for the signature header.
 *
 * @example
 * ```ts
 * const req: K2ConnectRequest = { body: JSON.parse(text), get: (name) => headers[name.toLowerCase()] };
 * ```
 */
export interface K2ConnectRequest {
  readonly body: unknown;
  get(name: string): string | undefined;
}

/**
 * The express-like response `webhookHandler` writes to: `res.status(code).json()`.
 *
 * @example
 * ```ts
 * const res: K2ConnectResponse = { status: () => res, json: () => undefined };
 * ```
 */
export interface K2ConnectResponse {
  status(code: number): K2ConnectResponse;
  json(body?: unknown): void;
}

/**
 * What the bench uses of a `K2(options)` instance from k2-connect-node 1.3.0 (the package ships no types).
 *
 * @example
 * ```ts
 * const k2 = loadK2ConnectNode()({ clientId, clientSecret, apiKey, baseUrl });
 * await k2.TokenService.getToken();
 * ```
 */
export interface K2ConnectInstance {
  readonly Webhooks: { webhookHandler(req: K2ConnectRequest, res: K2ConnectResponse): Promise<unknown> };
  readonly TokenService: { getToken(): Promise<{ access_token: string }> };
  readonly StkService: { initiateIncomingPayment(options: K2ConnectStkOptions): Promise<string> };
}

/**
 * The options of k2-connect-node's `StkService.initiateIncomingPayment` (lib/stk.js); the access token is
 * passed on every call, the SDK keeps none.
 *
 * @example
 * ```ts
 * await k2.StkService.initiateIncomingPayment({ paymentChannel: 'M-PESA STK Push', tillNumber: 'K776655', ... });
 * ```
 */
export interface K2ConnectStkOptions {
  readonly paymentChannel: string;
  readonly tillNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber: string;
  readonly email: string;
  readonly currency: string;
  readonly amount: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly callbackUrl: string;
  readonly accessToken: string;
}

/**
 * The options `K2(options)` requires (lib/index.js validates all four).
 *
 * @example
 * ```ts
 * const options: K2ConnectOptions = { clientId: 'id', clientSecret: 'secret', apiKey: 'key', baseUrl: 'http://127.0.0.1:8080' };
 * ```
 */
export interface K2ConnectOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string;
  readonly baseUrl: string;
}

/**
 * Loads k2-connect-node 1.3.0 (CommonJS, untyped) from the bench's dev dependencies.
 *
 * @example
 * ```ts
 * const K2 = loadK2ConnectNode();
 * ```
 */
export function loadK2ConnectNode(): (options: K2ConnectOptions) => K2ConnectInstance {
  const require = createRequire(import.meta.url);
  return require('k2-connect-node') as (options: K2ConnectOptions) => K2ConnectInstance;
}
