import { bundledPolicy, createCaseDecider, foldCase, type Case, type CaseEvent } from '#domain';
import { letterContext } from './letter-context';

const policy = bundledPolicy('dmm');
const decider = createCaseDecider(policy);
const manager = { id: 'u-om', name: 'Olive Manager', roles: ['operations-manager' as const] };

function received(data: {
  kind: 'complaint' | 'compliment';
  owner?: { id: string; name: string };
}) {
  const events: CaseEvent[] = decider.decide(
    {
      type: 'ReceiveCase',
      actor: manager,
      data: {
        caseId: 'c1',
        reference: 'DMM-2026-00001',
        channel: 'letter',
        summary: 'Summary',
        complainant: { name: 'Ada', role: 'learner' },
        ...data,
      },
    },
    null,
    new Date('2026-11-23T09:00:00Z'),
  );
  return { events, found: foldCase(events) as Case };
}

const contextOf = ({ events, found }: { events: CaseEvent[]; found: Case }) =>
  letterContext(found, events, policy, {
    to: 'Ada',
    writer: manager,
    now: new Date('2026-12-22T16:05:00Z'),
  });

describe('what a letter may say about a case', () => {
  it('names the owner as who handles it, else the stage’s handler', () => {
    const owned = received({ kind: 'complaint', owner: { id: 'u-t', name: 'Tom Tutor' } });
    expect(contextOf(owned).handler).toBe('Tom Tutor');
    expect(contextOf(received({ kind: 'complaint' })).handler).toBe(
      'Teaching mentor or Operations Manager',
    );
  });

  it('gives times in the policy’s zone and in words', () => {
    const context = contextOf(received({ kind: 'complaint' }));
    expect(context.receivedOn).toBe('Mon 23 Nov 2026, 9:00am');
    expect(context.today).toBe('Tue 22 Dec 2026, 4:05pm');
  });

  it('has no stage, response date or next step for a compliment', () => {
    const context = contextOf(received({ kind: 'compliment' }));
    expect(context).toMatchObject({
      kind: 'compliment',
      stage: null,
      nextStep: null,
      response: null,
    });
  });

  it('offers the next internal stage and who handles it', () => {
    expect(contextOf(received({ kind: 'complaint' })).nextStep).toEqual({
      stage: 2,
      name: 'Formal written complaint',
      handledBy: 'Operations Manager',
      external: false,
      contact: null,
    });
  });
});
