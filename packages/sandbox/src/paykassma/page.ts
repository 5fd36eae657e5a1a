/**
 * The payment window at the simulator's plugin host (reference §4): a real HTML page that shows the amount
 * and the KBZPay number to pay to, takes the payer's transaction id and a screenshot, and activates the
 * deposit (a multipart form, like the manual's activation request). No script: a plain form works in any
 * browser and in tests.
 */
import type { ServerResponse } from 'node:http';
import { acceptActivation, readMultipart } from './api.ts';
import { kbzpayNumber, type PaykassmaState, type SimulatedActivation } from './state.ts';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

function sendHtml(response: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:1rem 0 .25rem}.number{font-size:1.5rem;font-weight:bold}.error{color:#b00020}</style>
</head><body>${body}</body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  response.end(html);
}

const TEXTS = {
  en: {
    title: 'Pay with KBZPay',
    amount: 'Amount',
    payTo: 'Pay to this KBZPay number',
    txid: 'KBZPay transaction ID',
    shot: 'Screenshot of the payment',
    submit: 'Confirm payment',
  },
  my: {
    title: 'KBZPay ဖြင့် ပေးချေပါ',
    amount: 'ငွေပမာဏ',
    payTo: 'ဤ KBZPay နံပါတ်သို့ ပေးချေပါ',
    txid: 'KBZPay ငွေလွှဲ ID',
    shot: 'ငွေပေးချေမှု ဓာတ်ပုံ',
    submit: 'အတည်ပြုပါ',
  },
} as const;

/**
 * Answers `GET /plugin/` (the payment window) and `POST /plugin/activate` (its form); resolves `false` for
 * other requests.
 *
 * @example
 * ```ts
 * if (await handlePaymentWindow(request, response, context)) return;
 * ```
 */
export async function handlePaymentWindow(
  request: {
    readonly method: string;
    readonly path: string;
    readonly query: URLSearchParams;
    readonly contentType: string;
    readonly body: Buffer;
  },
  response: ServerResponse,
  context: {
    readonly state: PaykassmaState;
    readonly onActivated: (activation: SimulatedActivation) => void;
  },
): Promise<boolean> {
  if (request.method === 'GET' && (request.path === '/plugin' || request.path === '/plugin/')) {
    showWindow(request.query, response, context.state);
    return true;
  }
  if (request.method === 'POST' && request.path === '/plugin/activate') {
    const form = await readMultipart(request.contentType, request.body);
    if (form === undefined) {
      sendHtml(
        response,
        400,
        'Payment',
        '<p class="error">The form was not sent as multipart/form-data.</p>',
      );
      return true;
    }
    const result = acceptActivation(form, context.state);
    if ('errors' in result) {
      const list = Object.entries(result.errors)
        .map(([field, messages]) => `<li>${escapeHtml(field)}: ${escapeHtml(messages.join(' '))}</li>`)
        .join('');
      sendHtml(
        response,
        400,
        'Payment',
        `<h1>Payment not confirmed</h1><ul class="error" id="errors">${list}</ul>`,
      );
      return true;
    }
    context.onActivated(result.activation);
    sendHtml(
      response,
      200,
      'Payment',
      `<h1 id="status">Payment submitted</h1><p>We are checking transaction ${escapeHtml(result.activation.transactionId)}. Your balance is credited once it is confirmed.</p>`,
    );
    return true;
  }
  return false;
}

function showWindow(query: URLSearchParams, response: ServerResponse, state: PaykassmaState): void {
  const label = query.get('label') ?? '';
  const customTransactionId = query.get('custom_transaction_id') ?? '';
  const amount = query.get('fixed_amount') ?? '';
  const problems = [
    label.trim() === '' || label.length > 190 ? 'label is required' : undefined,
    query.get('currency_code') === 'MMK' ? undefined : 'currency_code must be MMK',
    query.get('wallet_type') === 'kbzpay_manual' ? undefined : 'wallet_type must be kbzpay_manual',
    customTransactionId.trim() === '' ? 'custom_transaction_id is required' : undefined,
    /^[1-9]\d{0,11}$/.test(amount) ? undefined : 'fixed_amount must be a whole number of kyat',
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    const list = problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('');
    sendHtml(
      response,
      400,
      'Payment',
      `<h1>This payment link is not valid</h1><ul class="error">${list}</ul>`,
    );
    return;
  }
  const texts = query.get('lang') === 'my' ? TEXTS.my : TEXTS.en;
  const deposit = state.deposits.get(label) ?? { label, kbzpayNumber: kbzpayNumber(state.deposits.size + 1) };
  state.deposits.set(label, deposit);
  const hidden = [
    ['currency_code', 'MMK'],
    ['wallet_type', 'kbzpay_manual'],
    ['label', label],
    ['custom_transaction_id', customTransactionId],
    ['amount', amount],
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value ?? '')}">`)
    .join('');
  sendHtml(
    response,
    200,
    texts.title,
    `<h1>${escapeHtml(texts.title)}</h1>
<p>${escapeHtml(texts.amount)}: <span id="amount">${escapeHtml(amount)}</span> MMK</p>
<p>${escapeHtml(texts.payTo)}: <span class="number" id="kbzpay-number">${escapeHtml(deposit.kbzpayNumber)}</span></p>
<form method="post" action="activate" enctype="multipart/form-data">${hidden}
<label for="key1">${escapeHtml(texts.txid)}</label>
<input id="key1" name="key1" required inputmode="numeric" pattern="[0-9]{15,25}" maxlength="25">
<label for="screenshot">${escapeHtml(texts.shot)}</label>
<input id="screenshot" name="screenshot" type="file" accept="image/*" required>
<p><button id="confirm" type="submit">${escapeHtml(texts.submit)}</button></p>
</form>`,
  );
}
