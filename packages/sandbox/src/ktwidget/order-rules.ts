/**
 * The simulator's reading of a decrypted `{"order": {...}}` (reference §5): what KTPay is documented to
 * require, answered with field messages under code 4220002 when broken.
 */

/**
 * A checked order as the simulator keeps it.
 *
 * @example
 * ```ts
 * const order: SimulatedOrder = { order_id: 'INV-1', amount: 1000, type: 'ecom', raw: {} };
 * ```
 */
export interface SimulatedOrder {
  readonly order_id: string;
  readonly amount: number;
  readonly type: 'ecom' | 'service';
  readonly description?: string;
  readonly callback_post_url?: string;
  readonly callback_back_url?: string;
  readonly callback_success_url?: string;
  readonly callback_failed_url?: string;
  readonly callback_force_back_url?: string;
  readonly callback_force_success_url?: string;
  readonly callback_force_failed_url?: string;
  readonly show_close_button: boolean;
  /** The order object as decrypted. */
  readonly raw: Record<string, unknown>;
}

const URL_FIELDS = [
  'callback_back_url',
  'callback_success_url',
  'callback_failed_url',
  'callback_post_url',
  'callback_force_back_url',
  'callback_force_success_url',
  'callback_force_failed_url',
] as const;

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** At most two decimals, positive, finite: checked on the number's shortest text. */
function isAmount(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    /^\d+(\.\d{1,2})?$/.test(String(value))
  );
}

/**
 * Checks the decrypted payload; returns the order or the field messages.
 *
 * @example
 * ```ts
 * const checked = checkSimulatedOrder(JSON.parse(plaintext));
 * if ('problems' in checked) answerError(4220002, checked.problems);
 * ```
 */
export function checkSimulatedOrder(
  payload: unknown,
): { readonly order: SimulatedOrder } | { readonly problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const top =
    typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  const order =
    top !== undefined && typeof top.order === 'object' && top.order !== null && !Array.isArray(top.order)
      ? (top.order as Record<string, unknown>)
      : undefined;
  if (order === undefined) return { problems: { order: 'The order field is required.' } };
  if (typeof order.order_id !== 'string' || order.order_id.trim() === '') {
    problems.order_id = 'The order_id field is required and must be a string.';
  }
  if (!isAmount(order.amount)) {
    problems.amount = 'The amount must be a positive number with at most two decimals.';
  }
  if (order.type !== 'ecom' && order.type !== 'service') problems.type = 'The type must be ecom or service.';
  if (order.type === 'service') {
    const service = order.service as Record<string, unknown> | undefined;
    if (typeof service !== 'object' || service === null) {
      problems.service = 'The service field is required when type is service.';
    } else {
      const id = service.service_id;
      if (!(typeof id === 'number' && Number.isInteger(id)) && !(typeof id === 'string' && id !== '')) {
        problems['service.service_id'] = 'The service_id field is required.';
      }
      if (typeof service.contract_value !== 'string' || service.contract_value === '') {
        problems['service.contract_value'] = 'The contract_value field is required.';
      }
    }
  }
  if (order.description !== undefined && typeof order.description !== 'string') {
    problems.description = 'The description must be a string.';
  }
  for (const field of URL_FIELDS) {
    if (order[field] !== undefined && !isHttpUrl(order[field]))
      problems[field] = `The ${field} must be a URL.`;
  }
  if (order.show_close_button !== undefined && typeof order.show_close_button !== 'boolean') {
    problems.show_close_button = 'The show_close_button must be a boolean.';
  }
  if (Object.keys(problems).length > 0) return { problems };
  const text = (field: string) =>
    typeof order[field] === 'string' ? { [field]: order[field] as string } : {};
  return {
    order: {
      order_id: order.order_id as string,
      amount: order.amount as number,
      type: order.type as 'ecom' | 'service',
      ...text('description'),
      ...Object.assign({}, ...URL_FIELDS.map(text)),
      show_close_button: order.show_close_button !== false,
      raw: order,
    },
  };
}
