import { DomainError } from '../case/case.errors';

export class PersonNotFoundError extends DomainError {
  constructor(personId: string) {
    super('not-found', 'person-not-found', `There is no one with id ${personId} in the directory.`);
  }
}

/** The directory as it stands does not allow it (the e-mail is someone else's). */
export class DirectoryConflictError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super('conflict', code, message, field);
  }
}

/** A rule that keeps the directory usable (someone must remain able to administer it). */
export class DirectoryRuleError extends DomainError {
  constructor(code: string, message: string) {
    super('rule', code, message);
  }
}
