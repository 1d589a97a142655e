import { WorkingDayCalendar } from '#calendar';
import { deadlineInWords } from './deadline-words';

const calendar = new WorkingDayCalendar({ timeZone: 'Europe/London' });
// Tuesday 15 December 2026; the deadline is the end of Tuesday 22 December.
const due = {
  kind: 'response' as const,
  stage: 2,
  dueDate: '2026-12-22',
  dueBy: '2026-12-22T23:59:59.999Z',
  originalDueDate: '2026-12-22',
  originalDueBy: '2026-12-22T23:59:59.999Z',
  extensions: [],
  metAt: null,
  missed: false,
  recordedLate: false,
};
const at = (iso: string) => new Date(iso);

describe('a deadline in words', () => {
  it('counts the working days left, weekends aside', () => {
    expect(deadlineInWords(due, at('2026-12-15T10:00:00Z'), calendar)).toEqual({
      what: 'Response, stage 2',
      dueDate: '2026-12-22',
      standing: 'due',
      tag: 'Due in 5 working days',
      originalDueDate: null,
      extended: null,
      detail: null,
    });
    expect(deadlineInWords(due, at('2026-12-21T10:00:00Z'), calendar).tag).toBe(
      'Due in 1 working day',
    );
    expect(deadlineInWords(due, at('2026-12-22T10:00:00Z'), calendar).tag).toBe('Due today');
  });

  it('counts the working days late once the day has ended, bank holidays aside', () => {
    const late = deadlineInWords(due, at('2026-12-29T10:00:00Z'), calendar);
    expect(late.standing).toBe('missed');
    // 23, 24 and 29 December: Christmas and Boxing Day (moved to the 28th) are not counted.
    expect(late.tag).toBe('Missed: 3 working days late');
  });

  it('says met, with when, in the policy’s time zone', () => {
    const met = { ...due, metAt: '2026-12-18T16:05:00.000Z' };
    expect(deadlineInWords(met, at('2026-12-29T10:00:00Z'), calendar)).toMatchObject({
      standing: 'met',
      tag: 'Met',
      detail: 'Met Fri 18 Dec 2026, 4:05pm',
    });
  });

  it('tells met late from met on time but recorded late', () => {
    const late = { ...due, metAt: '2026-12-23T09:00:00.000Z', missed: true };
    expect(deadlineInWords(late, at('2026-12-29T10:00:00Z'), calendar).tag).toBe('Met late');
    const recorded = { ...due, metAt: '2026-12-22T09:00:00.000Z', recordedLate: true };
    expect(deadlineInWords(recorded, at('2026-12-29T10:00:00Z'), calendar).tag).toBe(
      'Met, recorded late',
    );
  });

  it('leaves out the stage of a compliment’s deadline', () => {
    const compliment = { ...due, kind: 'acknowledgement' as const, stage: null };
    expect(deadlineInWords(compliment, at('2026-12-15T10:00:00Z'), calendar).what).toBe(
      'Acknowledgement',
    );
  });

  describe('extended', () => {
    const extension = {
      at: '2026-12-15T10:00:00.000Z',
      previousDueBy: '2026-12-22T23:59:59.999Z',
      dueBy: '2027-01-05T23:59:59.999Z',
      workingDaysAdded: 5,
      reason: 'Statement awaited',
      complainantInformedAt: null,
      override: null,
      by: { id: 'u-ops', name: 'Olu Ops' },
    };
    const extended = {
      ...due,
      dueDate: '2027-01-05',
      dueBy: '2027-01-05T23:59:59.999Z',
      extensions: [extension],
    };

    it('shows the date as first set beside the new one, counted from the new one', () => {
      expect(deadlineInWords(extended, at('2026-12-29T10:00:00Z'), calendar)).toMatchObject({
        dueDate: '2027-01-05',
        originalDueDate: '2026-12-22',
        extended: 'Extended from Tue 22 Dec 2026 by 5 working days',
        standing: 'due',
      });
    });

    it('keeps a deadline missed before its extension missed, with the time left to the new date', () => {
      const missed = { ...extended, missed: true };
      expect(deadlineInWords(missed, at('2026-12-29T10:00:00Z'), calendar)).toMatchObject({
        standing: 'missed',
        tag: 'Missed; now due in 4 working days',
      });
    });
  });
});
