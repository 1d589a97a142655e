import { CASE_CATEGORY, caseIdOf } from '#domain';
import type { Subscription } from '#event-store';
import type { Storage } from '../storage/storage';
import type { PersonalDataShredder } from './personal-data-shredder';

export const ERASURE_CHECKPOINT = 'personal-data-erasure';
const RESTART_AFTER_MS = 5_000;

/**
 * Follows the events and shreds every case they say was erased: the erase command does it at
 * once, this catches what a crash, another replica or a restored backup left undone. It
 * reads the events as stored (nothing decrypted) from its own checkpoint; a data directory
 * restored without that checkpoint is read from the start, so every erasure is done again.
 */
export class ErasureFollower {
  private subscription: Subscription | null = null;
  private restart: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly storage: Pick<Storage, 'storedEvents' | 'checkpoints'>,
    private readonly shredder: Pick<PersonalDataShredder, 'shred'>,
    private readonly log: (message: string) => void,
  ) {}

  /** Resolves once subscribed; `caughtUp` resolves when every erasure stored so far is done. */
  async start(): Promise<{ caughtUp: Promise<void> }> {
    const after = (await this.storage.checkpoints.load(ERASURE_CHECKPOINT)) ?? undefined;
    let caughtUp: () => void = () => {};
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    this.subscription = this.storage.storedEvents.subscribe({
      after,
      category: CASE_CATEGORY,
      batchSize: 1000,
      handle: async (batch) => {
        for (const event of batch)
          if (event.type === 'PersonalDataErased')
            await this.shredder.shred(caseIdOf(event.stream), new Date(event.recordedAt));
        await this.storage.checkpoints.save(ERASURE_CHECKPOINT, batch[batch.length - 1].position);
      },
      onCaughtUp: () => caughtUp(),
      onError: (error) => {
        if (this.stopped) return;
        this.log(`Erasures could not be followed: ${String(error)}; trying again in 5 s`);
        this.restart = setTimeout(() => void this.start(), RESTART_AFTER_MS);
        this.restart.unref();
      },
    });
    return { caughtUp: done };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restart) clearTimeout(this.restart);
    await this.subscription?.stop();
  }
}
