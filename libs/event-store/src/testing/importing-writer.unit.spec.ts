import { ConcurrencyError } from '../errors';
import { MemoryEventStore } from '../memory/memory.event-store';
import { ImportingWriter } from './importing-writer';

describe('ImportingWriter', () => {
  it('imports appends sealed as the store seals them, in batches, continuing the log', async () => {
    const store = new MemoryEventStore();
    await store.append('units', [{ type: 'UnitRecorded', data: { unitId: 'u' } }], { expectedVersion: 'no-stream' });
    const flushed: number[] = [];
    const writer = await ImportingWriter.open(store, { batch: 3, onFlush: (p) => flushed.push(p) });
    for (let round = 0; round < 3; round += 1)
      for (const stream of ['dossier-a', 'dossier-b'])
        await writer.append(stream, [{ type: 'Step', data: { round, z: 1, a: [2] } }], { expectedVersion: round });
    await writer.append(
      'dossier-a',
      [
        { type: 'Step', data: {} },
        { type: 'Step', data: null },
      ],
      { expectedVersion: 3 },
    );
    await writer.flush();

    expect(flushed).toEqual([4, 7, 9]);
    expect(await store.headPosition()).toBe(9);
    expect((await store.readStream('dossier-a')).map((e) => [e.streamVersion, e.globalPosition])).toEqual([
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8],
      [5, 9],
    ]);
    expect(await store.verify()).toMatchObject({ ok: true, events: 9 });
    // The store's own append continues a stream the writer sealed.
    await store.append('dossier-b', [{ type: 'Step', data: {} }], { expectedVersion: 3 });
    expect(await store.verify('dossier-b')).toMatchObject({ ok: true });
  });

  it('refuses an append whose expected version is not the stream head it sealed', async () => {
    const writer = await ImportingWriter.open(new MemoryEventStore());
    await writer.append('dossier-a', [{ type: 'Step', data: {} }], { expectedVersion: 'no-stream' });
    await expect(writer.append('dossier-a', [{ type: 'Step', data: {} }], { expectedVersion: 0 })).rejects.toThrow(
      ConcurrencyError,
    );
  });
});
