import type { Request, Response } from 'express';
import type { Problem } from '../../http/problem';
import { FormExpiredError, NotSignedInError } from '../sessions/console.errors';

/** Requests the console answers with pages; the API and health checks answer with JSON. */
export function isConsoleRequest(request: Request): boolean {
  // `/api/` holds the API (`/api/v1`) and its OpenAPI pages (`/api/docs`).
  return !request.path.startsWith('/api/') && !request.path.startsWith('/health/');
}

/** What each status means to a person at a browser, as the page's heading. */
const HEADINGS: Record<number, string> = {
  400: 'Some of what was sent could not be used',
  401: 'Sign in to continue',
  403: 'You cannot do that',
  404: 'Page not found',
  409: 'The case has changed',
  412: 'The case has changed',
  413: 'That is too large',
  415: 'That kind of file cannot be used',
  422: 'The policy does not allow that',
  429: 'Too many attempts',
  503: 'Try again shortly',
};

/** Where a visitor who must sign in is sent, with where they were going. */
export function signInAddress(error: NotSignedInError): string {
  const query = new URLSearchParams();
  if (error.returnTo !== '/') query.set('returnTo', error.returnTo);
  if (error.ended) query.set('ended', error.ended);
  const text = query.toString();
  return text ? `/sign-in?${text}` : '/sign-in';
}

/** An error on a console request, as a page: the same problem the API would answer, in words. */
export function sendErrorPage(exception: unknown, problem: Problem, response: Response): void {
  if (exception instanceof NotSignedInError) {
    response.redirect(303, signInAddress(exception));
    return;
  }
  response.status(problem.status).render('errors/problem', {
    problem: {
      status: problem.status,
      title: HEADINGS[problem.status] ?? 'Sorry, something went wrong',
      detail: problem.detail,
      formExpired: exception instanceof FormExpiredError,
    },
  });
}
