import type { EventEnvelope, EventStore } from '../event-store.port';
import { MemoryEventStore } from '../memory/memory.event-store';
import { PollingSubscription } from '../polling-subscription';
import { verifyStreamEvents, verifyWholeLog } from '../verify';
import { eventStoreContract } from './event-store.contract';

/** Positions as a log of byte offsets gives them: growing, but not 1, 2, 3… */
const sparse = (position: number) => 1000 + position * 137;
const spread = (event: EventEnvelope): EventEnvelope => ({ ...event, globalPosition: sparse(event.globalPosition) });

/** The memory store seen through sparse positions, for the contract's `positions: 'sparse'` checks. */
function withSparsePositions(inner: MemoryEventStore): EventStore {
  const store: EventStore = {
    name: 'memory-sparse',
    append: async (...args) => {
      const result = await inner.append(...args);
      return { ...result, positions: result.positions.map(sparse) };
    },
    commandResult: async (commandId) => {
      const result = await inner.commandResult(commandId);
      return result && { ...result, positions: result.positions.map(sparse) };
    },
    readStream: async (...args) => (await inner.readStream(...args)).map(spread),
    streamVersion: (streamId) => inner.streamVersion(streamId),
    readAll: async (options) => {
      const page = await inner.readAll(options);
      return { ...page, events: page.events.map(spread) };
    },
    compareCheckpoints: (a, b) => inner.compareCheckpoints(a, b),
    headPosition: async () => {
      const head = await inner.headPosition();
      return head === 0 ? 0 : sparse(head);
    },
    subscribe: (options) => new PollingSubscription(store, options),
    // The copied events come from a dense log: the inner store keeps their positions, seen sparse like the rest.
    importEvents: (events) => inner.importEvents(events),
    verify: async (streamId) =>
      streamId === undefined ? verifyWholeLog(store) : verifyStreamEvents(await store.readStream(streamId)),
    close: () => inner.close(),
  };
  return store;
}

eventStoreContract(
  'memory, seen with sparse positions',
  async (clock) => {
    const inner = new MemoryEventStore(clock.now);
    return {
      store: withSparsePositions(inner),
      tamper: async (streamId, version) =>
        inner.tamper(streamId, version, (event) => (event.data = { tampered: true })),
      cleanup: () => inner.close(),
    };
  },
  { positions: 'sparse' },
);
