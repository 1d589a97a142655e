import type { FeedbackPolicy, Policy, StagePolicy } from '#domain';
import type { AppConfig } from '../../config/app-config';
import type { Readiness } from '../../health/readiness';

/** A row of a summary list: a label and its value, as text. */
export interface Row {
  key: string;
  value: string;
}

/** Rows as GOV.UK's summary list takes them. */
export const summaryRows = (rows: readonly Row[]) =>
  rows.map(({ key, value }) => ({ key: { text: key }, value: { text: value } }));

/** Query parameters of a connection string that carry secrets rather than where to connect. */
const SECRET_PARAMETER = /pass|secret|token|key|credential/i;

/**
 * Where a connection string points, without its secrets: no user name or password, and no
 * parameter that holds a password, key or token.
 */
export function withoutSecrets(connection: string): string {
  const [address, query] = connection.split('?', 2) as [string, string | undefined];
  const bare = address.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
  if (!query) return bare;
  const kept = new URLSearchParams(query);
  for (const name of [...kept.keys()]) if (SECRET_PARAMETER.test(name)) kept.delete(name);
  const rest = kept.toString();
  return rest ? `${bare}?${rest}` : bare;
}

/** Where this server keeps its data, for the profile it runs. */
export function storageRows(config: AppConfig): Row[] {
  if (config.profile === 'embedded') return [{ key: 'Data directory', value: config.dataDir }];
  return [
    { key: 'Event store', value: withoutSecrets(config.eventStoreConnectionString ?? '') },
    { key: 'MongoDB', value: withoutSecrets(config.mongodbUri ?? '') },
  ];
}

const days = (n: number | null, what: string) =>
  n === null ? null : `${what} within ${n} working day${n === 1 ? '' : 's'}`;
const months = (n: number | null, what: string) =>
  n === null ? null : `${what} ${n} calendar month${n === 1 ? '' : 's'}`;

/** A stage's deadlines in words, or why it has none. */
export function stageDeadlines(stage: StagePolicy): string[] {
  if (stage.external)
    return [`Referred to ${stage.externalBody?.name ?? 'an external body'}: no internal deadlines`];
  const said = [
    days(stage.acknowledgeWithinWorkingDays, 'Acknowledge'),
    days(stage.respondWithinWorkingDays, 'Respond'),
    months(stage.nextStageRequestWithinCalendarMonths, 'The next stage may be asked for within'),
    months(stage.autoCloseAfterSilenceCalendarMonths, 'Closed when nothing is heard for'),
  ].filter((line): line is string => line !== null);
  return said.length ? said : ['No deadlines'];
}

export function feedbackDeadlines(feedback: FeedbackPolicy): string[] {
  const said = [
    days(feedback.acknowledgeWithinWorkingDays, 'Acknowledge'),
    days(feedback.respondWithinWorkingDays, 'Respond, when a response was asked for,'),
    months(feedback.autoCloseAfterSilenceCalendarMonths, 'Closed when nothing is heard for'),
  ].filter((line): line is string => line !== null);
  return said.length ? said : ['No deadlines'];
}

/** The policy's stages, and compliments and suggestions, each with its deadlines. */
export function policyRows(policy: Policy) {
  return [
    ...policy.complaints.stages.map((stage) => ({
      name: `Stage ${stage.stage}: ${stage.name}`,
      handledBy: stage.external ? (stage.externalBody?.name ?? 'External') : stage.handledBy,
      deadlines: stageDeadlines(stage),
    })),
    {
      name: 'Compliments',
      handledBy: '',
      deadlines: feedbackDeadlines(policy.feedback.compliment),
    },
    {
      name: 'Suggestions',
      handledBy: '',
      deadlines: feedbackDeadlines(policy.feedback.suggestion),
    },
  ];
}

const CHECK_WORDS: Record<string, string> = {
  ok: 'Working',
  unavailable: 'Cannot be reached',
  behind: 'Behind',
};

/** The readiness checks (as /health/ready answers them), in words. */
export function healthRows(readiness: Readiness): Row[] {
  const { eventStore, documents, readModels } = readiness.checks;
  const lag =
    readModels.status === 'unavailable'
      ? ''
      : ` (${readModels.lagEvents} events, ${readModels.lagSeconds} seconds behind${readModels.failed ? `; stopped: ${readModels.failed}` : ''})`;
  return [
    {
      key: 'Overall',
      value: readiness.status === 'ready' ? 'Ready to take work' : 'Not ready to take work',
    },
    { key: 'Event store', value: CHECK_WORDS[eventStore] },
    { key: 'Documents', value: CHECK_WORDS[documents] },
    { key: 'Read models', value: `${CHECK_WORDS[readModels.status]}${lag}` },
  ];
}
