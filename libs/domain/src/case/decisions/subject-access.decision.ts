import type { RecordSubjectAccessExport } from '../case.commands';
import type { CaseEvent } from '../case.events';
import type { CaseState } from '../case.state';
import { personOf, requireCase, type DecisionContext } from './decision-context';

/** Recording the same export again (a retried request) changes nothing. */
export function recordSubjectAccessExport(
  command: RecordSubjectAccessExport,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  const { exportId, matchedOn } = command.data;
  if (found.personalDataExports.includes(exportId)) return [];
  return [
    {
      type: 'PersonalDataExported',
      occurredAt: context.now.toISOString(),
      data: { exportId, matchedOn, requestedBy: personOf(command.actor) },
    },
  ];
}
