/**
 * The KTPay simulator's widget pages: the card form at `/payment-card?hash=…` and the result page after
 * paying. Like the real widget they talk to the merchant page only through `postMessage` strings: `close`
 * from the × button, and the merchant's redirect URL from "Continue" (or at once for a `callback_force_*`
 * URL). Opened as a whole page instead of in a frame, they navigate themselves.
 */
import { KTPAY_TEST_CARDS } from './test-cards.ts';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function html(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A string literal safe inside an inline script. */
function scriptString(text: string): string {
  return JSON.stringify(text)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ');
}

const STYLE = `body{font:16px/1.4 system-ui,sans-serif;margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:rgba(20,24,40,.55)}
main{background:#fff;border-radius:.75rem;padding:1.5rem;width:min(24rem,90vw);position:relative}
label{display:block;margin:.6rem 0 .2rem}input{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}
button{font:inherit;padding:.6rem 1rem;margin-top:1rem}#close{position:absolute;top:.4rem;right:.6rem;margin:0;background:none;border:0;font-size:1.4rem}
.error{color:#b00020}small{color:#555}`;

const SEND = `function send(message){if(window.parent!==window){window.parent.postMessage(message,'*')}else if(message!=='close'){window.location.href=message}}`;

function layout(title: string, body: string, showClose: boolean, script = ''): string {
  const close = showClose
    ? `<button id="close" type="button" aria-label="Close" onclick="send('close')">×</button>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style>
<script>${SEND}${script}</script></head><body><main>${close}${body}</main></body></html>`;
}

/**
 * What a page shows about the transaction.
 *
 * @example
 * ```ts
 * const shown: PageTransaction = { hash, amount: 1000, description: 'Order 1', showCloseButton: true };
 * ```
 */
export interface PageTransaction {
  readonly hash: string;
  readonly amount: number;
  readonly description: string | undefined;
  readonly showCloseButton: boolean;
}

/**
 * The card form.
 *
 * @example
 * ```ts
 * response.end(cardFormPage(transaction));
 * ```
 */
export function cardFormPage(transaction: PageTransaction, problem?: string): string {
  const amount = transaction.amount.toFixed(2);
  const description = transaction.description ? `<p>${html(transaction.description)}</p>` : '';
  const error = problem === undefined ? '' : `<p class="error" role="alert">${html(problem)}</p>`;
  return layout(
    'KTPay test card payment',
    `<h1>Pay ${html(amount)} KZT</h1>${description}${error}
<form method="post" action="/payment-card/pay">
<input type="hidden" name="hash" value="${html(transaction.hash)}">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required>
<label for="expiry">Expiry (MM/YY)</label><input id="expiry" name="expiry" value="12/30" autocomplete="cc-exp">
<label for="cvc">CVC</label><input id="cvc" name="cvc" value="123" autocomplete="cc-csc">
<button id="pay" type="submit">Pay</button></form>
<small>Test cards: ${KTPAY_TEST_CARDS.completed} paid, ${KTPAY_TEST_CARDS.declined} declined by the bank,
${KTPAY_TEST_CARDS.denied} denied, ${KTPAY_TEST_CARDS.inputError} input error.</small>`,
    transaction.showCloseButton,
  );
}

/**
 * The result page: a receipt or an error, "Continue" to the merchant's URL (none: the widget's own page
 * stays), or an immediate redirect for a force URL.
 *
 * @example
 * ```ts
 * response.end(resultPage(transaction, true, 'https://shop.example.kz/ok', undefined));
 * ```
 */
export function resultPage(
  transaction: PageTransaction,
  paid: boolean,
  continueUrl: string | undefined,
  forceUrl: string | undefined,
): string {
  const heading = paid ? 'Payment successful' : 'Payment failed';
  const detail = paid
    ? `<p>${html(transaction.amount.toFixed(2))} KZT paid. Transaction ${html(transaction.hash)}.</p>`
    : '<p>The payment did not go through. No money was taken.</p>';
  const next =
    continueUrl === undefined
      ? ''
      : `<button id="continue" type="button" onclick="send(${html(scriptString(continueUrl))})">Continue</button>`;
  const script = forceUrl === undefined ? '' : `send(${scriptString(forceUrl)});`;
  return layout(
    heading,
    `<h1 id="result">${heading}</h1>${detail}${next}`,
    transaction.showCloseButton,
    script,
  );
}

/**
 * The page for an unknown or finished transaction.
 *
 * @example
 * ```ts
 * response.end(notFoundPage());
 * ```
 */
export function notFoundPage(): string {
  return layout('Transaction not found', '<h1>Transaction not found</h1>', false);
}
