import { bundledPolicy } from '#domain';
import { figureInWords, periodInWords, periodOf, readFigure, readPeriod } from './report-figure';

const policy = bundledPolicy('dmm');
const stage = (n: number) => policy.complaints.stages.find((s) => s.stage === n)!.name;

describe('a report figure in the worklist’s address', () => {
  it('reads one month or a range of months, and no more than five years', () => {
    expect(readPeriod('2026-12')).toEqual(['2026-12']);
    expect(readPeriod('2026-11..2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(readPeriod('2021-01..2025-12')).toHaveLength(60);
    for (const bad of [
      '2021-01..2026-01',
      '2026-12..2026-11',
      '2026-13',
      '',
      '2026-01..2026-02..2026-03',
    ])
      expect(readPeriod(bad)).toBeNull();
  });

  it('writes the period back as it reads it', () => {
    expect(periodOf(readPeriod('2026-01..2026-12')!)).toBe('2026-01..2026-12');
    expect(periodOf(['2026-12'])).toBe('2026-12');
  });

  it('needs a metric of sensible length', () => {
    expect(readFigure('responses.stage-1', '2026-12')).toEqual({
      metric: 'responses.stage-1',
      months: ['2026-12'],
    });
    expect(readFigure('', '2026-12')).toBeNull();
    expect(readFigure('x'.repeat(251), '2026-12')).toBeNull();
    expect(readFigure('responses', 'last year')).toBeNull();
  });

  it('says the period in words', () => {
    expect(periodInWords(['2026-12'])).toBe('Dec 2026');
    expect(periodInWords(readPeriod('2026-01..2026-12')!)).toBe('Jan 2026 to Dec 2026');
  });

  it('says the figure in words, with the policy’s stage names', () => {
    expect(figureInWords('responses.stage-1', policy)).toBe(`responses at ${stage(1)}`);
    expect(figureInWords('acknowledgements.stage-2.late', policy)).toBe(
      `acknowledgements at ${stage(2)}, late`,
    );
    expect(figureInWords('responses.stage-1.on-time', policy)).toBe(
      `responses at ${stage(1)}, on time`,
    );
    expect(figureInWords('received.kind.compliment', policy)).toBe('received: compliments');
    expect(figureInWords('received.category.Fees & funding', policy)).toBe(
      'received about “Fees & funding”',
    );
    expect(figureInWords('received.channel.email', policy)).toBe('received by e-mail');
    expect(figureInWords('outcomes.partially-upheld', policy)).toBe('responses partly upheld');
    expect(figureInWords('closed.withdrawn', policy)).toBe('closed: withdrawn');
    expect(figureInWords('escalations.to-stage-2', policy)).toBe(`escalated to ${stage(2)}`);
    expect(figureInWords('stage-reached.stage-3', policy)).toBe(`reaching ${stage(3)}`);
    expect(figureInWords('external-referrals', policy)).toBe('referred to an external body');
  });
});
