export interface PolicyProblem {
  field: string;
  reason: string;
}

/** A policy file that cannot be used: every problem, each naming its field. */
export class PolicyValidationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: PolicyProblem[],
  ) {
    super(
      `Policy ${source} is not valid:\n` +
        problems.map((p) => `  - ${p.field}: ${p.reason}`).join('\n'),
    );
    this.name = 'PolicyValidationError';
  }
}
