import dmmJson from './bundled/dmm.policy.json';
import { bundledPolicy, isBundledPolicyId } from './bundled-policies';
import { parsePolicy } from './parse-policy';
import { PolicyValidationError } from './policy-validation.error';

const copy = (): Record<string, any> => JSON.parse(JSON.stringify(dmmJson));

function problemsOf(json: unknown): Array<{ field: string; reason: string }> {
  try {
    parsePolicy(json, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return (error as PolicyValidationError).problems;
  }
  throw new Error('expected the policy to be refused');
}

describe('policy files', () => {
  it('bundles dmm and mactri, both valid', () => {
    expect(bundledPolicy('dmm')).toMatchObject({
      id: 'dmm',
      referencePrefix: 'DMM',
      timeZone: 'Europe/London',
    });
    expect(bundledPolicy('mactri').rules).toEqual({
      writtenComplaintsAreFormal: true,
      unresolvedSameDayEscalates: true,
      nextStageHandledBySomeoneElse: false,
    });
    expect(isBundledPolicyId('dmm')).toBe(true);
    expect(isBundledPolicyId('toString')).toBe(false);
  });

  it('encodes DMM’s stages as its written policy gives them', () => {
    const [one, two, three, four] = bundledPolicy('dmm').complaints.stages;
    expect(one).toMatchObject({
      acknowledgeWithinWorkingDays: 2,
      respondWithinWorkingDays: null,
      entryRequiresWriting: false,
    });
    expect(two).toMatchObject({
      respondWithinWorkingDays: 10,
      entryRequiresWriting: true,
      nextStageRequestWithinCalendarMonths: 1,
      autoCloseAfterSilenceCalendarMonths: 1,
    });
    expect(three).toMatchObject({
      respondWithinWorkingDays: 10,
      autoCloseAfterSilenceCalendarMonths: 1,
    });
    expect(four).toMatchObject({
      external: true,
      externalBody: { name: expect.stringContaining('ESFA') },
    });
  });

  it('allows 10 working days of extension at each stage with a clock, in both bundled policies', () => {
    for (const id of ['dmm', 'mactri'] as const) {
      const allowances = bundledPolicy(id).complaints.stages.map((s) => s.extensionMaxWorkingDays);
      expect(allowances).toEqual([10, 10, 10, null]);
      expect(bundledPolicy(id).notes).toContainEqual(
        expect.stringContaining('extended by up to 10'),
      );
    }
  });

  it('names the field and the reason for each problem, all at once', () => {
    const json = copy();
    delete json.referencePrefix;
    json.timeZone = 'Mars/Olympus';
    json.complaints.stages[1].respondWithinWorkingDays = 0;
    const problems = problemsOf(json);
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'referencePrefix', reason: 'is required and must be a non-empty string' },
        { field: 'timeZone', reason: expect.stringContaining('IANA time zone') },
        {
          field: 'complaints.stages[1].respondWithinWorkingDays',
          reason: expect.stringContaining('whole number'),
        },
      ]),
    );
    expect(() => parsePolicy(json, 'test.json')).toThrow(
      /test\.json is not valid:\n(.|\n)*- referencePrefix: is required/,
    );
  });

  it('reminds staff a working day before a deadline unless the policy says otherwise', () => {
    expect(bundledPolicy('mactri').notifications).toEqual({
      reminderWorkingDaysBefore: 1,
      stalledAfterWorkingDays: 10,
    });
    const json = copy();
    delete json.notifications;
    expect(parsePolicy(json, 'test.json').notifications).toEqual({
      reminderWorkingDaysBefore: 1,
      stalledAfterWorkingDays: null,
    });
    json.notifications = { reminderWorkingDaysBefore: 0 };
    expect(problemsOf(json)).toEqual([
      {
        field: 'notifications.reminderWorkingDaysBefore',
        reason: expect.stringContaining('whole number'),
      },
    ]);
  });

  it('keeps personal data six years after closure in both bundled policies, and checks the years', () => {
    expect(bundledPolicy('mactri').retention).toEqual({ personalDataYearsAfterClosure: 6 });
    expect(bundledPolicy('dmm').retention).toEqual({ personalDataYearsAfterClosure: 6 });
    const json = copy();
    delete json.retention;
    expect(parsePolicy(json, 'test.json').retention).toEqual({ personalDataYearsAfterClosure: 6 });
    json.retention = { personalDataYearsAfterClosure: 0 };
    expect(problemsOf(json)).toEqual([
      {
        field: 'retention.personalDataYearsAfterClosure',
        reason: 'must be a whole number from 1 to 50',
      },
    ]);
    json.retention = { personalDataYearsAfterClosure: 2.5 };
    expect(problemsOf(json)).toHaveLength(1);
  });

  it('refuses a misspelt field rather than silently dropping a deadline', () => {
    const json = copy();
    json.complaints.stages[1].respondWithinWorkingDay = 10;
    expect(problemsOf(json)).toContainEqual({
      field: 'complaints.stages[1].respondWithinWorkingDay',
      reason: 'is not a policy field (misspelt?)',
    });
  });

  it.each([
    [
      'an unknown holiday region',
      (j: any) => (j.holidayRegion = { country: 'GB', region: 'XXX' }),
      'holidayRegion',
    ],
    ['a closure that is not a date', (j: any) => (j.closures = ['2026-02-30']), 'closures[0]'],
    [
      'stages out of order',
      (j: any) => (j.complaints.stages[1].stage = 3),
      'complaints.stages[1].stage',
    ],
    [
      'an external stage with a clock',
      (j: any) => (j.complaints.stages[3].respondWithinWorkingDays = 5),
      'complaints.stages[3].respondWithinWorkingDays',
    ],
    [
      'an extension allowance on a stage without a clock',
      (j: any) => {
        j.complaints.stages[0].acknowledgeWithinWorkingDays = null;
      },
      'complaints.stages[0].extensionMaxWorkingDays',
    ],
    [
      'an extension allowance on an external stage',
      (j: any) => (j.complaints.stages[3].extensionMaxWorkingDays = 5),
      'complaints.stages[3].extensionMaxWorkingDays',
    ],
    [
      'an extension allowance that is not a whole number',
      (j: any) => (j.complaints.stages[1].extensionMaxWorkingDays = 2.5),
      'complaints.stages[1].extensionMaxWorkingDays',
    ],
    [
      'an external stage that is not last',
      (j: any) => j.complaints.stages.push({ ...j.complaints.stages[2], stage: 5 }),
      'complaints.stages[3].external',
    ],
    [
      'an entry stage that does not exist',
      (j: any) => (j.complaints.formalEntryStage = 9),
      'complaints.formalEntryStage',
    ],
    [
      'an external entry stage',
      (j: any) => (j.complaints.formalEntryStage = 4),
      'complaints.formalEntryStage',
    ],
    ['a bad reference prefix', (j: any) => (j.referencePrefix = 'dmm-'), 'referencePrefix'],
    [
      'a rule that is not a boolean',
      (j: any) => (j.rules.writtenComplaintsAreFormal = 'yes'),
      'rules.writtenComplaintsAreFormal',
    ],
    [
      'informal entry after formal entry',
      (j: any) => (j.complaints.informalEntryStage = 3),
      'complaints.informalEntryStage',
    ],
    [
      'same-day escalation with no stage to move to',
      (j: any) => {
        j.rules.unresolvedSameDayEscalates = true;
        j.complaints.stages.splice(1);
      },
      'rules.unresolvedSameDayEscalates',
    ],
    [
      'an external body on an internal stage',
      (j: any) => (j.complaints.stages[1].externalBody = { name: 'X' }),
      'complaints.stages[1].externalBody',
    ],
    ['no feedback section', (j: any) => delete j.feedback, 'feedback'],
    [
      'an internal stage that does not say who decides',
      (j: any) => delete j.complaints.stages[1].decidedBy,
      'complaints.stages[1].decidedBy',
    ],
    [
      'a role this system does not know',
      (j: any) => (j.complaints.stages[1].decidedBy.respondAndClose = ['operations-director']),
      'complaints.stages[1].decidedBy.respondAndClose',
    ],
    [
      'nobody to move a complaint on',
      (j: any) => (j.complaints.stages[0].decidedBy.moveOn = []),
      'complaints.stages[0].decidedBy.moveOn',
    ],
    [
      'deciders on an external stage',
      (j: any) => (j.complaints.stages[3].decidedBy = { respondAndClose: ['staff'], moveOn: [] }),
      'complaints.stages[3].decidedBy',
    ],
  ])('refuses %s', (_, change, field) => {
    const json = copy();
    change(json);
    expect(problemsOf(json).map((p) => p.field)).toContain(field);
  });

  it('refuses something that is not an object', () => {
    expect(problemsOf([1, 2])).toEqual([{ field: '(root)', reason: 'must be a JSON object' }]);
  });
});
