/** Personal data given for a case whose key was erased: it cannot be kept (nor read). */
export class PersonalDataErasedError extends Error {
  constructor(readonly caseId: string) {
    super(`The personal data of case ${caseId} was erased: nothing personal can be added to it`);
    this.name = 'PersonalDataErasedError';
  }
}
