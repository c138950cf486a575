/** The notification port and senders of `libs/scheduling`, whose index does not export them yet: import them from here only. */
export { NOTIFICATION_SENDER, type NotificationSender } from '../../../scheduling/src/notifications/notification-sender.port';
export { LogNotificationSender } from '../../../scheduling/src/notifications/log.notification-sender';
export { WebhookNotificationSender } from '../../../scheduling/src/notifications/webhook.notification-sender';
