import type { Case, SentLetter } from '#domain';
import type { DueWork, ReadModelStore, StoredCase } from '#read-models';
import { MailQueue } from './mail-queue';

const caseId = (n: number) => `0d0c6a4e-4b8f-4c1e-9d39-${String(n).padStart(12, '0')}`;

/** The read models as far as the outbox reads them: the outbox index, and the cases by id. */
function readModels(cases: Array<{ n: number; letters: SentLetter[] }>) {
  const states = new Map(
    cases.map(({ n, letters }) => [
      caseId(n),
      { id: caseId(n), reference: `DMM-2026-${n}`, letters } as unknown as Case,
    ]),
  );
  const loaded: string[][] = [];
  const store = {
    dueWork: async (work: string, _: string, page: { limit: number; after?: DueWork }) => {
      expect(work).toBe('outbox');
      const held = [...states.values()]
        .flatMap((state) => {
          const first = state.letters.find((l) => ['waiting', 'failed'].includes(l.emailDelivery));
          return first ? [{ caseId: state.id, dueAt: first.sentAt }] : [];
        })
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseId.localeCompare(b.caseId));
      const from = page.after ? held.findIndex((w) => w.caseId === page.after!.caseId) + 1 : 0;
      return held.slice(from, from + page.limit);
    },
    load: async (ids: readonly string[]) => {
      loaded.push([...ids]);
      return new Map(ids.map((id) => [id, { state: states.get(id)! } as StoredCase]));
    },
  };
  return { loaded, projections: { store: () => store as unknown as ReadModelStore } };
}

const letter = (id: string, sentAt: string, emailDelivery: SentLetter['emailDelivery']) => ({
  id,
  sentAt,
  emailDelivery,
});

describe('the outbox, from the read models', () => {
  it('holds e-mails until delivered, keeps failed ones apart, and reads only the cases it names', async () => {
    const { projections, loaded } = readModels([
      {
        n: 1,
        letters: [
          letter('l-1', '2026-12-01T09:00:00Z', 'delivered'),
          letter('l-2', '2026-12-01T11:00:00Z', 'waiting'),
        ],
      },
      {
        n: 2,
        letters: [
          letter('l-3', '2026-12-01T10:00:00Z', 'not-emailed'),
          {
            ...letter('l-4', '2026-12-01T08:00:00Z', 'failed'),
            failure: { at: '2026-12-01T08:30:00Z', attempts: 5 },
          },
        ],
      },
      { n: 3, letters: [letter('l-5', '2026-12-01T07:00:00Z', 'delivered')] },
    ]);
    const outbox = await new MailQueue(projections).current();
    expect(outbox).toEqual({
      waiting: [
        {
          letterId: 'l-2',
          caseId: caseId(1),
          queuedAt: '2026-12-01T11:00:00Z',
          failedAt: null,
          attempts: null,
        },
      ],
      failed: [
        {
          letterId: 'l-4',
          caseId: caseId(2),
          queuedAt: '2026-12-01T08:00:00Z',
          failedAt: '2026-12-01T08:30:00Z',
          attempts: 5,
        },
      ],
      references: new Map([
        [caseId(2), 'DMM-2026-2'],
        [caseId(1), 'DMM-2026-1'],
      ]),
    });
    expect(loaded.flat().sort()).toEqual([caseId(1), caseId(2)]);
  });

  it('reads an outbox longer than one page in full', async () => {
    const cases = Array.from({ length: 1_001 }, (_, n) => ({
      n,
      letters: [letter(`l-${n}`, '2026-12-01T09:00:00Z', 'waiting' as const)],
    }));
    const { projections, loaded } = readModels(cases);
    expect((await new MailQueue(projections).current()).waiting).toHaveLength(1_001);
    expect(loaded.length).toBeGreaterThan(1);
  });
});
