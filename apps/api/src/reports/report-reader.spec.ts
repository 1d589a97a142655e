import { ForbiddenException } from '@nestjs/common';
import { bundledPolicy, createCaseDecider, type Role } from '#domain';
import type { FactFilter, ReadSide } from '#read-models';
import { InputValidationError } from '../http/problem';
import { ReportReader } from './report-reader';

/** A read side that records what it was asked and has nothing to tell. */
function recordingReadSide() {
  const asked: Array<{ months: readonly string[]; filter?: FactFilter }> = [];
  const themes: Array<readonly string[]> = [];
  const store = {
    facts: async (months: readonly string[], filter?: FactFilter) => {
      asked.push({ months, filter });
      return { totals: {}, durations: {} };
    },
    themes: async (months: readonly string[]) => {
      themes.push(months);
      return [];
    },
  };
  return { readSide: { store: () => store } as unknown as ReadSide, asked, themes };
}

const reader = (role: Role = 'quality') => {
  const recorded = recordingReadSide();
  const reports = new ReportReader(
    recorded.readSide,
    createCaseDecider(bundledPolicy('dmm')),
    // 00:30 on 1 Jul 2026 in London (BST): July there, though still June in UTC.
    () => new Date('2026-06-30T23:30:00Z'),
  );
  return { reports, actor: { id: 'u-1', roles: [role] }, ...recorded };
};

describe('ReportReader', () => {
  it('reads this month in the policy’s time zone when no month is asked for', async () => {
    const { reports, actor, asked } = reader();
    const report = await reports.monthly(actor, {});
    expect(report).toMatchObject({ from: '2026-07', to: '2026-07' });
    expect(asked).toEqual([{ months: ['2026-07'], filter: undefined }]);
  });

  it('reads each month of a run and the run as a whole', async () => {
    const { reports, actor, asked } = reader();
    await reports.monthly(actor, { from: '2026-01', to: '2026-03' });
    expect(asked.map((a) => a.months)).toEqual([
      ['2026-01'],
      ['2026-02'],
      ['2026-03'],
      ['2026-01', '2026-02', '2026-03'],
    ]);
  });

  it('reads a year’s formal complaints for the annual report', async () => {
    const { reports, actor, asked } = reader();
    expect((await reports.annual(actor)).year).toBe(2026);
    expect(asked[0].months).toHaveLength(12);
    expect(asked[0].filter).toEqual({ kind: 'complaint', formality: 'formal' });
  });

  it('reads themes for the twelve months to this one, and refuses a run backwards', async () => {
    const { reports, actor, themes } = reader();
    expect(await reports.themes(actor, {})).toMatchObject({ from: '2025-08', to: '2026-07' });
    expect(themes[0]).toHaveLength(12);
    await expect(reports.themes(actor, { from: '2026-09', to: '2026-08' })).rejects.toThrow(
      InputValidationError,
    );
  });

  it.each<Role>(['staff', 'admin'])(
    'refuses %s every report before reading anything',
    async (role) => {
      const { reports, actor, asked, themes } = reader(role);
      await expect(reports.monthly(actor, {})).rejects.toThrow(ForbiddenException);
      await expect(reports.annual(actor)).rejects.toThrow(ForbiddenException);
      await expect(reports.themes(actor, {})).rejects.toThrow(ForbiddenException);
      expect([...asked, ...themes]).toEqual([]);
    },
  );
});
