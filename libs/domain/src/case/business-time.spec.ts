import { givenBusinessTime } from './business-time';
import type { CaseCommand } from './case.commands';

const actor = { id: 'u-ann', roles: ['staff'] } as const;

describe('the business time of a command', () => {
  it('is read from the field the table names for the command', () => {
    const escalate: CaseCommand = {
      type: 'EscalateCase',
      actor,
      data: { reason: 'not resolved', requestReceivedAt: '2026-11-20T09:00:00Z' },
    };
    expect(givenBusinessTime(escalate)).toEqual({
      field: 'requestReceivedAt',
      given: '2026-11-20T09:00:00Z',
    });
  });

  it('is absent, though the field is known, when the caller left it to now', () => {
    const acknowledge: CaseCommand = { type: 'AcknowledgeCase', actor, data: {} };
    expect(givenBusinessTime(acknowledge)).toEqual({ field: 'at', given: undefined });
  });

  it('is not looked for on a command that happens when it is recorded', () => {
    const note: CaseCommand = { type: 'AddNote', actor, data: { text: 'called back' } };
    expect(givenBusinessTime(note)).toBeNull();
  });
});
