import { EventStoreDbEventStore } from '@ketnap/event-store';
import { ManualClock } from '../clock/clock';
import type { KetnapConfig } from '../config/config';
import { createEventStore } from './event-store.provider';

describe('the event store the configuration names', () => {
  const clock = new ManualClock(new Date('2024-03-07T02:00:00.000Z'));

  it('builds the EventStoreDB adapter on EVENTSTORE_URL, which connects on first use', async () => {
    const config = { eventStore: 'eventstoredb', eventStoreUrl: 'esdb://127.0.0.1:2113?tls=false' } as KetnapConfig;
    const store = createEventStore(config, clock);
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    expect(store.name).toBe('eventstoredb');
    expect((store as EventStoreDbEventStore).prefix).toBe('ketnap');
    await store.close();
  });

  it('says which variable is missing when EVENTSTORE_URL is not set', () => {
    expect(() => createEventStore({ eventStore: 'eventstoredb' } as KetnapConfig, clock)).toThrow(
      'EVENTSTORE_URL is required when KETNAP_EVENT_STORE=eventstoredb',
    );
  });
});
