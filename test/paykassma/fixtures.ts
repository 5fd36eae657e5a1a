/** Postback bodies from the seed (structure and values as printed there) and a signer for tests. */
import { parseExactJson, paykassmaPostbackSignature, phpJson } from '@tender/paykassma';

/** The seed's deposit `additional_data`, indented exactly as the manual prints it. */
export const SEED_DEPOSIT_LIST = `[
        {
            "activated_datetime": "2023-11-22 02:30:22",
            "exchanger_identifier": null,
            "comment": "",
            "amount": "10000",
            "currency_code": "MMK",
            "wallet_type": "kbzpay_manual",
            "stockpiling_id": 1252,
            "transaction_id": "01003246080588218368",
            "transaction_type": 0,
            "plugin_custom_order_id": "test",
            "withdrawal_id": null,
            "withdrawal_status": null,
            "account_number": "",
            "account_name": "",
            "account_email": "",
            "bank_details": {
                "bank_code": "",
                "branch_code": ""
            }
        }
    ]`;

/** Test keys: invented, planted to prove they never leak. */
export const ACCESS_KEY = 'pk-access-PLANTED-7f3a';
export const PRIVATE_KEY = 'pk-private-PLANTED-9c1e';

export interface PostbackParts {
  readonly top?: Record<string, unknown>;
  readonly items: readonly Record<string, unknown>[];
  readonly listName?: string;
}

/** A compact postback signed like Paykassma signs it, with the top-level fields in the seed's order. */
export function signedPostback(
  parts: PostbackParts,
  keys: { accessKey: string; privateKey: string } = { accessKey: ACCESS_KEY, privateKey: PRIVATE_KEY },
): string {
  const listName = parts.listName ?? 'additional_data';
  const list = JSON.stringify(parts.items);
  const signature = paykassmaPostbackSignature(
    keys.accessKey,
    keys.privateKey,
    phpJson(parseExactJson(list)),
  );
  const body = { signature, ...parts.top, access_key: keys.accessKey, [listName]: '__LIST__' };
  return JSON.stringify(body).replace('"__LIST__"', list);
}

/** A deposit item as the seed prints it, with overrides. */
export function depositItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    activated_datetime: '2024-03-04 10:21:44',
    exchanger_identifier: null,
    comment: '',
    amount: '25000',
    currency_code: 'MMK',
    wallet_type: 'kbzpay_manual',
    stockpiling_id: 40417,
    transaction_id: '0100987654321098765',
    transaction_type: 0,
    plugin_custom_order_id: 'dep-2024-000731',
    withdrawal_id: null,
    withdrawal_status: null,
    account_number: '',
    account_name: '',
    account_email: '',
    bank_details: { bank_code: '', branch_code: '' },
    ...overrides,
  };
}

/** A withdrawal item as the seed prints it, with overrides. */
export function withdrawalItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    activated_datetime: '',
    exchanger_identifier: '',
    comment: 'payout for order 7781',
    amount: '45000',
    currency_code: 'MMK',
    wallet_type: 'kbzpay_manual',
    stockpiling_id: null,
    transaction_id: '',
    transaction_type: null,
    plugin_custom_order_id: '',
    withdrawal_id: 'wd-2024-000412',
    withdrawal_status: 1,
    account_number: '09712345678',
    account_name: '',
    account_email: '',
    bank_details: { bank_code: null, branch_code: null },
    ...overrides,
  };
}

/** The top level of a deposit postback, unsigned, as in the seed. */
export const DEPOSIT_TOP = {
  wallet_type: 'kbzpay_manual',
  amount: 25000,
  currency_code: 'MMK',
  label: 'user-58213',
  direction: 'ingoing',
  created_datetime: '2024-03-04 10:15:07',
};

/** The top level of a withdrawal postback, unsigned, as in the seed. */
export const WITHDRAWAL_TOP = { ...DEPOSIT_TOP, amount: 45000, direction: 'outgoing' };
