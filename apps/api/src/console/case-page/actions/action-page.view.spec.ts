import type { ConsolePerson } from '../../sessions/console-people.port';
import { ann, caseAfter, policy, received } from '../testing/visible-case';
import { ACTION_FORMS } from './action-forms';
import { actionPageView, freshValues } from './action-page.view';

const olu: ConsolePerson = {
  id: 'olu',
  name: 'Olu Ops',
  email: 'olu@example.com',
  roles: ['operations-manager'],
  active: true,
};
const sue: ConsolePerson = { ...olu, id: 'sue', name: 'Sue Senior', roles: ['senior-manager'] };
const escalate = { ...ACTION_FORMS.escalate, path: 'escalate' };
const now = new Date('2026-12-08T09:00:00Z');
const state = (person: ConsolePerson) => ({ person, people: [olu, sue], policy, now, values: {} });

describe('an action’s page', () => {
  it('shows the escalation window, and the override only to a senior manager', () => {
    const visible = caseAfter(received());
    const view = actionPageView(escalate, visible, state(olu));
    expect(view.options.escalation).toEqual({
      nextStage: 'stage 2 (Formal written complaint)',
      window: 'The window to ask for the next stage opens with this stage’s response.',
    });
    expect(view.options.mayOverride).toBe(false);
    expect(actionPageView(escalate, visible, state(sue)).options.mayOverride).toBe(true);
  });

  it('puts each error beside its input and in the summary; a refusal of the form beside the form', () => {
    const view = actionPageView(escalate, caseAfter(received()), {
      ...state(olu),
      errors: [
        { id: 'reason', text: 'Enter why it is escalated' },
        { id: null, text: 'The policy does not allow it' },
      ],
    });
    expect(view.errors).toEqual([
      { text: 'Enter why it is escalated', href: '#reason' },
      { text: 'The policy does not allow it', href: '#action-form' },
    ]);
    expect(view.fieldErrors).toEqual({ reason: 'Enter why it is escalated' });
    expect(view.formErrors).toEqual(['The policy does not allow it']);
  });

  it('lists what changed since the revision the form was for, at the new revision', () => {
    const visible = caseAfter(received(), [
      { type: 'AddNote', actor: ann, data: { text: 'Rang back' } },
      '2026-12-07T10:00:00.000Z',
    ]);
    const view = actionPageView(escalate, visible, { ...state(olu), changedSince: 0 });
    expect(view.pageTitle).toBe(
      'This case was changed while you were looking at it: DMM-2026-00001',
    );
    expect(view.revision).toBe(1);
    expect(view.changed?.map((entry) => entry.sentence)).toEqual(['Ann Lee added a note.']);
  });

  it('offers the documents attached as the representative’s authority, or none', () => {
    const view = actionPageView(
      { ...ACTION_FORMS['representative-authorisation'], path: 'representative-authorisation' },
      caseAfter(received()),
      state(olu),
    );
    expect(view.options.authorityDocuments).toEqual([{ value: '', text: 'It is not attached' }]);
  });

  it('starts the categories and owner forms from what the case holds', () => {
    const found = caseAfter(received()).state;
    expect(
      freshValues(ACTION_FORMS.categories, { ...found, categories: ['fees', 'mentoring'] }),
    ).toEqual({ categories: 'fees, mentoring' });
    expect(freshValues(ACTION_FORMS.assign, found)).toEqual({ owner: '' });
    expect(freshValues(ACTION_FORMS.notes, found)).toEqual({});
  });
});
