import { asCaseEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { VisibleCase } from '../../cases/case-stream';
import { caseAsOf } from '../../history/case-as-of';
import { casePageView, type CasePageContext } from '../case-page/case-page.view';
import { doerOf, eventInWords } from '../case-page/event-sentences';

/** Characters of a hash shown in the table; the whole hash is a click away. */
export const SHORT_HASH_LENGTH = 12;

/** One row of the history table: an event as it is stored, in words. */
export interface HistoryRow {
  revision: number;
  occurredAt: string;
  recordedAt: string;
  who: string;
  sentence: string;
  details: string[];
  correlationId: string;
  hash: string;
  shortHash: string;
  prevHash: string | null;
  /** At or after the first revision whose chain does not hold. */
  unverified: boolean;
}

export function historyRows(
  events: readonly RecordedEvent[],
  brokenAtRevision: number | null,
): HistoryRow[] {
  return events.map((event) => {
    const { sentence, details } = eventInWords(asCaseEvent(event), event.metadata.actor);
    return {
      revision: event.revision,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      who: doerOf(event.metadata.actor),
      sentence,
      details,
      correlationId: event.metadata.correlationId,
      hash: event.hash,
      shortHash: event.hash.slice(0, SHORT_HASH_LENGTH),
      prevHash: event.prevHash,
      unverified: brokenAtRevision !== null && event.revision >= brokenAtRevision,
    };
  });
}

/** The case page's parts for the case as the system knew it at `instant`, or null before it. */
export function caseThen(visible: VisibleCase, instant: string, context: CasePageContext) {
  const { known, state } = caseAsOf(visible.events, instant);
  if (state === null) return null;
  const view = casePageView(
    { ...visible, state, events: known, revision: known[known.length - 1].revision },
    { ...context, now: new Date(instant) },
  );
  return {
    instant,
    revision: view.revision,
    facts: view.facts,
    parties: view.parties,
    flags: view.flags,
    deadlines: view.deadlines,
  };
}

type CaseThen = NonNullable<ReturnType<typeof caseThen>>;

/** One field of the case whose value differs between two moments. */
export interface FieldChange {
  part: string;
  field: string;
  before: string;
  after: string;
}

const NOTHING = 'Not recorded';

/** Every field of the case's parts, by part and name: what the case page shows. */
function fieldsOf(
  then: CaseThen | null,
): Map<string, { part: string; field: string; value: string }> {
  const parts: Array<[string, Array<{ key: { text: string }; value: { text: string } }>]> = then
    ? [
        ['The case', then.facts],
        ['Complainant', then.parties.complainant],
        ['Representative', then.parties.representative ?? []],
      ]
    : [];
  return new Map(
    parts.flatMap(([part, rows]) =>
      rows.map((row) => [
        `${part}\u0000${row.key.text}`,
        { part, field: row.key.text, value: row.value.text },
      ]),
    ),
  );
}

/** The fields that changed from one moment's case to another's, in the order the page shows them. */
export function fieldChanges(before: CaseThen | null, after: CaseThen | null): FieldChange[] {
  const [earlier, later] = [fieldsOf(before), fieldsOf(after)];
  const keys = [...new Set([...earlier.keys(), ...later.keys()])];
  return keys.flatMap((key) => {
    const [was, is] = [earlier.get(key), later.get(key)];
    if (was?.value === is?.value) return [];
    const { part, field } = (is ?? was)!;
    return [{ part, field, before: was?.value ?? NOTHING, after: is?.value ?? NOTHING }];
  });
}

/** Between two moments: which fields changed, and the events recorded in between. */
export function differenceBetween(
  visible: VisibleCase,
  [from, to]: [string, string],
  context: CasePageContext,
) {
  const [earlier, later] = from <= to ? [from, to] : [to, from];
  const between = visible.events.filter(
    (event) => event.recordedAt > earlier && event.recordedAt <= later,
  );
  return {
    from: earlier,
    to: later,
    changes: fieldChanges(caseThen(visible, earlier, context), caseThen(visible, later, context)),
    events: historyRows(between, visible.integrity.brokenAtRevision),
  };
}
