import type { Message, ObligationCode } from '../dossier/commands';
import type { LocalDate } from '../time/local-date';

/**
 * A deadline reminder (DOMAIN.md §3: "warn ahead") recorded in the notifications stream before it is
 * sent. `reminderId` is the reminder's own deterministic id (`<dossierId>_<obligation>_<dueOn>_remind-<remindOn>`),
 * which the receiver deduplicates on; `unitId` is the branch that should act.
 */
export type ReminderScheduled = Message<
  'ReminderScheduled',
  {
    reminderId: string;
    dossierId: string;
    obligation: ObligationCode;
    dueOn: LocalDate;
    remindOn: LocalDate;
    unitId?: string;
  }
>;

/** A reminder delivered (or found delivered before: `duplicate`) by a notification sender. */
export type ReminderSent = Message<
  'ReminderSent',
  { reminderId: string; sender: string; status: 'sent' | 'duplicate'; attempts: number }
>;

/**
 * Schema version 1 of both reminder events named the reminder's id `id`, which read as the id of the
 * event itself (that is the envelope's `eventId`, derived from it); version 2 calls it `reminderId`.
 */
export type ReminderScheduledV1 = Omit<ReminderScheduled['data'], 'reminderId'> & { id: string };
export type ReminderSentV1 = Omit<ReminderSent['data'], 'reminderId'> & { id: string };

export const reminderScheduledFromV1 = ({ id, ...rest }: ReminderScheduledV1): ReminderScheduled['data'] => ({
  reminderId: id,
  ...rest,
});

export const reminderSentFromV1 = ({ id, ...rest }: ReminderSentV1): ReminderSent['data'] => ({
  reminderId: id,
  ...rest,
});
