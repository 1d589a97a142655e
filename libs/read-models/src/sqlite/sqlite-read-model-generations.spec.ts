import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionAt } from '#event-store';
import { SqliteReadModelGenerations } from './sqlite-read-model-generations';

describe('SQLite read-model generations and the policy they were made under', () => {
  const directory = () => mkdtempSync(join(tmpdir(), 'clf-gens-'));
  async function open(dir: string, policyKey?: string, follower = false) {
    const generations = new SqliteReadModelGenerations(dir, { policyKey, follower });
    return { generations, store: await generations.current() };
  }

  it('keeps the read models while the policy stays the same', async () => {
    const dir = directory();
    const first = await open(dir, 'dmm-a');
    await first.store.save([], { position: positionAt(12), events: 12 });
    await first.generations.close();
    const again = await open(dir, 'dmm-a');
    expect(again.store.generation).toBe(1);
    expect(await again.store.checkpoint()).toEqual({ position: positionAt(12), events: 12 });
    expect(readFileSync(join(dir, 'policy'), 'utf8')).toBe('dmm-a');
    await again.generations.close();
  });

  it('starts a fresh generation, refilled from the first event, under another policy', async () => {
    const dir = directory();
    const first = await open(dir, 'dmm-a');
    await first.store.save([], { position: positionAt(12), events: 12 });
    await first.generations.close();
    const changed = await open(dir, 'mactri-b');
    expect(changed.store.generation).toBe(2);
    expect(await changed.store.checkpoint()).toBeNull();
    expect(existsSync(join(dir, 'read-models-1.db'))).toBe(false);
    expect(readFileSync(join(dir, 'policy'), 'utf8')).toBe('mactri-b');
    await changed.generations.close();
  });

  it('remakes read models from before policies were recorded, and leaves a follower’s alone', async () => {
    const dir = directory();
    const unrecorded = await open(dir);
    await unrecorded.store.save([], { position: positionAt(3), events: 3 });
    await unrecorded.generations.close();
    const follower = await open(dir, 'dmm-a', true);
    expect(follower.store.generation).toBe(1);
    await follower.generations.close();
    const writer = await open(dir, 'dmm-a');
    expect(writer.store.generation).toBe(2);
    expect(await writer.store.checkpoint()).toBeNull();
    await writer.generations.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('discards the files of a rebuild that never finished when the writer opens the current generation', async () => {
    const dir = directory();
    const first = await open(dir, 'dmm-a');
    const unfinished = await first.generations.create(); // generation 2, never promoted
    await unfinished.save([], { position: positionAt(5), events: 5 });
    await first.generations.close(); // the process stops (or dies) before it is swapped in
    expect(existsSync(join(dir, 'read-models-2.db'))).toBe(true);

    // A follower leaves files alone; the writer clears them away.
    const follower = await open(dir, 'dmm-a', true);
    expect(existsSync(join(dir, 'read-models-2.db'))).toBe(true);
    await follower.generations.close();
    const again = await open(dir, 'dmm-a');
    expect(again.store.generation).toBe(1);
    expect(existsSync(join(dir, 'read-models-2.db'))).toBe(false);
    expect(existsSync(join(dir, 'read-models-1.db'))).toBe(true);
    expect((await again.generations.create()).generation).toBe(2);
    await again.generations.close();
  });
});
