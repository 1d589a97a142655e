import type { Actor } from '#domain';
import type { ConsolePerson } from '../../sessions/console-people.port';
import { ann, caseAfter, policy, received } from '../testing/visible-case';
import { ACTION_FORMS } from './action-forms';
import { actionPageView, freshValues } from './action-page.view';
import { offeredActions } from './offered-actions';

const olu: ConsolePerson = {
  id: 'olu',
  name: 'Olu Ops',
  email: 'olu@example.com',
  roles: ['operations-manager'],
  active: true,
};
const sue: ConsolePerson = { ...olu, id: 'sue', name: 'Sue Senior', roles: ['senior-manager'] };
const now = new Date('2026-12-07T10:00:00Z');
const named = (path: string) => ({ ...ACTION_FORMS[path], path });

/** The page of an action as this person would see it on this case now. */
function pageOf(path: string, visible = caseAfter(received()), person: Actor = olu) {
  const offered = offeredActions(visible.state, person, policy, now).forms.get(path) ?? [];
  return (extra = {}) =>
    actionPageView(named(path), visible, {
      offered,
      people: [olu, sue],
      timeZone: policy.timeZone,
      now,
      values: {},
      ...extra,
    });
}

describe('an action’s page', () => {
  it('names the stage an escalation goes to, and offers the override only to a senior manager', () => {
    expect(pageOf('escalate')().escalation).toEqual({
      to: 'To stage 2 (Formal written complaint).',
      window: null,
      requiresWriting: true,
      overrideOnly: false,
      mayOverride: false,
    });
    expect(pageOf('escalate', caseAfter(received()), sue)().escalation?.mayOverride).toBe(true);
  });

  it('offers only the outcomes and close reasons the domain would accept', () => {
    const respond = pageOf('respond')();
    expect(respond.options.outcomes.map((choice) => choice.value)).toContain('upheld');
    // The representative is not authorised yet: a response goes to the complainant only.
    expect(respond.options.addressees).toEqual([]);
    const close = pageOf('close')();
    expect(close.options.closeReasons.length).toBeGreaterThan(0);
  });

  it('puts each error beside its input and in the summary; a refusal of the form beside the form', () => {
    const view = pageOf('escalate')({
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
      '2026-12-07T09:30:00.000Z',
    ]);
    const view = pageOf('notes', visible)({ changedSince: 0 });
    expect(view.pageTitle).toBe(
      'This case was changed while you were looking at it: DMM-2026-00001',
    );
    expect(view.revision).toBe(1);
    expect(view.changed?.map((entry) => entry.sentence)).toEqual(['Ann Lee added a note.']);
    expect(pageOf('notes', visible)({ revision: 0 }).revision).toBe(0);
  });

  it('offers the documents attached as the representative’s authority, or none', () => {
    expect(pageOf('representative-authorisation')().options.authorityDocuments).toEqual([
      { value: '', text: 'It is not attached' },
    ]);
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
