import type { INestApplicationContext } from '@nestjs/common';
import { CASE_CATEGORY } from '#domain';
import type { ReadSide } from '#read-models';
import { PROJECTIONS } from '../../apps/api/src/projections/projections.module';
import { STORAGE, type Storage } from '../../apps/api/src/storage/storage';

/** Resolves once the read models hold every case event stored so far (what the outbox and queue read). */
export async function readModelsCaughtUp(app: INestApplicationContext): Promise<void> {
  const head = await app.get<Storage>(STORAGE).events.headPosition(CASE_CATEGORY);
  if (head === null) return;
  const reached = await app.get<ReadSide>(PROJECTIONS).reached(head.commit, 10_000);
  if (!reached) throw new Error('The read models did not catch up with the events.');
}
