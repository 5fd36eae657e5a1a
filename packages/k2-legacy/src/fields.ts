import * as v from 'valibot';

const required = v.pipe(v.string(), v.trim(), v.nonEmpty('is missing'));
const optional = v.optional(v.string());

/**
 * The fields of one legacy notification, all strings on the wire. Names and payer fields are free text
 * (UTF-8); the date, time and amount are checked separately so each gets its own precise message.
 *
 * @example
 * ```ts
 * v.parse(LegacyFieldsSchema, Object.fromEntries(new URLSearchParams(body)));
 * ```
 */
export const LegacyFieldsSchema = v.object({
  k2_account_id: required,
  k2_transaction_id: required,
  mm_system_id: required,
  mp_transaction_id: required,
  biller_number: required,
  transaction_date: required,
  transaction_time: required,
  transaction_type: required,
  ac_no: optional,
  sender: required,
  first_name: optional,
  middle_name: optional,
  last_name: optional,
  amount: required,
  currency: required,
});

/** @example const fields: LegacyFields = v.parse(LegacyFieldsSchema, record); */
export type LegacyFields = v.InferOutput<typeof LegacyFieldsSchema>;
