/**
 * What a service refuses, in the domain's words: the kind of refusal, a stable English code, the
 * message to show and the field at fault. No transport here: the HTTP layer gives each kind its
 * status (src/platform/http/errors.ts), the chat and the CLI say the message.
 */
export type DomainErrorKind =
  /** a field of the input is wrong */
  | 'invalid'
  /** the input is well formed but breaks a rule of what it changes (a form with several wrong fields) */
  | 'unprocessable'
  /** the caller may not do or see this */
  | 'forbidden'
  | 'notFound'
  /** the thing is not in a state that allows this (or changed meanwhile) */
  | 'conflict'
  /** the change was made against a version that is no longer the current one */
  | 'stale';

/** One invalid field of a submission: English code, Chinese message. */
export interface FieldProblem {
  field: string;
  code?: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every invalid field, when there are several (a form submission). */
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A form's refusal: every invalid field with its English code and Chinese message, the first one as `field`. */
export function invalidFields(code: string, fields: { field: string; code: string; message: string }[]): DomainError {
  return new DomainError('unprocessable', code, fields.map((f) => f.message).join('；'), fields[0]?.field, fields);
}
