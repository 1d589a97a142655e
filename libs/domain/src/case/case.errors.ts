/**
 * How a refusal should be understood. The HTTP layer maps each kind to one status
 * (invalid 400, forbidden 403, not-found 404, conflict 409, rule 422) in one place.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'rule';

/** A command refused by the domain, naming the rule (`code`) it broke. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** For `invalid`: the input field at fault. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Input that makes no sense for this case (a time before receipt, a missing field). */
export class InvalidCommandError extends DomainError {
  constructor(field: string, code: string, message: string) {
    super('invalid', code, message, field);
  }
}

/** The case's current state does not allow it (closed, already acknowledged). */
export class CaseStateConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

/** The policy refuses it (a stage 3 request after the window). */
export class PolicyRuleError extends DomainError {
  constructor(code: string, message: string) {
    super('rule', code, message);
  }
}

/** The actor may not do this here (an override by someone who is not a senior manager). */
export class ActorNotPermittedError extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

export class CaseNotFoundError extends DomainError {
  constructor() {
    super('not-found', 'case-not-found', 'There is no such case.');
  }
}
