/**
 * Realistic invented data for simulated transactions: Kenyan names, `+2547…` phones, M-PESA-like receipts,
 * shilling amounts. Randomness comes from node:crypto so concurrent sandboxes never share a sequence.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';

const FIRST_NAMES = [
  'Amina',
  'Brian',
  'Wanjiru',
  'Kevin',
  'Achieng',
  'Faith',
  'Daniel',
  'Njeri',
  'Collins',
  'Mercy',
  'Kiprono',
  'Zawadi',
  'Otieno',
  'Wambui',
  'Baraka',
] as const;
const MIDDLE_NAMES = ['W', 'K', 'Auma', 'Chege', 'Jeptoo', 'M'] as const;
const LAST_NAMES = [
  'Otieno',
  'Mwangi',
  'Kamau',
  'Njoroge',
  'Ochieng',
  'Kiprop',
  'Mutua',
  'Chebet',
  'Omondi',
  'Wafula',
  'Akinyi',
  'Kariuki',
  'Odhiambo',
  'Wanyama',
] as const;
const BUSINESS_NAMES = [
  'Baraka Hardware',
  'Tumaini Grocers',
  'Jambo Electronics',
  'Mama Mboga Supplies',
  'Savannah Agrovet',
] as const;
const RECEIPT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The invented merchant every generated transaction is paid to: its buy-goods till, its Online Payments
 * Account till (the `K` one STK pushes use, reference §7.5) and its name.
 *
 * @example
 * ```ts
 * SANDBOX_MERCHANT.tillNumber; // '556677'
 * ```
 */
export const SANDBOX_MERCHANT = {
  name: 'Kilima Traders',
  tillNumber: '556677',
  onlineTillNumber: 'K556677',
  paybillNumber: '888555',
  accountId: '2731',
} as const;

/**
 * One of `list`, chosen uniformly.
 *
 * @example
 * ```ts
 * pick(['a', 'b']); // 'a' or 'b'
 * ```
 */
export function pick<T>(list: readonly T[]): T {
  return list[randomInt(list.length)] as T;
}

/**
 * An invented Kenyan payer; the middle name is `null` about half the time, as in K2 fixtures.
 *
 * @example
 * ```ts
 * const { firstName, lastName } = generatePerson();
 * ```
 */
export interface GeneratedPerson {
  readonly firstName: string;
  readonly middleName: string | null;
  readonly lastName: string;
}

/**
 * An invented Kenyan person.
 *
 * @example
 * ```ts
 * generatePerson(); // { firstName: 'Wanjiru', middleName: null, lastName: 'Kamau' }
 * ```
 */
export function generatePerson(): GeneratedPerson {
  return {
    firstName: pick(FIRST_NAMES),
    middleName: randomInt(2) === 0 ? null : pick(MIDDLE_NAMES),
    lastName: pick(LAST_NAMES),
  };
}

/**
 * An invented business name (m2m senders, till names).
 *
 * @example
 * ```ts
 * generateBusinessName(); // 'Tumaini Grocers'
 * ```
 */
export function generateBusinessName(): string {
  return pick(BUSINESS_NAMES);
}

/**
 * An invented Safaricom number in international form, `+2547` and eight digits. The two digits after `7`
 * are never `00`, so a generated phone never falls into the `+2547000000xx` range that the outcome rules
 * reserve.
 *
 * @example
 * ```ts
 * generatePhone(); // '+254722418093'
 * ```
 */
export function generatePhone(): string {
  return `+2547${randomInt(10, 100)}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

/**
 * An M-PESA-like receipt: ten upper-case letters and digits, starting with a letter (`TAB3CD4EF5`).
 *
 * @example
 * ```ts
 * generateReceipt(); // 'TQB7XK2M9P'
 * ```
 */
export function generateReceipt(): string {
  let receipt = String.fromCharCode(65 + randomInt(26));
  for (let index = 1; index < 10; index += 1) receipt += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return receipt;
}

/**
 * An invented amount in cents: whole shillings between 50 and 25 000, in steps of 10.
 *
 * @example
 * ```ts
 * generateAmountCents(); // 125000 (formats as "1250.0")
 * ```
 */
export function generateAmountCents(): number {
  return randomInt(5, 2501) * 10 * 100;
}

/**
 * An invented six-digit short code (sending tills, paybills).
 *
 * @example
 * ```ts
 * generateShortCode(); // '998877'
 * ```
 */
export function generateShortCode(): string {
  return String(randomInt(100_000, 1_000_000));
}

/**
 * A fresh resource id, a v4 UUID like K2's.
 *
 * @example
 * ```ts
 * generateId(); // '7d1c2b3a-4e5f-4061-8a7b-9c0d1e2f3a4b'
 * ```
 */
export function generateId(): string {
  return randomUUID();
}

/**
 * A 64-hex-character `hashed_sender_phone`. K2 does not document what it hashes (reference §4.4,
 * [UNCLEAR]); a SHA-256 of the phone has the same look and stays stable per phone.
 *
 * @example
 * ```ts
 * hashPhone('+254711000111').length; // 64
 * ```
 */
export function hashPhone(phone: string): string {
  return createHash('sha256').update(phone).digest('hex');
}
