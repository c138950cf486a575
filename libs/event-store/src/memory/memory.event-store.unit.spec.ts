import { eventStoreContract } from '../testing/event-store.contract';
import { MemoryEventStore } from './memory.event-store';

eventStoreContract('memory', async (clock) => {
  const store = new MemoryEventStore(clock.now);
  return {
    store,
    tamper: async (streamId, version) => store.tamper(streamId, version, (event) => (event.data = { tampered: true })),
    cleanup: () => store.close(),
  };
});
