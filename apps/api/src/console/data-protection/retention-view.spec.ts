import { bundledPolicy, calendarFor } from '#domain';
import type { CaseSummary } from '#read-models';
import { dueRows, heldRows, retentionHorizon } from './retention-view';

const policy = bundledPolicy('dmm');
const calendar = calendarFor(policy);

const summary = (reference: string, extra: Partial<CaseSummary>) =>
  ({ reference, closedAt: null, legalHold: null, ...extra }) as CaseSummary;

describe('the retention page’s lists', () => {
  it('looks to the end of the 30th local day ahead', () => {
    // 9 July 2026 (BST) + 30 days = 8 August, which ends at 22:59:59.999 UTC.
    expect(retentionHorizon(new Date('2026-07-09T12:00:00Z'), calendar)).toBe(
      '2026-08-08T22:59:59.999Z',
    );
  });

  it('lists cases due for erasure soonest first, with the local day each is closed and erased', () => {
    const rows = dueRows(
      [
        summary('DMM-2020-00002', { closedAt: '2020-12-31T23:30:00.000Z' }),
        summary('DMM-2020-00001', { closedAt: '2020-02-29T12:00:00.000Z' }),
      ],
      policy,
      calendar,
      new Date('2026-03-01T09:00:00Z'),
    );
    expect(rows).toEqual([
      {
        reference: 'DMM-2020-00001',
        href: '/cases/DMM-2020-00001',
        closedOn: 'Sat 29 Feb 2020',
        erasedOn: 'Sun 1 Mar 2026',
        overdue: true,
      },
      {
        reference: 'DMM-2020-00002',
        href: '/cases/DMM-2020-00002',
        closedOn: 'Thu 31 Dec 2020',
        erasedOn: 'Fri 1 Jan 2027',
        overdue: false,
      },
    ]);
  });

  it('lists held cases longest held first, with the reason and who placed the hold', () => {
    const hold = (since: string) => ({ reason: 'Claim', since, by: { id: 'dee', name: 'Dee' } });
    const rows = heldRows(
      [
        summary('DMM-2026-00002', { legalHold: hold('2026-12-07T10:00:00.000Z') }),
        summary('DMM-2026-00001', { legalHold: hold('2026-11-02T10:00:00.000Z') }),
      ],
      policy.timeZone,
    );
    expect(rows.map((row) => row.reference)).toEqual(['DMM-2026-00001', 'DMM-2026-00002']);
    expect(rows[0]).toMatchObject({ since: 'Mon 2 Nov 2026, 10:00am', reason: 'Claim', by: 'Dee' });
  });
});
