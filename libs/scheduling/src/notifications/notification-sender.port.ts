/** Symbol token under which the engine binds the configured {@link NotificationSender}. */
export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/** A message about a dossier's deadline (a reminder ahead of it, a breach, a case opened), or an audit checkpoint. */
export interface Notification {
  /** Deterministic id (e.g. `dossier-123_admission-decision_2024-06-04_remind-2024-05-28`): sent at most once. */
  id: string;
  /** Kebab-case kind: `deadline-reminder`, `deadline-breached`, `inspection-case-opened`, `audit-checkpoint`. */
  kind: string;
  dossierId?: string;
  /** Obligation code, e.g. `admission-ceremony`. */
  obligation?: string;
  /** Legal due date (YYYY-MM-DD, Asia/Ho_Chi_Minh). */
  dueOn?: string;
  /** The reminder date this notification is for (YYYY-MM-DD). */
  remindOn?: string;
  /** The unit that should act (a branch, the inspection committee). */
  unitId?: string;
  /** Text for a person. It may name the candidate, so senders never write it to logs. */
  message: string;
  /** A document for a machine, sent whole (a signed audit checkpoint); senders never write it to logs. */
  document?: Record<string, unknown>;
}

export interface SendResult {
  id: string;
  /** `duplicate`: a notification with this id was delivered before, and nothing was sent. */
  status: 'sent' | 'duplicate';
  /** Requests made for this call (0 for a duplicate). */
  attempts: number;
}

/** Delivers deadline notifications; deadline reminders go through it. */
export interface NotificationSender {
  /** Adapter name, as shown by `/health`. */
  readonly name: string;

  /**
   * Delivers one notification, once: an id already delivered is not sent again.
   * @throws NotificationDeliveryError when every attempt failed or the receiver refused it.
   */
  send(notification: Notification): Promise<SendResult>;
}

/** A notification that could not be delivered. */
export class NotificationDeliveryError extends Error {
  constructor(
    readonly notificationId: string,
    /** Requests made before giving up. */
    readonly attempts: number,
    /** The receiver's last HTTP status, when it answered. */
    readonly status: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NotificationDeliveryError';
  }
}
