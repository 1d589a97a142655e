import express from 'express';
import type { Request } from 'express';
import { NotAcceptableError } from '../http/problem';
import { EXCEL_MEDIA_TYPE } from './report-export';
import { chosenRepresentation } from './report-representation';

/** A request as express gives it to a route, with this Accept header (or none). */
function requestAccepting(accept?: string): Request {
  const request = Object.create(express.request) as Request;
  Object.assign(request, { headers: accept === undefined ? {} : { accept } });
  return request;
}

describe('chosenRepresentation', () => {
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['text/csv', 'text/csv'],
    ['text/csv;q=0.5, application/json', 'application/json'],
    ['application/json;q=0.2, text/csv;q=0.9', 'text/csv'],
    [`text/csv;q=0.8, ${EXCEL_MEDIA_TYPE}`, EXCEL_MEDIA_TYPE],
    ['text/*, application/json;q=0.1', 'text/csv'],
  ])('for Accept %s gives %s', (accept, type) => {
    expect(chosenRepresentation(requestAccepting(accept))).toBe(type);
  });

  it.each(['application/xml', 'application/json;q=0', 'text/html, image/*'])(
    'refuses Accept %s as not acceptable, naming what there is',
    (accept) => {
      expect(() => chosenRepresentation(requestAccepting(accept))).toThrow(NotAcceptableError);
      try {
        chosenRepresentation(requestAccepting(accept));
      } catch (error) {
        expect((error as NotAcceptableError).toProblem()).toMatchObject({
          status: 406,
          code: 'not-acceptable',
          detail: expect.stringContaining('text/csv'),
        });
      }
    },
  );
});
