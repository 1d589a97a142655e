import {
  ENGLAND_AND_WALES,
  isKnownHolidayRegion,
  isLocalDate,
  isValidTimeZone,
  type HolidayRegion,
  type LocalDate,
} from '#calendar';
import { ROLES, type Role } from '../case/case.model';
import type {
  FeedbackPolicy,
  Policy,
  StaffNotificationPolicy,
  RetentionPolicy,
  StageDeciders,
  StagePolicy,
} from './policy';
import { DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS } from './policy';
import { PolicyValidationError, type PolicyProblem } from './policy-validation.error';

type Json = Record<string, unknown>;

/**
 * Reads fields of an untrusted JSON object, recording a problem (with its dotted path)
 * for each one that is missing or of the wrong shape instead of stopping at the first.
 */
class FieldReader {
  private readonly read = new Set<string>();

  constructor(
    private readonly problems: PolicyProblem[],
    private readonly object: Json,
    private readonly path: string,
    private readonly readers: FieldReader[] = [],
  ) {
    readers.push(this);
  }

  /** A misspelt key would silently drop a deadline, so every key must be one we read. */
  static reportUnknownFields(root: FieldReader): void {
    for (const reader of root.readers) {
      for (const key of Object.keys(reader.object)) {
        if (!reader.read.has(key)) reader.problem(key, 'is not a policy field (misspelt?)');
      }
    }
  }

  private child(name: string, value: Json): FieldReader {
    return new FieldReader(this.problems, value, this.field(name), this.readers);
  }

  private value(name: string): unknown {
    this.read.add(name);
    return this.object[name];
  }

  private field(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  problem(name: string, reason: string): void {
    this.problems.push({ field: this.field(name), reason });
  }

  string(name: string, pattern?: RegExp, patternReason?: string): string {
    const value = this.value(name);
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(name, 'is required and must be a non-empty string');
      return '';
    }
    if (pattern && !pattern.test(value))
      this.problem(name, patternReason ?? `must match ${pattern}`);
    return value;
  }

  optionalString(name: string, fallback: string | null): string | null {
    const value = this.value(name);
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string') {
      this.problem(name, 'must be a string or null');
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.value(name);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') this.problem(name, 'must be true or false');
    return value === true;
  }

  /** A whole number ≥ 1, or null for "no such clock". */
  duration(name: string): number | null {
    const value = this.value(name);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 366) {
      this.problem(name, 'must be a whole number from 1 to 366, or null');
      return null;
    }
    return value;
  }

  /** A whole number from `min` to `max`, or null when absent (or wrong, with a problem). */
  wholeNumber(name: string, min: number, max: number): number | null {
    const value = this.value(name);
    if (value === undefined) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problem(name, `must be a whole number from ${min} to ${max}`);
      return null;
    }
    return value;
  }

  integer(name: string): number {
    const value = this.value(name);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.problem(name, 'is required and must be a whole number');
      return 0;
    }
    return value;
  }

  object_(name: string): FieldReader {
    const value = this.value(name);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(name, 'is required and must be an object');
      return this.child(name, {});
    }
    return this.child(name, value as Json);
  }

  optionalObject(name: string): FieldReader | null {
    const value = this.value(name);
    if (value === undefined || value === null) return null;
    return this.object_(name);
  }

  array(name: string, required: boolean): unknown[] {
    const value = this.value(name);
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      this.problem(name, required ? 'is required and must be an array' : 'must be an array');
      return [];
    }
    return value;
  }

  /** A non-empty list of the system's roles, without repeats. */
  roles(name: string): Role[] {
    const value = this.value(name);
    const known = (role: unknown): role is Role => ROLES.includes(role as Role);
    if (!Array.isArray(value) || value.length === 0 || !value.every(known)) {
      this.problem(name, `is required: a list of one or more of ${ROLES.join(', ')}`);
      return [];
    }
    return [...new Set(value)];
  }

  objects(name: string): FieldReader[] {
    return this.array(name, true).map((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        this.problem(`${name}[${index}]`, 'must be an object');
        return this.child(`${name}[${index}]`, {});
      }
      return this.child(`${name}[${index}]`, item as Json);
    });
  }
}

const ID = /^[a-z][a-z0-9-]{0,31}$/;
const PREFIX = /^[A-Z][A-Z0-9]{1,9}$/;

