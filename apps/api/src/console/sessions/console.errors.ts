import { ApiProblemError } from '../../http/problem';

/** A page that needs a signed-in person was asked for without one: the answer is the sign-in page. */
export class NotSignedInError extends Error {
  constructor(
    /** Where to go back to after signing in. */
    readonly returnTo: string,
    /** Why a session that existed is over, to tell the person. */
    readonly ended?: 'idle' | 'expired',
  ) {
    super('Sign in to use the console.');
  }
}

/** A form came back without its session's anti-forgery token: nothing it asked for is done. */
export class FormExpiredError extends ApiProblemError {
  constructor() {
    super(
      403,
      'form-expired',
      'This form has expired or did not come from this console, so nothing was recorded.',
    );
  }
}
