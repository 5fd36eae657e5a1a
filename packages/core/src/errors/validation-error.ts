import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * One offending field: where it is and what is wrong with it.
 *
 * @example
 * ```ts
 * const issue: FieldIssue = { path: 'payer.phone', message: 'must be a Kenyan mobile number' };
 * ```
 */
export interface FieldIssue {
  /** Dotted path from the checked value's root, such as `destinations.0.amount`; empty for the root. */
  readonly path: string;
  readonly message: string;
}

/**
 * Input that breaks a rule: a caller's request, a configuration, or a provider payload. Nothing was sent.
 * `issues` lists every offending field, not only the first.
 *
 * @example
 * ```ts
 * throw new ValidationError('Invalid collect request', [{ path: 'amount', message: 'must be positive' }]);
 * // message: "Invalid collect request: amount: must be positive"
 * ```
 */
export class ValidationError extends TenderError {
  override readonly name: string = 'ValidationError';
  readonly issues: readonly FieldIssue[];

  constructor(summary: string, issues: readonly FieldIssue[], options: TenderErrorOptions = {}) {
    const listed = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    super('validation', listed.length > 0 ? `${summary}: ${listed.join('; ')}` : summary, options);
    this.issues = issues;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), issues: this.issues };
  }
}
