import { ann, caseAfter, received } from '../console/case-page/testing/visible-case';
import { caseAsOf } from './case-as-of';

describe('a case as the system knew it', () => {
  const { events } = caseAfter(received('2026-12-07T09:00:00.000Z'), [
    { type: 'AddNote', actor: ann, data: { text: 'Called back' } },
    '2026-12-08T10:00:00.000Z',
  ]);

  it('is what had been recorded by then, up to and including that instant', () => {
    const then = caseAsOf(events, '2026-12-07T09:00:00.000Z');
    expect(then.known.map((event) => event.revision)).toEqual([0]);
    expect(then.state).toMatchObject({ reference: 'DMM-2026-00001', status: 'open' });
    expect(caseAsOf(events, '2026-12-08T10:00:00.000Z').known).toHaveLength(2);
  });

  it('is nothing before the case was first recorded', () => {
    expect(caseAsOf(events, '2026-12-07T08:59:59.999Z')).toEqual({ known: [], state: null });
  });
});