function readDeciders(reader: FieldReader | null): StageDeciders | null {
  if (!reader) return null;
  return { respondAndClose: reader.roles('respondAndClose'), moveOn: reader.roles('moveOn') };
}

function readStage(reader: FieldReader, position: number): StagePolicy {
  const stage = reader.integer('stage');
  if (stage !== position + 1)
    reader.problem('stage', `must be ${position + 1}: stages are numbered 1, 2, 3… in order`);
  const external = reader.boolean('external', false);
  const body = reader.optionalObject('externalBody');
  const decidedBy = readDeciders(reader.optionalObject('decidedBy'));
  const stagePolicy: StagePolicy = {
    stage,
    name: reader.string('name'),
    handledBy: reader.string('handledBy'),
    external,
    externalBody: body
      ? { name: body.string('name'), contact: body.optionalString('contact', null) }
      : null,
    acknowledgeWithinWorkingDays: reader.duration('acknowledgeWithinWorkingDays'),
    respondWithinWorkingDays: reader.duration('respondWithinWorkingDays'),
    extensionMaxWorkingDays: reader.duration('extensionMaxWorkingDays'),
    entryRequiresWriting: reader.boolean('entryRequiresWriting', false),
    nextStageRequestWithinCalendarMonths: reader.duration('nextStageRequestWithinCalendarMonths'),
    autoCloseAfterSilenceCalendarMonths: reader.duration('autoCloseAfterSilenceCalendarMonths'),
    decidedBy,
  };
  if (external && decidedBy)
    reader.problem('decidedBy', 'must be left out: an external stage has no internal handler');
  if (!external && !decidedBy) {
    reader.problem(
      'decidedBy',
      'is required: {"respondAndClose": [roles], "moveOn": [roles]}, who may respond and close at this stage, and move a complaint on from it',
    );
  }
  if (external) {
    if (!body) reader.problem('externalBody', 'is required for an external stage');
    for (const clock of [
      'acknowledgeWithinWorkingDays',
      'respondWithinWorkingDays',
      'extensionMaxWorkingDays',
      'nextStageRequestWithinCalendarMonths',
      'autoCloseAfterSilenceCalendarMonths',
    ] as const) {
      if (stagePolicy[clock] !== null)
        reader.problem(clock, 'must be null: an external stage has no internal clock');
    }
  }
  const hasClock =
    stagePolicy.acknowledgeWithinWorkingDays !== null ||
    stagePolicy.respondWithinWorkingDays !== null;
  if (!external && !hasClock && stagePolicy.extensionMaxWorkingDays !== null)
    reader.problem('extensionMaxWorkingDays', 'must be null: the stage has no deadline to extend');
  return stagePolicy;
}

function readFeedback(reader: FieldReader): FeedbackPolicy {
  return {
    acknowledgeWithinWorkingDays: reader.duration('acknowledgeWithinWorkingDays'),
    respondWithinWorkingDays: reader.duration('respondWithinWorkingDays'),
    autoCloseAfterSilenceCalendarMonths: reader.duration('autoCloseAfterSilenceCalendarMonths'),
  };
}

/** Reminders go a working day before a deadline unless the policy says otherwise. */
export const DEFAULT_REMINDER_WORKING_DAYS_BEFORE = 1;

function readNotifications(reader: FieldReader | null): StaffNotificationPolicy {
  return {
    reminderWorkingDaysBefore:
      reader?.duration('reminderWorkingDaysBefore') ?? DEFAULT_REMINDER_WORKING_DAYS_BEFORE,
    stalledAfterWorkingDays: reader?.duration('stalledAfterWorkingDays') ?? null,
  };
}

function readRetention(reader: FieldReader | null): RetentionPolicy {
  const years = reader?.wholeNumber('personalDataYearsAfterClosure', 1, MAX_RETENTION_YEARS);
  return { personalDataYearsAfterClosure: years ?? DEFAULT_RETENTION_YEARS };
}

function readHolidayRegion(reader: FieldReader | null): HolidayRegion {
  if (!reader) return ENGLAND_AND_WALES;
  const country = reader.string('country');
  const region = reader.optionalString('region', null);
  return region === null ? { country } : { country, region };
}

