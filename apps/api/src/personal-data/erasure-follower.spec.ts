import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { caseStream } from '#domain';
import { FileDocumentStore } from '#documents';
import { SqliteEventStore } from '#event-store';
import { CaseDocuments, newDataKey, SealedEventStore, SqliteCaseKeyStore } from '#personal-data';
import { SqliteSubscriptionCheckpoints } from '#scheduling';
import { caseEvent } from '../../../../libs/personal-data/src/testing/case-event';
import { ErasureFollower, ERASURE_CHECKPOINT } from './erasure-follower';
import { PersonalDataShredder } from './personal-data-shredder';

const event = caseEvent;

function setUp() {
  const directory = mkdtempSync(join(tmpdir(), 'clf-erasure-'));
  const stored = new SqliteEventStore({ filename: join(directory, 'events.db') });
  const keys = new SqliteCaseKeyStore(join(directory, 'case-keys.db'), newDataKey());
  const events = new SealedEventStore(stored, keys);
  const storage = {
    storedEvents: stored,
    caseKeys: events,
    caseDocuments: new CaseDocuments(new FileDocumentStore(join(directory, 'documents')), keys),
    checkpoints: new SqliteSubscriptionCheckpoints(join(directory, 'checkpoints.db')),
  };
  const attach = async (caseId: string, content: string) => {
    const path = join(directory, `upload-${randomUUID()}`);
    writeFileSync(path, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const stored = await storage.caseDocuments.put(caseId, { path, sha256, size: content.length });
    await events.append(
      caseStream(caseId),
      [
        event('DocumentAttached', {
          documentId: randomUUID(),
          filename: 'statement.txt',
          mediaType: 'text/plain',
          size: content.length,
          sha256,
          storedAs: stored.storedAs,
        }),
      ],
      'any',
    );
    return stored;
  };
  return { directory, stored, keys, events, storage, attach };
}

describe('erasures followed from the events', () => {
  it('shreds each erased case (documents, then key) and leaves the others, from its checkpoint on', async () => {
    const { events, storage, attach } = setUp();
    const erased = randomUUID();
    const kept = randomUUID();
    const erasedDocument = await attach(erased, 'Statement by Jane Doe');
    const keptDocument = await attach(kept, 'Statement by John Roe');
    await events.append(
      caseStream(erased),
      [event('PersonalDataErased', { reason: 'Asked to', fields: [] })],
      'any',
    );

    const follower = new ErasureFollower(storage, new PersonalDataShredder(storage), () => {});
    await (
      await follower.start()
    ).caughtUp;
    await follower.stop();

    expect(await storage.caseKeys.keyOf(erased)).toBe('erased');
    expect(await storage.caseDocuments.open(erased, erasedDocument)).toBeNull();
    expect(await storage.caseKeys.keyOf(kept)).toBe('present');
    expect((await buffer((await storage.caseDocuments.open(kept, keptDocument))!)).toString()).toBe(
      'Statement by John Roe',
    );
    expect(await storage.checkpoints.load(ERASURE_CHECKPOINT)).not.toBeNull();
  });

  it('does an erasure again when its checkpoint is gone (a restored data directory)', async () => {
    const { directory, events, storage, keys, attach } = setUp();
    const caseId = randomUUID();
    await attach(caseId, 'Statement');
    await events.append(
      caseStream(caseId),
      [event('PersonalDataErased', { reason: 'Asked to', fields: [] })],
      'any',
    );
    const shredder = new PersonalDataShredder(storage);
    const shredded: string[] = [];
    const counting = {
      shred: async (id: string, at: Date) => {
        shredded.push(id);
        await shredder.shred(id, at);
      },
    };
    const first = new ErasureFollower(storage, counting, () => {});
    await (
      await first.start()
    ).caughtUp;
    await first.stop();
    // A data directory restored without the follower's checkpoint: read from the start again.
    storage.checkpoints = new SqliteSubscriptionCheckpoints(
      join(directory, 'restored-checkpoints.db'),
    );
    const again = new ErasureFollower(storage, counting, () => {});
    await (
      await again.start()
    ).caughtUp;
    await again.stop();
    expect(shredded).toEqual([caseId, caseId]);
    expect(await keys.erasedCases()).toEqual([caseId]);
  });
});
