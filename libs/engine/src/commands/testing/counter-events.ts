import { schemaVersionOf, type DecodedEvent, type ReminderSent } from '@ketnap/domain';

/**
 * The pipeline's own tests write a counter stream. The pipeline appends typed domain events only, so
 * an increment is a `ReminderSent` whose `attempts` holds the amount added.
 */
export const added = (by: number): ReminderSent => ({
  type: 'ReminderSent',
  data: { reminderId: 'counter', sender: 'test', status: 'sent', attempts: by },
});

/** An increment as another writer appends it straight to the store. */
export const stored = (by: number) => ({ ...added(by), schemaVersion: schemaVersionOf('ReminderSent') });

/** The amount an event of the counter stream adds. */
export const addedBy = (event: DecodedEvent): number => (event.type === 'ReminderSent' ? event.data.attempts : 0);
