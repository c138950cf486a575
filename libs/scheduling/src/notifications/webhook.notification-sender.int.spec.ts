import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forEachSqlDialect, type TestSql } from '../../../../test/support/sql-dialects';
import type { Notification } from './notification-sender.port';
import { NotificationDeliveryError } from './notification-sender.port';
import { WebhookNotificationSender, verifyWebhookSignature } from './webhook.notification-sender';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const SECRET = 'webhook-test-secret';
const signatureOf = (request: Received): string => String(request.headers['x-ketnap-signature']);
const reminder: Notification = {
  id: 'dossier-123_admission-decision_2024-06-04_remind-2024-05-28',
  kind: 'deadline-reminder',
  dossierId: 'dossier-123',
  obligation: 'admission-decision',
  dueOn: '2024-06-04',
  remindOn: '2024-05-28',
  unitId: 'branch-7',
  message: 'Hồ sơ của quần chúng Nguyễn Văn An sắp đến hạn quyết định kết nạp (04/06/2024).',
};

describe('WebhookNotificationSender against a local HTTP server', () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let answer: (request: Received, res: ServerResponse) => void;

  beforeEach(async () => {
    received = [];
    // A receiver as the README tells one to be: it checks the signature on the raw body before anything else.
    answer = (request, res) =>
      res.writeHead(verifyWebhookSignature(SECRET, signatureOf(request), request.body) ? 204 : 401).end();
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        received.push(request);
        answer(request, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ketnap`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sender = (options: Partial<ConstructorParameters<typeof WebhookNotificationSender>[0]> = {}) =>
    new WebhookNotificationSender({ url, secret: SECRET, backoffMs: 10, timeoutMs: 1000, ...options });

  it('POSTs the notification as JSON, signed with HMAC-SHA256 of the time it was sent and the raw body', async () => {
    const before = Math.floor(Date.now() / 1000);
    expect(await sender().send(reminder)).toEqual({ id: reminder.id, status: 'sent', attempts: 1 });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-ketnap-notification-id']).toBe(reminder.id);
    expect(JSON.parse(request.body)).toEqual(reminder);
    const [, sentAt] = /^t=(\d+),v1=[0-9a-f]{64}$/.exec(signatureOf(request)) ?? [];
    expect(Number(sentAt)).toBeGreaterThanOrEqual(before);
    expect(Number(sentAt)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  describe('a receiver verifying the signature', () => {
    let request: Received;
    let sentAt: Date;
    beforeEach(async () => {
      await sender().send(reminder);
      [request] = received;
      sentAt = new Date(Number(/^t=(\d+),/.exec(signatureOf(request))?.[1]) * 1000);
    });
    const at = (seconds: number) => ({ now: new Date(sentAt.getTime() + seconds * 1000) });

    it('accepts it within five minutes of the timestamp, either way, and refuses it replayed later', () => {
      expect(verifyWebhookSignature(SECRET, signatureOf(request), request.body, at(300))).toBe(true);
      expect(verifyWebhookSignature(SECRET, signatureOf(request), request.body, at(-300))).toBe(true);
      expect(verifyWebhookSignature(SECRET, signatureOf(request), request.body, at(301))).toBe(false);
      expect(verifyWebhookSignature(SECRET, signatureOf(request), request.body, at(-301))).toBe(false);
      expect(
        verifyWebhookSignature(SECRET, signatureOf(request), request.body, { ...at(3600), toleranceSeconds: 3600 }),
      ).toBe(true);
    });

    it('refuses a changed body, another secret, a changed timestamp or a malformed header', () => {
      const header = signatureOf(request);
      const [, timestamp, hmac] = /^t=(\d+),v1=(\w+)$/.exec(header) ?? [];
      expect(verifyWebhookSignature(SECRET, header, request.body.replace('2024-06-04', '2024-07-04'))).toBe(false);
      expect(verifyWebhookSignature('another-webhook-secret', header, request.body)).toBe(false);
      expect(verifyWebhookSignature(SECRET, `t=${Number(timestamp) + 1},v1=${hmac}`, request.body)).toBe(false);
      for (const malformed of [
        undefined,
        '',
        `sha256=${hmac}`,
        `v1=${hmac},t=${timestamp}`,
        `t=${timestamp},v1=${hmac.toUpperCase()}`,
      ]) {
        expect(verifyWebhookSignature(SECRET, malformed, request.body)).toBe(false);
      }
    });

    it('is what the sender is held to: a receiver with another secret answers 401, which is not retried', async () => {
      answer = (r, res) =>
        res.writeHead(verifyWebhookSignature('another-webhook-secret', signatureOf(r), r.body) ? 204 : 401).end();
      await expect(sender().send({ ...reminder, id: 'other' })).rejects.toMatchObject({ status: 401, attempts: 1 });
    });
  });

  it('retries after two 503 answers and then succeeds, and retries a 429', async () => {
    answer = (_, res) => res.writeHead(received.length <= 2 ? 503 : 200).end();
    const started = Date.now();
    expect(await sender().send(reminder)).toEqual({ id: reminder.id, status: 'sent', attempts: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    expect(received.map((r) => r.body)).toEqual([received[0].body, received[0].body, received[0].body]);

    received = [];
    answer = (_, res) => res.writeHead(received.length === 1 ? 429 : 200, { 'retry-after': '0' }).end();
    expect(await sender().send({ ...reminder, id: 'limited' })).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not retry a 400 and says what the receiver answered', async () => {
    answer = (_, res) => res.writeHead(400).end('bad notification');
    const failure = sender().send(reminder);
    await expect(failure).rejects.toBeInstanceOf(NotificationDeliveryError);
    await expect(failure).rejects.toMatchObject({
      status: 400,
      attempts: 1,
      message: expect.stringContaining('not retried): HTTP 400'),
    });
    expect(received).toHaveLength(1);
  });

  forEachSqlDialect('delivered ids in the database', (open) => {
    let db: TestSql;
    beforeEach(async () => void (db = await open()));
    afterEach(() => db.drop());

    it('sends an id once: again, concurrently, after a restart and from another worker on the database', async () => {
      const first = sender({ sql: db.sql });
      const [a, b] = await Promise.all([first.send(reminder), first.send(reminder)]);
      expect([a.status, b.status].sort()).toEqual(['duplicate', 'sent']);
      expect(await first.send(reminder)).toEqual({ id: reminder.id, status: 'duplicate', attempts: 0 });
      expect(await sender({ sql: db.sql }).send(reminder)).toMatchObject({ status: 'duplicate' });
      expect(await sender().send(reminder)).toMatchObject({ status: 'sent' });
      expect(received).toHaveLength(2);
    });
  });

  it('gives up on a receiver that never answers, each request cut at the timeout, and may send it later', async () => {
    answer = () => undefined;
    const started = Date.now();
    const slow = sender({ timeoutMs: 100, maxAttempts: 2 });
    await expect(slow.send(reminder)).rejects.toMatchObject({
      name: 'NotificationDeliveryError',
      attempts: 2,
      status: undefined,
      message: expect.stringContaining('gave up after 2 attempts): no answer within 100 ms'),
    });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(received).toHaveLength(2);
    answer = (_, res) => res.writeHead(200).end();
    expect(await slow.send(reminder)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries network errors, then fails naming the cause', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await expect(sender({ maxAttempts: 3 }).send(reminder)).rejects.toMatchObject({
      attempts: 3,
      message: expect.stringMatching(/gave up after 3 attempts\): network error: .*ECONNREFUSED/),
    });
    server = createServer().listen(0, '127.0.0.1');
  });
});
