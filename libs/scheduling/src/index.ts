export * from './timer-scheduler.port';
export * from './errors';
export { assertTimerId } from './timer-spec';
export { EmbeddedTimerScheduler, type EmbeddedTimerSchedulerOptions } from './embedded/embedded.timer-scheduler';
export { TIMER_MIGRATIONS } from './embedded/timer-table';
export {
  BULLMQ_CONCURRENCY,
  BullmqTimerScheduler,
  type BullmqTimerSchedulerOptions,
} from './bullmq/bullmq.timer-scheduler';
export * from './notifications/notification-sender.port';
export {
  WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  WebhookNotificationSender,
  signWebhookBody,
  verifyWebhookSignature,
  type WebhookNotificationSenderOptions,
} from './notifications/webhook.notification-sender';
export { LogNotificationSender } from './notifications/log.notification-sender';
export { NOTIFICATION_MIGRATIONS } from './notifications/delivered-ids';
export { pingRedis } from './bullmq/redis-ping';