function checkStages(reader: FieldReader, complaints: Policy['complaints']): void {
  const { stages } = complaints;
  if (stages.length === 0) reader.problem('stages', 'must list at least one stage');
  stages.forEach((stage, index) => {
    if (stage.external && index !== stages.length - 1) {
      reader.problem(`stages[${index}].external`, 'only the last stage may be external');
    }
  });
  for (const entry of ['informalEntryStage', 'formalEntryStage'] as const) {
    const stage = stages.find((s) => s.stage === complaints[entry]);
    if (!stage) reader.problem(entry, `must name one of the stages (1–${stages.length})`);
    else if (stage.external) reader.problem(entry, 'cannot be an external stage');
  }
}

/** Combinations of fields that each look fine alone but leave a rule with nothing to do. */
function checkRules(root: FieldReader, policy: Policy): void {
  const { informalEntryStage, formalEntryStage, stages } = policy.complaints;
  if (informalEntryStage > formalEntryStage) {
    root.problem(
      'complaints.informalEntryStage',
      'must not be a later stage than formalEntryStage',
    );
  }
  const next = stages.find((s) => s.stage === informalEntryStage + 1);
  if (policy.rules.unresolvedSameDayEscalates && (!next || next.external)) {
    root.problem(
      'rules.unresolvedSameDayEscalates',
      'needs an internal stage after the informal entry stage to move complaints to',
    );
  }
  stages.forEach((stage, index) => {
    if (!stage.external && stage.externalBody) {
      root.problem(`complaints.stages[${index}].externalBody`, 'applies only to an external stage');
    }
  });
}

/**
 * Turns untrusted JSON into a Policy, or throws a PolicyValidationError listing every
 * problem with its field. `source` names the file in the message.
 */
export function parsePolicy(json: unknown, source = 'policy'): Policy {
  const problems: PolicyProblem[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PolicyValidationError(source, [{ field: '(root)', reason: 'must be a JSON object' }]);
  }
  const root = new FieldReader(problems, json as Json, '');

  const timeZone = root.optionalString('timeZone', 'Europe/London') ?? 'Europe/London';
  if (!isValidTimeZone(timeZone))
    root.problem('timeZone', 'must be an IANA time zone such as Europe/London');

  const holidayRegion = readHolidayRegion(root.optionalObject('holidayRegion'));
  if (!isKnownHolidayRegion(holidayRegion)) {
    root.problem(
      'holidayRegion',
      'must be a country and region known to date-holidays, e.g. {"country": "GB", "region": "ENG"}',
    );
  }

  const closures = root.array('closures', false).filter((value, index): value is LocalDate => {
    if (isLocalDate(value)) return true;
    root.problem(`closures[${index}]`, 'must be a date written YYYY-MM-DD');
    return false;
  });

  const notes = root.array('notes', false).filter((value, index): value is string => {
    if (typeof value === 'string') return true;
    root.problem(`notes[${index}]`, 'must be a string');
    return false;
  });

  const rules = root.object_('rules');
  const complaintsReader = root.object_('complaints');
  const complaints: Policy['complaints'] = {
    informalEntryStage: complaintsReader.integer('informalEntryStage'),
    formalEntryStage: complaintsReader.integer('formalEntryStage'),
    stages: complaintsReader.objects('stages').map(readStage),
  };
  checkStages(complaintsReader, complaints);

  const feedback = root.object_('feedback');
  const policy: Policy = {
    id: root.string(
      'id',
      ID,
      'must be lower-case letters, digits and hyphens, starting with a letter',
    ),
    version: root.string('version'),
    name: root.string('name'),
    organisation: root.string('organisation'),
    referencePrefix: root.string(
      'referencePrefix',
      PREFIX,
      'must be 2–10 capital letters or digits, starting with a letter',
    ),
    timeZone,
    holidayRegion,
    closures,
    rules: {
      writtenComplaintsAreFormal: rules.boolean('writtenComplaintsAreFormal', false),
      unresolvedSameDayEscalates: rules.boolean('unresolvedSameDayEscalates', false),
      nextStageHandledBySomeoneElse: rules.boolean('nextStageHandledBySomeoneElse', false),
    },
    notifications: readNotifications(root.optionalObject('notifications')),
    retention: readRetention(root.optionalObject('retention')),
    complaints,
    feedback: {
      compliment: readFeedback(feedback.object_('compliment')),
      suggestion: readFeedback(feedback.object_('suggestion')),
    },
    notes,
  };
  checkRules(root, policy);
  FieldReader.reportUnknownFields(root);
  if (problems.length > 0) throw new PolicyValidationError(source, problems);
  return policy;
}
