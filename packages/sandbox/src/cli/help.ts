/** The `--help` texts of the `tender` command line. */
import { K2_WEBHOOK_TOPICS } from '../webhooks/topics.ts';

/**
 * Help for `tender` itself.
 *
 * @example
 * ```ts
 * io.stdout(MAIN_HELP);
 * ```
 */
export const MAIN_HELP = `Usage: tender <command> [options]

A local Kopo Kopo K2 Connect v2 simulator and webhook tools.

Commands:
  sandbox   run the K2 Connect v2 simulator (and the KTPay simulator) until Ctrl+C
  trigger   send one signed K2 webhook (or a legacy or KTPay notification) to a URL
  sign      print the K2 signature (X-KopoKopo-Signature) of a body

Options:
  -h, --help      show this help
  -v, --version   print the version

Run "tender <command> --help" for a command's options.
`;

/**
 * Help for `tender sandbox`.
 *
 * @example
 * ```ts
 * io.stdout(SANDBOX_HELP);
 * ```
 */
export const SANDBOX_HELP = `Usage: tender sandbox [options]

Runs the K2 Connect v2 and Paykassma KBZPay Manual simulators on 127.0.0.1 and prints their URLs and
credentials, and the KTPay card-widget simulator ten ports above K2 (fintech API, then widget pages; free
ports with --port 0) with its app id, app key and merchant id. Stops on Ctrl+C (SIGINT) or SIGTERM.

While it runs, type a line to send a webhook to the sandbox's own subscriptions (those created with
POST /api/v2/webhook_subscriptions), signed with its API key, with no --to:
  trigger <topic> [--daraja] [--set key=value ...] [--event-id id]

Options:
  --port <n>                port to listen on (default 4010; 0 picks a free port)
  --host <address>          interface to listen on (default 127.0.0.1)
  --callback-delay-ms <n>   time before a request settles and its callback is sent (default 1000)
  --token-ttl-seconds <n>   access-token lifetime (default 3600)
  --client-id <id>          OAuth client id (default: random)
  --client-secret <secret>  OAuth client secret (default: random)
  --api-key <key>           key callbacks and webhooks are signed with (default: random)
  --ktpay-time-scale <x>    multiplies KTPay's callback re-send delays, 15 s to 60 min (default 1)
  --paykassma-port <n>      port of the Paykassma KBZPay simulator (default 4011, a free port when --port is 0)
  --paykassma-postback-url <url>  where the Paykassma simulator posts postbacks (default: none)
  --quiet                   do not print a line per request and delivery
  -h, --help                show this help
`;

/**
 * Help for `tender trigger`.
 *
 * @example
 * ```ts
 * io.stdout(TRIGGER_HELP);
 * ```
 */
export const TRIGGER_HELP = `Usage: tender trigger <topic> --to <url> --api-key <key> [--daraja] [--set key=value ...]
       tender trigger legacy --to <url> [--user <name> --password <password>] [--set field=value ...]
       tender trigger ktwidget --status completed|error|denied --to <url> [--callback-secret <s>] [--set key=value ...]

Sends one webhook with invented, realistic data, signed like K2 signs (HMAC-SHA256 of the body with the
API key, in X-KopoKopo-Signature), and prints the receiver's HTTP status and body. Exits 0 when the
receiver answered 2xx, 1 otherwise.

To send to a running sandbox's own subscriptions instead, type "trigger <topic> ..." where
"tender sandbox" runs (see tender sandbox --help).

Topics:
  ${K2_WEBHOOK_TOPICS.join('\n  ')}
  legacy   (a legacy K2 HTTP POST notification: form fields, HTTP Basic credentials)
  ktwidget (a KTPay card-widget callback: JSON, unsigned; --callback-secret adds the order's URL token)
  paykassma-deposit, paykassma-withdrawal   (a signed Paykassma postback: see tender trigger paykassma-deposit --help)

Options:
  --to <url>            where to send it (required)
  --api-key <key>       the API key to sign with (required for K2 topics)
  --daraja              send the flat Daraja body (buygoods_transaction_received, b2b_transaction_received)
  --set <key=value>     replace a resource field (K2 topics) or a form field (legacy); repeatable;
                        an unknown field is refused
  --event-id <id>       the event's identity (default: fresh): the envelope id, and for transaction
                        topics the transaction id and reference (TransID with --daraja), so the same
                        --event-id sent twice is one event delivered twice, a duplicate to the receiver
  --user <name>         legacy only: HTTP Basic user name
  --password <password> legacy only: HTTP Basic password
  --status <status>     ktwidget only: completed, error or denied (required)
  --callback-secret <s> ktwidget only: the KTWidget callback secret; adds the order's token to --to
                        (--set keys for ktwidget: merchant_id, order_id, amount, transaction_hash,
                        error_type, error_message)
  -h, --help            show this help
`;

/**
 * Help for `tender sign`.
 *
 * @example
 * ```ts
 * io.stdout(SIGN_HELP);
 * ```
 */
export const SIGN_HELP = `Usage: tender sign --api-key <key> [file]

Prints the K2 signature of a body: lowercase hex HMAC-SHA256 of its exact bytes, keyed with the API key.
Reads the file, or standard input when no file is given. Every byte counts: "echo" adds a newline,
use "printf" to sign a body without one.

Options:
  --api-key <key>   the API key (required)
  -h, --help        show this help
`;

/**
 * Help for `tender trigger paykassma-deposit|paykassma-withdrawal`.
 *
 * @example
 * ```ts
 * io.stdout(PAYKASSMA_TRIGGER_HELP);
 * ```
 */
export const PAYKASSMA_TRIGGER_HELP = `Usage: tender trigger paykassma-deposit --to <url> --access-key <key> --private-key <key> [options]
       tender trigger paykassma-withdrawal --to <url> --access-key <key> --private-key <key> [--status 1|5] [options]

Sends one Paykassma KBZPay Manual postback with invented data, signed as Paykassma signs it
(sha1 of access key + private key + md5 of the additional_data JSON), and prints the receiver's HTTP
status and body. Exits 0 when the receiver answered 200 {"status":"ok"}, 1 otherwise.

Options:
  --to <url>             where to send it (required)
  --access-key <key>     the postback access key (required)
  --private-key <key>    the postback private key (required)
  --label <label>        the payer's label (default user-58213)
  --amount <kyat>        whole kyat (default 25000 for a deposit, 45000 for a withdrawal)
  --status <1|5>         withdrawal only: 1 SUCCESS (default) or 5 FAIL
  --set <key=value>      replace a top-level (unsigned) field, or a signed item field as item.<key>; repeatable
  -h, --help             show this help
`;
