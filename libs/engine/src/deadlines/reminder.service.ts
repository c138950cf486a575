import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATIONS_STREAM, type ReminderScheduled, type ReminderSent } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { reminderId, type ReminderDue } from '@ketnap/projections';
import { NOTIFICATION_SENDER, type NotificationSender } from '@ketnap/scheduling';
import { runCommand } from '../commands/command-pipeline';
import { SAGA_ACTOR, deterministicUuid } from './saga-ids';

/**
 * Deadline reminders (DOMAIN.md §3: "warn ahead"), a configurable number of working days before each
 * due date. Each is recorded in the `notifications` stream (`ReminderScheduled`, then `ReminderSent`
 * once delivered, appended through the command pipeline without reading the stream) with ids derived
 * from the reminder id, and delivered through the
 * {@link NotificationSender}, which sends an id at most once. The sweep sends them; a failed delivery
 * is tried again by the next sweep.
 */
@Injectable()
export class ReminderService {
  private sent = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
  ) {}

  /** Reminders recorded as sent by this process since it started. */
  sentCount(): number {
    return this.sent;
  }

  /**
   * Records and delivers one reminder; false when it was already sent.
   * @throws NotificationDeliveryError when it could not be delivered now (the next sweep tries again).
   */
  async remind(reminder: ReminderDue): Promise<boolean> {
    const id = reminderId(reminder);
    const sentCommand = `reminder/${id}/sent`;
    if (await this.store.commandResult(sentCommand)) return false;
    const due = {
      dossierId: reminder.dossierId,
      obligation: reminder.obligation,
      dueOn: reminder.dueOn,
      remindOn: reminder.remindOn,
      ...(reminder.branchId && { unitId: reminder.branchId }),
    };
    const metadata = { occurredOn: reminder.remindOn };
    const record = (event: ReminderScheduled | ReminderSent, eventId: string, commandId: string) =>
      runCommand(
        this.store,
        {
          streamId: NOTIFICATIONS_STREAM,
          load: 'append-only',
          initialState: () => undefined,
          evolve: () => undefined,
          decide: () => [{ ...event, eventId: deterministicUuid(eventId), metadata }],
          result: () => undefined,
        },
        { actor: SAGA_ACTOR, system: true, commandId },
      );
    const scheduled: ReminderScheduled['data'] = { reminderId: id, ...due };
    await record({ type: 'ReminderScheduled', data: scheduled }, `${id}/scheduled`, `reminder/${id}/scheduled`);
    const outcome = await this.sender.send({ id, ...due, kind: 'deadline-reminder', message: messageOf(reminder) });
    const delivered: ReminderSent['data'] = {
      reminderId: id,
      sender: this.sender.name,
      status: outcome.status,
      attempts: outcome.attempts,
    };
    const appended = await record({ type: 'ReminderSent', data: delivered }, `${id}/sent`, sentCommand);
    if (appended.duplicate) return false;
    this.sent += 1;
    return true;
  }
}

/** The reminder's text: ids, the obligation and dates only, never the candidate's name. */
function messageOf(r: ReminderDue): string {
  return `Reminder: the ${r.obligation} deadline of dossier ${r.dossierId} is due on ${r.dueOn}.`;
}
