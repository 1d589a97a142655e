import { ApiProblemError } from '../../http/problem';

/** The console has no identity provider configured: its sign-in addresses do not exist. */
export class IdentityProviderNotConfiguredError extends ApiProblemError {
  constructor() {
    super(404, 'not-found', 'This console signs people in with their e-mail address and password.');
  }
}

/** The identity provider could not be reached, or did not answer as a provider does. */
export class IdentityProviderUnavailableError extends ApiProblemError {
  constructor() {
    super(
      503,
      'identity-provider-unavailable',
      'The console cannot reach your organisation’s sign-in service just now. Try again in a few minutes; if it keeps happening, tell whoever looks after the console.',
      { retryAfterSeconds: 60 },
    );
  }
}

/**
 * The answer that came back to the console is not the answer to a sign-in this browser
 * started (a changed or replayed address, a sign-in begun too long ago, or refused at the
 * provider): nobody is signed in.
 */
export class SignInNotCompletedError extends ApiProblemError {
  constructor() {
    super(
      400,
      'sign-in-not-completed',
      'The sign-in could not be completed: it took too long, was cancelled, or did not start in this browser. Go to the sign-in page and try again.',
    );
  }
}
