import { asCaseEvent, caseIdOf, caseStream, isCaseId } from './case.stream';

const ID = '0b5c4c1e-8f3a-4d2b-9c6e-1a2b3c4d5e6f';

describe('the case stream', () => {
  it('names one stream per case and reads the case back from the name', () => {
    expect(caseStream(ID)).toBe(`clfcase-${ID}`);
    expect(caseIdOf(caseStream(ID))).toBe(ID);
  });

  it('takes only lower-case UUIDs as case ids', () => {
    expect(isCaseId(ID)).toBe(true);
    expect(isCaseId(ID.toUpperCase())).toBe(false);
    expect(isCaseId('../etc/passwd')).toBe(false);
  });

  it('reads a stored event as the case event it was appended as', () => {
    const stored = {
      type: 'NoteAdded',
      occurredAt: '2026-11-23T10:00:00.000Z',
      data: {},
      hash: 'x',
    };
    expect(asCaseEvent(stored)).toBe(stored);
  });
});
