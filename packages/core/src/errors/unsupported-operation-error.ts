import { TenderError } from './tender-error.ts';

/**
 * An operation was called on a provider that does not declare it (for example `reverse` on KTWidget).
 * TypeScript already refuses such a call at compile time; this is the run-time guard for untyped callers.
 *
 * @example
 * ```ts
 * throw new UnsupportedOperationError('ktwidget', 'reverse');
 * // "ktwidget does not support reverse; it supports: collect, notify"
 * ```
 */
export class UnsupportedOperationError extends TenderError {
  override readonly name: string = 'UnsupportedOperationError';

  constructor(provider: string, operation: string, supported: readonly string[] = []) {
    const list = supported.length > 0 ? `; it supports: ${supported.join(', ')}` : '';
    super('unsupported_operation', `${provider} does not support ${operation}${list}`, {
      provider,
      operation,
    });
  }
}
