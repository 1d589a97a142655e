import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundledPolicy,
  caseStream,
  createCaseDecider,
  type Actor,
  type AddNote,
  type AssignOwner,
  type EscalateCase,
  foldCase,
  type ReceiveCase,
} from '#domain';
import { ConcurrencyError, SqliteEventStore, type EventStore } from '#event-store';
import { CaseChangedError, StaleRevisionError } from '../http/problem';
import type { Storage } from '../storage/storage';
import { CaseCommandService } from './case-command.service';
import { envelope } from './case-stream';

const staff: Actor = { id: 'u-sam', name: 'Sam', roles: ['staff'] };
const context = { actor: staff, correlationId: 'req-1' };
const CASE_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const now = () => new Date('2026-11-23T10:00:00Z');
const decider = createCaseDecider(bundledPolicy('dmm'));
const note = (text: string): AddNote => ({ type: 'AddNote', actor: staff, data: { text } });

const rivalNote = (raced: number) => ({
  type: 'NoteAdded',
  occurredAt: now().toISOString(),
  data: { text: `rival ${raced}` },
});

const receiveCase: ReceiveCase = {
  type: 'ReceiveCase',
  actor: staff,
  data: {
    caseId: CASE_ID,
    reference: 'DMM-2026-00001',
    kind: 'complaint',
    channel: 'phone',
    summary: 's',
    complainant: { name: 'A', role: 'learner' },
  },
};

/** The staff directory the owners come from: Tom is in it. */
const directory = {
  findById: async (id: string) =>
    id === 'u-tom'
      ? { id, name: 'Tom', email: 'tom@college.example', roles: ['staff' as const], active: true }
      : undefined,
};

/** A store where someone else appends an event just before each of our first `races` appends. */
function racingStore(
  inner: SqliteEventStore,
  races: number,
  rival: (raced: number) => object,
): EventStore {
  let raced = 0;
  return Object.assign(Object.create(inner) as EventStore, {
    readStream: inner.readStream.bind(inner),
    append: async (...args: Parameters<EventStore['append']>) => {
      if (raced < races) {
        raced += 1;
        await inner.append(
          args[0],
          envelope([rival(raced) as never], {
            context,
            commandId: 'rival',
            policy: decider.policy,
          }),
          'any',
        );
      }
      return inner.append(...args);
    },
  });
}

async function serviceWith(races: number, rival: (raced: number) => object = rivalNote) {
  const inner = new SqliteEventStore({
    filename: join(mkdtempSync(join(tmpdir(), 'clf-svc-')), 'e.db'),
    clock: now,
  });
  await inner.append(
    caseStream(CASE_ID),
    envelope(decider.decide(receiveCase, null, now()), {
      context,
      commandId: 'c',
      policy: decider.policy,
    }),
    'no-stream',
  );
  const storage = { events: racingStore(inner, races, rival) } as Storage;
  return { service: new CaseCommandService(storage, now, decider, directory), inner };
}

describe('CaseCommandService: optimistic concurrency', () => {
  it('decides again on fresh state when it loses a race, and lands after the rival', async () => {
    const { service, inner } = await serviceWith(2);
    const result = await service.execute(CASE_ID, note('mine'), { context });
    expect(result.revision).toBe(3);
    const texts = (await inner.readStream(caseStream(CASE_ID)))
      .slice(1)
      .map((e) => (e.data as { text: string }).text);
    expect(texts).toEqual(['rival 1', 'rival 2', 'mine']);
  });

  it('gives up after five lost races rather than spinning', async () => {
    const { service } = await serviceWith(5);
    await expect(service.execute(CASE_ID, note('mine'), { context })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });

  it('does not retry when the caller sent If-Match: the race is theirs to resolve (412)', async () => {
    const { service } = await serviceWith(1);
    const refusal = await service
      .execute(CASE_ID, note('mine'), { context, ifMatch: '"0"' })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(StaleRevisionError);
    expect((refusal as StaleRevisionError).currentRevision).toBe(1);
  });

  it('refuses (409, current revision) rather than record something other than what was first decided', async () => {
    const manager: Actor = { id: 'u-olu', name: 'Olu', roles: ['operations-manager'] };
    const assign: AssignOwner = {
      type: 'AssignOwner',
      actor: manager,
      data: { owner: { id: 'u-tom', name: 'Tom' } },
    };
    // Meanwhile a colleague gave the case to someone else: "from nobody to Tom" is no longer what would happen.
    const { service, inner } = await serviceWith(1, () => ({
      type: 'OwnerAssigned',
      occurredAt: now().toISOString(),
      data: { owner: { id: 'u-kim', name: 'Kim' }, previousOwner: null },
    }));
    const refusal = await service
      .execute(CASE_ID, assign, { context: { ...context, actor: manager } })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CaseChangedError);
    expect((refusal as CaseChangedError).currentRevision).toBe(1);
    expect(await inner.readStream(caseStream(CASE_ID))).toHaveLength(2);
  });

  it('refuses (409) when deciding again on the fresh case is refused: a double-clicked escalation', async () => {
    const manager: Actor = { id: 'u-olu', name: 'Olu', roles: ['operations-manager'] };
    const escalate: EscalateCase = {
      type: 'EscalateCase',
      actor: manager,
      data: { reason: 'Wrote in', inWriting: true },
    };
    const [rivalEscalation] = decider.decide(
      escalate,
      foldCase(decider.decide(receiveCase, null, now())),
      now(),
    );
    const { service, inner } = await serviceWith(1, () => rivalEscalation);
    const refusal = await service
      .execute(CASE_ID, escalate, { context: { ...context, actor: manager } })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CaseChangedError);
    const stages = (await inner.readStream(caseStream(CASE_ID))).map(
      (e) => (e.data as { toStage?: number }).toStage,
    );
    expect(stages).toEqual([undefined, 2]);
  });
});
