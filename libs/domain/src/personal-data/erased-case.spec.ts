import type { CaseEvent } from '../case/case.events';
import { ERASED_TEXT } from './personal-fields';
import { personalFieldsHeld, withFieldsOf } from './erased-case';

const corresponded: CaseEvent = {
  type: 'CorrespondenceSent',
  occurredAt: '2026-11-23T09:00:00.000Z',
  data: {
    letterId: 'l-1',
    template: 'acknowledgement',
    channels: ['post'],
    addressedTo: 'complainant',
    to: { name: 'Ada', email: null },
    subject: 'Your complaint',
    body: 'Dear Ada',
  },
};

describe('where a case’s events hold personal data', () => {
  it('names the personal fields an event has a value for, nested ones by their path', () => {
    expect(personalFieldsHeld(corresponded)).toEqual([
      'CorrespondenceSent.to.name',
      'CorrespondenceSent.subject',
      'CorrespondenceSent.body',
    ]);
  });

  it('adds each field once, sorted, and keeps the same list when nothing is new', () => {
    const fields = withFieldsOf([], corresponded);
    expect(fields).toEqual([
      'CorrespondenceSent.body',
      'CorrespondenceSent.subject',
      'CorrespondenceSent.to.name',
    ]);
    expect(withFieldsOf(fields, corresponded)).toBe(fields);
  });

  it('finds none in an event the map lists without personal fields', () => {
    const held: CaseEvent = {
      type: 'LegalHoldPlaced',
      occurredAt: '2026-11-23T09:00:00.000Z',
      data: { reason: 'Tribunal', placedBy: { id: 'u-dpo', name: 'Dee' } },
    };
    expect(personalFieldsHeld(held)).toEqual([]);
    expect(ERASED_TEXT).toBe('[erased]');
  });
});
