import { rmSync } from 'node:fs';
import { xlsxRows } from '@ketnap/projections/testing';
import { verifyWebhookSignature } from '@ketnap/scheduling';
import { startApp, type AppProcess } from './support/app-process';
import {
  startWebhookReceiver,
  type Received as WebhookReceived,
  type WebhookReceiver,
} from './support/webhook-receiver';
import { AUTH_SECRET, call, eventCount, tempDataDir, tokenFor } from './api-support';
import { describeWithService, dropRedisPrefix } from './support/services';

const SECRET = 'quota-reports-webhook-secret-0123';
const COMMITTEE = 'dang-uy-xa-dong-tien';

type Received = WebhookReceived<{ kind: string; document: { quarter: number; hash: string; recipient: string } }>;

let prefixes = 0;

/** Runs `body` on the embedded timers and on BullMQ (when Redis answers), like the saga suites. */
function forEachTimers(title: string, body: (redis?: { url: string; prefix: string }) => void): void {
  describe(`${title} (embedded timers)`, () => body());
  describeWithService('redis', `${title} (BullMQ timers)`, (url) =>
    body({ url, prefix: `ketnap-quota-test-${process.pid}-${(prefixes += 1)}` }),
  );
}

forEachTimers('issued quarterly quota reports', (redis) => {
  let app: AppProcess;
  let dir: string;
  let admin: string;
  let receiver: WebhookReceiver;
  let hookUrl: string;
  const received: Received[] = [];
  const env = () => ({
    KETNAP_DATA_DIR: dir,
    AUTH_SECRET,
    KETNAP_CLOCK: 'manual',
    KETNAP_START_AT: '2024-03-15T08:00:00+07:00',
    KETNAP_WEBHOOK_SECRET: SECRET,
    // The embedded variant names its timers, so the PostgreSQL e2e tier keeps them embedded too.
    ...(redis ? { REDIS_URL: redis.url, KETNAP_REDIS_PREFIX: redis.prefix } : { REDIS_URL: '' }),
  });
  const as = (method: string, path: string, json?: unknown) =>
    call(app.baseUrl, method, `/api/v1${path}`, { token: admin, json });
  const jump = async (now: string) => {
    const answer = await as('POST', '/system/clock', { now });
    expect(answer.status).toBe(200);
    return answer.body as { issued: number };
  };
  const issued = async () => {
    const answer = await as('GET', `/committees/${COMMITTEE}/reports/quota/2024/issued`);
    expect(answer.status).toBe(200);
    return answer.body as Array<{ quarter: number; hash: string; issuedOn: string; differences: number }>;
  };
  const nominate = async (nominatedOn: string) => {
    const created = await as('POST', '/dossiers', {
      candidate: {
        fullName: 'Nguyễn Thị An',
        birthDate: '1996-05-10',
        gender: 'female',
        ethnicity: 'Tày',
        educationLevel: 'upper-secondary',
      },
      branchId: 'chi-bo-lang-gia',
      nominatedBy: 'doan-thanh-nien',
      nominatedOn,
    });
    expect(created.status).toBe(201);
  };
  const restart = async () => {
    expect(await app.stop()).toBe(0);
    app = await startApp(env());
  };
  const plan = (recipients: unknown) => ({
    committeeId: COMMITTEE,
    units: [
      {
        unitId: 'chi-bo-lang-gia',
        quarters: [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 1, admissions: 1 })),
      },
    ],
    recipients,
  });

  beforeAll(async () => {
    receiver = await startWebhookReceiver(received, 1); // the first request answered 503: retried
    hookUrl = receiver.url('/hooks/quota');
    dir = tempDataDir();
    app = await startApp(env());
    admin = await tokenFor('admin');
    const units = [
      [COMMITTEE, { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
      ['chi-bo-lang-gia', { name: 'Chi bộ Làng Gia', kind: 'branch', parentId: COMMITTEE, officialMembers: 12 }],
      ['doan-thanh-nien', { name: 'Đoàn TNCS HCM', kind: 'mass-org', parentId: COMMITTEE }],
    ] as const;
    for (const [id, unit] of units) expect((await as('PUT', `/units/${id}`, unit)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    receiver?.close();
    if (redis) await dropRedisPrefix(redis.url, redis.prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses bad recipients, naming every invalid field, and appends nothing', async () => {
    const before = await eventCount(app.baseUrl);
    const answer = await as(
      'PUT',
      '/plans/2024',
      plan([{ webhookUrl: 'ftp://huyen-uy.example/x' }, { name: '', webhookUrl: 'not a url' }, { name: 'Lưu' }]),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    const fields = (answer.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual([
      'recipients.0.name',
      'recipients.0.webhookUrl',
      'recipients.1.name',
      'recipients.1.webhookUrl',
    ]);
    expect(await eventCount(app.baseUrl)).toBe(before);
    expect((await as('GET', '/plans/2024')).status).toBe(404);
  });

  it('keeps the recipients on the plan', async () => {
    const recipients = [{ name: 'Ban Tổ chức Huyện ủy', webhookUrl: hookUrl }, { name: 'Lưu Văn phòng' }];
    expect((await as('PUT', '/plans/2024', plan(recipients))).status).toBe(200);
    expect((await as('GET', '/plans/2024')).body.recipients).toEqual(recipients);
  });

  it('issues nothing before the first working day after the quarter', async () => {
    await nominate('2024-02-05');
    expect(await jump('2024-03-31T23:00:00+07:00')).toMatchObject({ issued: 0 });
    expect(await issued()).toEqual([]);
  });

  it('issues the first quarter on 1 April, visible when the clock answers', async () => {
    expect(await jump('2024-04-01T08:00:00+07:00')).toMatchObject({ issued: 1 });
    const [q1] = await issued();
    expect(q1).toMatchObject({ quarter: 1, asOf: '2024-03-31', issuedOn: '2024-04-01', differences: 0 });
    const one = await as('GET', `/committees/${COMMITTEE}/reports/quota/2024/issued/1`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ committeeId: COMMITTEE, year: 2024, quarter: 1, hash: q1.hash });
    expect(one.body.report.units[0].quarters[0].actual.nominations).toBe(1);
  });

  it('shows a fact recorded late as a difference in the next issue; four quarter ends issue four reports', async () => {
    await nominate('2024-03-10');
    // Across the ends of Q2, Q3 and Q4: Q4's issue waits for 2 January 2025 (1 January is a holiday).
    expect(await jump('2025-01-01T12:00:00+07:00')).toMatchObject({ issued: 2 });
    expect(await jump('2025-01-02T08:00:00+07:00')).toMatchObject({ issued: 1 });
    const list = await issued();
    expect(list.map((i) => [i.quarter, i.issuedOn])).toEqual([
      [1, '2024-04-01'],
      [2, '2024-07-01'],
      [3, '2024-10-01'],
      [4, '2025-01-02'],
    ]);
    expect(list.map((i) => i.differences)).toEqual([0, expect.any(Number), 0, 0]);
    const q2 = (await as('GET', `/committees/${COMMITTEE}/reports/quota/2024/issued/2`)).body;
    expect(q2.differences).toEqual(
      expect.arrayContaining([
        {
          unitId: 'chi-bo-lang-gia',
          quarter: 1,
          before: { nominations: 1, admissions: 0 },
          after: { nominations: 2, admissions: 0 },
        },
      ]),
    );
    // The frozen Q1 issue is unchanged.
    const q1 = (await as('GET', `/committees/${COMMITTEE}/reports/quota/2024/issued/1`)).body;
    expect(q1.report.units[0].quarters[0].actual).toEqual({ nominations: 1, admissions: 0 });
    // Downloadable as the published table: the frozen figures, not today's.
    const file = await call(app.baseUrl, 'GET', `/api/v1/committees/${COMMITTEE}/reports/quota/2024/issued/1`, {
      token: admin,
      headers: { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="chi-tieu-dang-vien-${COMMITTEE}-2024-2024-03-31.xlsx"`,
    );
    const xlsx = await fetch(`${app.baseUrl}/api/v1/committees/${COMMITTEE}/reports/quota/2024/issued/1`, {
      headers: {
        authorization: `Bearer ${admin}`,
        accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    });
    const { rows } = await xlsxRows(Buffer.from(await xlsx.arrayBuffer()));
    const row = rows.find((cells) => cells.includes(q1.report.units[0].name))!;
    expect(row.filter((cell) => typeof cell === 'number').slice(0, 2)).toEqual([
      q1.report.units[0].quarters[0].target.nominations,
      1,
    ]);
  });

  it('delivers each issue once to the recipient with a webhook, signed, retrying a failed request', async () => {
    expect(receiver.failNext).toBe(0);
    const deadline = Date.now() + 10_000;
    while (received.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(received.map((r) => r.body.document.quarter).sort()).toEqual([1, 2, 3, 4]);
    expect(new Set(received.map((r) => r.id)).size).toBe(4);
    const hashes = new Map((await issued()).map((i) => [i.quarter, i.hash]));
    for (const r of received) {
      expect(verifyWebhookSignature(SECRET, r.signature, r.raw)).toBe(true);
      expect(r.body).toMatchObject({ kind: 'quota-report-issued', document: { recipient: 'Ban Tổ chức Huyện ủy' } });
      expect(r.body.document.hash).toBe(hashes.get(r.body.document.quarter));
    }
  }, 20_000);

  it('neither repeats nor skips an issue on another jump, a restart, or lost timers', async () => {
    const before = await eventCount(app.baseUrl);
    const hashes = (await issued()).map((i) => i.hash);
    expect(await jump('2025-02-01T08:00:00+07:00')).toMatchObject({ issued: 0 });
    await restart();
    if (redis) {
      await app.stop();
      expect(await dropRedisPrefix(redis.url, redis.prefix)).toBeGreaterThan(0);
      app = await startApp(env());
    }
    expect(await jump('2025-02-03T08:00:00+07:00')).toMatchObject({ issued: 0 });
    expect((await issued()).map((i) => i.hash)).toEqual(hashes);
    expect(await eventCount(app.baseUrl)).toBe(before);
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(4);
  }, 60_000);

  it("narrows an issue to a scoped reader's units, without the committee's totals; whole for the committee's", async () => {
    const path = `/api/v1/committees/${COMMITTEE}/reports/quota/2024/issued/2`;
    const branch = await call(app.baseUrl, 'GET', path, {
      token: await tokenFor('viewer', { units: ['chi-bo-lang-gia'] }),
    });
    expect(branch.status).toBe(200);
    expect(branch.body.narrowed).toBe(true);
    expect(branch.body.report.units.map((u: { unitId: string }) => u.unitId)).toEqual(['chi-bo-lang-gia']);
    expect(branch.body.report.committee).toBeUndefined();
    expect(branch.body.differences.every((d: { unitId: string }) => d.unitId === 'chi-bo-lang-gia')).toBe(true);
    const committee = await call(app.baseUrl, 'GET', path, { token: await tokenFor('viewer', { units: [COMMITTEE] }) });
    expect(committee.body.narrowed).toBeUndefined();
    expect(committee.body.report.committee.unitId).toBe(COMMITTEE);
  });

  it('answers 404 for an unknown committee or a quarter not issued, 400 for a bad quarter', async () => {
    expect((await as('GET', '/committees/khong-co/reports/quota/2024/issued')).status).toBe(404);
    expect((await as('GET', `/committees/${COMMITTEE}/reports/quota/2025/issued/1`)).status).toBe(404);
    expect((await as('GET', `/committees/${COMMITTEE}/reports/quota/2024/issued/5`)).status).toBe(400);
  });
});
