import { MemoryEventStore, type DecodedEnvelope } from '@ketnap/event-store';
import { runCommand, type StreamCommand } from './command-pipeline';
import { LruStateCache } from './state-cache';
import { added, addedBy, stored } from './testing/counter-events';

describe('LruStateCache', () => {
  it('keeps the streams used last, and never goes back to an older version', () => {
    const cache = new LruStateCache<number>(2);
    cache.set('a', 1, 10);
    cache.set('b', 1, 20);
    cache.get('a');
    cache.set('c', 1, 30);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([
      { version: 1, state: 10 },
      undefined,
      { version: 1, state: 30 },
    ]);
    cache.set('a', 0, 99);
    expect(cache.get('a')).toEqual({ version: 1, state: 10 });
  });

  it('keeps nothing with a limit of 0 (KETNAP_DOSSIER_CACHE=0)', () => {
    const cache = new LruStateCache<number>(0);
    cache.set('a', 1, 10);
    expect(cache.get('a')).toBeUndefined();
  });

  it('lets the pipeline read only what was appended since, by this process or another', async () => {
    const store = new MemoryEventStore();
    const cache = new LruStateCache<number>(10);
    const counter: StreamCommand<number, number> = {
      streamId: 'counter-1',
      cache,
      initialState: () => 0,
      evolve: (total: number, event: DecodedEnvelope) => total + addedBy(event),
      decide: () => [added(1)],
      result: (total) => total,
    };
    const context = { actor: { sub: 'u', role: 'admin', unitIds: [] } };
    await runCommand(store, counter, context);
    await runCommand(store, counter, context);
    await store.append('counter-1', [stored(100)], { expectedVersion: 'any' });
    const reads = jest.spyOn(store, 'readStream');
    expect((await runCommand(store, counter, context)).result).toBe(103);
    // The cache holds the state each write left (version 2), so only the other writer's event is read.
    expect(reads).toHaveBeenCalledWith('counter-1', { fromVersion: 3 });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(cache.get('counter-1')).toEqual({ version: 4, state: 103 });
  });
});
