import { CronExpression } from '@nestjs/schedule';
import { countsInWords, durationInWords, jobName, jobPurpose, scheduleInWords } from './job-words';

describe('the scheduled jobs in words', () => {
  it('names each job, and a job it does not know by its code', () => {
    expect(jobName('sla-sweep')).toBe('Missed deadlines');
    expect(jobPurpose('auto-close')).toContain('Closes');
    expect(jobName('nightly-tidy-up')).toBe('Nightly tidy up');
    expect(jobPurpose('nightly-tidy-up')).toBe('');
  });

  it('says a timer’s schedule as people would', () => {
    expect(scheduleInWords(CronExpression.EVERY_5_MINUTES)).toBe('Every 5 minutes');
    expect(scheduleInWords(CronExpression.EVERY_HOUR)).toBe('Every hour');
    expect(scheduleInWords(CronExpression.EVERY_DAY_AT_2AM)).toBe('At 02:00 AM');
  });

  it('says how long a run took', () => {
    expect(durationInWords('2026-12-07T09:00:00.000Z', '2026-12-07T09:00:00.400Z')).toBe(
      '0.4 seconds',
    );
    expect(durationInWords('2026-12-07T09:00:00.000Z', '2026-12-07T09:00:12.000Z')).toBe(
      '12 seconds',
    );
    expect(durationInWords('2026-12-07T09:00:00.000Z', '2026-12-07T09:03:05.000Z')).toBe(
      '3 minutes 5 seconds',
    );
    expect(durationInWords('2026-12-07T09:00:00.000Z', '2026-12-07T09:01:00.000Z')).toBe(
      '1 minute',
    );
  });

  it('says what a run did, the most frequent first', () => {
    expect(countsInWords({ AcknowledgementDeadlineMissed: 1, ResponseDeadlineMissed: 3 })).toEqual([
      'Response deadline missed: 3',
      'Acknowledgement deadline missed: 1',
    ]);
    expect(countsInWords({})).toEqual([]);
  });
});
