import type { ConsolePerson } from '../../sessions/console-people.port';
import { ACTION_FORMS } from './action-forms';
import { actionRequest, formErrorsOf, inputIdOf, instantsInWords } from './action-request';

const LONDON = 'Europe/London';
const ann: ConsolePerson = {
  id: 'ann',
  name: 'Ann Lee',
  email: 'ann@example.com',
  roles: ['staff'],
  active: true,
};
const gone: ConsolePerson = { ...ann, id: 'gone', name: 'Gone Away', active: false };
const sources = { people: [ann, gone] };

describe('an action form as the API’s request', () => {
  it('reads the typed time in the policy’s zone and leaves empty fields out', async () => {
    const attempt = await actionRequest(
      ACTION_FORMS.respond,
      {
        summary: 'We looked into it',
        outcome: 'upheld',
        addressedTo: '',
        'at-day': '1',
        'at-month': '7',
        'at-year': '2026',
        'at-time': '4:05pm',
      },
      sources,
      LONDON,
    );
    expect(attempt).toEqual({
      request: expect.objectContaining({
        summary: 'We looked into it',
        outcome: 'upheld',
        at: '2026-07-01T15:05:00.000Z',
      }),
    });
    expect(attempt).not.toEqual({ request: expect.objectContaining({ addressedTo: '' }) });
  });

  it('checks it with the API’s request class, each field at fault once', async () => {
    const attempt = await actionRequest(
      ACTION_FORMS.respond,
      { outcome: 'brilliant', 'at-day': '31', 'at-month': '2', 'at-year': '2026', 'at-time': '9' },
      sources,
      LONDON,
    );
    expect(attempt).toEqual({
      errors: [
        { field: 'at', message: 'Enter a real date, for example 22 12 2026' },
        { field: 'summary', message: 'summary is required' },
        { field: 'outcome', message: expect.stringContaining('outcome must be one of') },
      ],
    });
  });

  it('names the owner from the active people in the directory only', async () => {
    expect(await actionRequest(ACTION_FORMS.assign, { owner: 'ann' }, sources, LONDON)).toEqual({
      request: expect.objectContaining({ owner: { id: 'ann', name: 'Ann Lee' } }),
    });
    expect(await actionRequest(ACTION_FORMS.assign, { owner: 'gone' }, sources, LONDON)).toEqual({
      errors: [{ field: 'owner', message: 'Choose an owner from the list' }],
    });
  });

  it('turns the guardian form into a notification or a waiver', async () => {
    const waiver = await actionRequest(
      ACTION_FORMS['guardian-notification'],
      { decision: 'waived', reason: 'Estranged', guardianName: 'ignored' },
      sources,
      LONDON,
    );
    expect(waiver).toEqual({
      request: expect.objectContaining({ waived: true, reason: 'Estranged' }),
    });
    expect(waiver).not.toEqual({
      request: expect.objectContaining({ guardianName: 'ignored' }),
    });
    const undecided = await actionRequest(
      ACTION_FORMS['guardian-notification'],
      {},
      sources,
      LONDON,
    );
    expect(undecided).toEqual({
      errors: [expect.objectContaining({ field: 'decision' })],
    });
  });

  it('splits categories typed with commas or on lines', async () => {
    expect(
      await actionRequest(
        ACTION_FORMS.categories,
        { categories: 'mentoring,\nfees, ' },
        sources,
        LONDON,
      ),
    ).toEqual({ request: expect.objectContaining({ categories: ['mentoring', 'fees'] }) });
  });
});

describe('errors on an action form', () => {
  it('finds the input an API field is typed into, or none', () => {
    expect(inputIdOf(ACTION_FORMS.respond, 'at')).toBe('at-day');
    expect(inputIdOf(ACTION_FORMS.assign, 'owner.id')).toBe('owner');
    expect(inputIdOf(ACTION_FORMS.escalate, 'override.reason')).toBe('overrideReason');
    expect(inputIdOf(ACTION_FORMS.escalate, 'toStage')).toBeNull();
  });

  it('says what to enter for a field left out, and keeps other messages', () => {
    expect(
      formErrorsOf(
        ACTION_FORMS.respond,
        [
          { field: 'summary', message: 'summary is required' },
          { field: 'toldTo', message: 'toldTo is not for this case' },
          { field: '', message: 'The case is closed.' },
        ],
        LONDON,
      ),
    ).toEqual([
      { id: 'summary', text: 'Enter a summary of the response' },
      { id: null, text: 'toldTo is not for this case' },
      { id: null, text: 'The case is closed.' },
    ]);
  });

  it('calls a date and time that, and gives the times a refusal names in words', () => {
    expect(
      formErrorsOf(
        ACTION_FORMS.respond,
        [{ field: 'at', message: 'at cannot be before receipt (2026-07-01T15:05:00.000Z).' }],
        LONDON,
      ),
    ).toEqual([
      {
        id: 'at-day',
        text: 'The date and time cannot be before receipt (Wed 1 Jul 2026, 4:05pm).',
      },
    ]);
    expect(instantsInWords('closed at 2026-12-22T23:59:59.999Z, sorry', LONDON)).toBe(
      'closed at Tue 22 Dec 2026, 11:59pm, sorry',
    );
  });
});
