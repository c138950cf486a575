import type { Notification, NotificationSender, SendResult } from './notification-sender.port';

const LOGGED = ['id', 'dossierId', 'obligation', 'dueOn', 'remindOn', 'unitId'] as const;

/**
 * Writes one line per notification to a logger, for a deployment without a webhook. The line holds ids,
 * the obligation and dates only: never the message, which may name the candidate (DESIGN.md §3).
 */
export class LogNotificationSender implements NotificationSender {
  readonly name = 'log';

  constructor(private readonly log: (line: string) => void) {}

  async send(notification: Notification): Promise<SendResult> {
    const fields = LOGGED.filter((key) => notification[key] !== undefined).map(
      (key) => `${key}=${plain(notification[key] as string)}`,
    );
    this.log(`notification ${plain(notification.kind)} ${fields.join(' ')}`);
    return { id: notification.id, status: 'sent', attempts: 1 };
  }
}

/** One token: white space and control characters cannot split the line or forge another. */
function plain(value: string): string {
  return String(value).replace(/[\s\p{Cc}]/gu, '_');
}
