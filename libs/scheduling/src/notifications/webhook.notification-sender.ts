import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, type SqlDatabase } from '@ketnap/event-store';
import { MemoryDeliveredIds, SqlDeliveredIds, type DeliveredIds } from './delivered-ids';
import {
  NotificationDeliveryError,
  type Notification,
  type NotificationSender,
  type SendResult,
} from './notification-sender.port';

export interface WebhookNotificationSenderOptions {
  url: string;
  /** Key of the HMAC-SHA256 signature the receiver checks ({@link verifyWebhookSignature}). */
  secret: string;
  /** Keeps delivered ids in this database, so they survive a restart (and workers share them); without it, in memory. */
  sql?: SqlDatabase;
  /** Per request (default 5000 ms). */
  timeoutMs?: number;
  /** Requests per notification before giving up (default 5). */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each further one (default 500 ms) up to `maxBackoffMs` (default 30 000). */
  backoffMs?: number;
  maxBackoffMs?: number;
  clock?: () => Date;
}

/** How far a signature's timestamp may be from the receiver's clock, either way, before it counts as a replay. */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

const SIGNATURE_HEADER = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

const hmacOf = (secret: string, timestamp: string, body: string | Buffer): Buffer =>
  createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest();

/**
 * `X-Ketnap-Signature` of a raw body sent at `at`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * Signing the time with the body lets a receiver refuse a captured request sent again later.
 */
export function signWebhookBody(secret: string, body: string, at: Date): string {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return `t=${timestamp},v1=${hmacOf(secret, timestamp, body).toString('hex')}`;
}

/**
 * What a receiver runs on each request: true only for a well-formed `X-Ketnap-Signature` whose HMAC matches
 * the raw body (as received, before any JSON parsing) and whose timestamp is within `toleranceSeconds` of
 * `now`, either way. Compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string | Buffer,
  {
    now = new Date(),
    toleranceSeconds = WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  }: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const match = SIGNATURE_HEADER.exec(header ?? '');
  if (!match) return false;
  const [, timestamp, hex] = match;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), hmacOf(secret, timestamp, body));
}

type Attempt =
  { ok: true } | { ok: false; retry: boolean; status?: number; retryAfterMs?: number; reason: string; cause?: unknown };

/**
 * POSTs each notification as JSON to a webhook, signed in `X-Ketnap-Signature` and named in
 * `X-Ketnap-Notification-Id`. Network errors, timeouts, 5xx and 429 are retried with exponential backoff;
 * any other answer outside 2xx is final. A delivered id is never sent again. A crash between the receiver's
 * answer and the record of it can repeat one request: receivers deduplicate by the id header.
 */
export class WebhookNotificationSender implements NotificationSender {
  readonly name = 'webhook';
  private readonly delivered: DeliveredIds;
  private readonly sending = new Map<string, Promise<SendResult>>();

  constructor(private readonly options: WebhookNotificationSenderOptions) {
    if (!URL.canParse(options.url)) throw new Error(`the webhook URL is not a URL: ${JSON.stringify(options.url)}`);
    if (!options.secret) throw new Error('the webhook notification sender needs a signing secret');
    this.delivered = options.sql ? new SqlDeliveredIds(options.sql) : new MemoryDeliveredIds();
  }

  async send(notification: Notification): Promise<SendResult> {
    const { id } = notification;
    const running = this.sending.get(id);
    if (running) return running.then(() => ({ id, status: 'duplicate', attempts: 0 }));
    const sent = this.deliverOnce(notification).finally(() => this.sending.delete(id));
    this.sending.set(id, sent);
    return sent;
  }

  private async deliverOnce(notification: Notification): Promise<SendResult> {
    if (await this.delivered.has(notification.id)) return { id: notification.id, status: 'duplicate', attempts: 0 };
    return this.deliver(notification);
  }

  private async deliver(notification: Notification): Promise<SendResult> {
    const { maxAttempts = 5, backoffMs = 500, maxBackoffMs = 30_000 } = this.options;
    const body = canonicalJson(notification);
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.post(notification.id, body);
      if (result.ok) {
        await this.delivered.add(notification.id, (this.options.clock ?? (() => new Date()))());
        return { id: notification.id, status: 'sent', attempts: attempt };
      }
      if (!result.retry || attempt >= maxAttempts) {
        const tried = result.retry ? `gave up after ${attempt} attempts` : 'not retried';
        throw new NotificationDeliveryError(
          notification.id,
          attempt,
          result.status,
          `webhook delivery of notification ${notification.id} failed (${tried}): ${result.reason}`,
          {
            cause: result.cause,
          },
        );
      }
      const wait = result.retryAfterMs ?? backoffMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, maxBackoffMs)));
    }
  }

  private async post(id: string, body: string): Promise<Attempt> {
    const timeoutMs = this.options.timeoutMs ?? 5000;
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ketnap-notification-id': id,
          // Real time, never the manual clock: the receiver checks the timestamp against its own clock.
          'x-ketnap-signature': signWebhookBody(this.options.secret, body, new Date()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
    } catch (error) {
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${describeCause(error)}`;
      return { ok: false, retry: true, reason, cause: error };
    }
    if (response.ok) return { ok: true };
    const retry = response.status >= 500 || response.status === 429;
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      retry,
      status: response.status,
      retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined,
      reason: `HTTP ${response.status}`,
    };
  }
}

/** The innermost message: fetch wraps the socket error (ECONNREFUSED, …) as its `cause`. Errors may come from another realm, so no `instanceof`. */
function describeCause(error: unknown): string {
  let inner = error as { message?: unknown; code?: unknown; cause?: unknown } | null;
  while (inner?.cause) inner = inner.cause as typeof inner;
  const text = typeof inner?.message === 'string' && inner.message ? inner.message : String(inner);
  return typeof inner?.code === 'string' && !text.includes(inner.code) ? `${inner.code} ${text}` : text;
}
