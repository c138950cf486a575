import { legalDateOf, type BreachRecord, type Obligation } from '@ketnap/domain';
import { loadConfig } from '../config/config';
import { withdrawalReason } from './breach-escalation';
import { breachKey, deterministicUuid, lateFrom, timerIdOf } from './saga-ids';

const obligation = (over: Partial<Obligation>): Obligation =>
  ({
    obligation: 'admission-decision',
    startedOn: '2024-03-07',
    dueOn: '2024-06-04',
    status: 'open',
    escalates: true,
    ...over,
  }) as Obligation;
const breach: BreachRecord = {
  eventId: 'e',
  obligation: 'admission-decision',
  dueOn: '2024-06-04',
  breachedOn: '2024-06-05',
  workingDaysLate: 1,
};

describe('the deadline timer', () => {
  it('fires at local midnight starting the day after the due date (17:00Z on the due date)', () => {
    expect(lateFrom('2024-06-04').toISOString()).toBe('2024-06-04T17:00:00.000Z');
    expect(legalDateOf(new Date(lateFrom('2024-06-04').getTime() - 1))).toBe('2024-06-04');
    expect(legalDateOf(lateFrom('2024-06-04'))).toBe('2024-06-05');
  });

  it('has a deterministic id without ":" and saga output ids that depend only on their key', () => {
    expect(timerIdOf('d-1', 'admission-ceremony', '2024-07-18')).toBe('d-1_admission-ceremony_2024-07-18');
    expect(deterministicUuid(breachKey('d-1', 'admission-decision', '2024-06-04', 0))).toBe(
      deterministicUuid('d-1/admission-decision/2024-06-04/breach'),
    );
    expect(deterministicUuid(breachKey('d-1', 'admission-decision', '2024-06-04', 1))).not.toBe(
      deterministicUuid(breachKey('d-1', 'admission-decision', '2024-06-04', 0)),
    );
    expect(deterministicUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the reason a breach is withdrawn', () => {
  it('names the legal date that met the obligation on time', () =>
    expect(withdrawalReason(breach, obligation({ status: 'met', metOn: '2024-06-03' }))).toBe(
      'The recorded legal dates show the admission-decision obligation was met on time: on 2024-06-03, due 2024-06-04.',
    ));
  it('names the moved due date', () =>
    expect(withdrawalReason(breach, obligation({ dueOn: '2024-07-16' }))).toBe(
      'The due date of the admission-decision obligation moved from 2024-06-04 to 2024-07-16.',
    ));
  it('says when the obligation is gone', () => expect(withdrawalReason(breach, undefined)).toContain('no longer give'));
});

describe('the deadline configuration', () => {
  it('defaults to a 60-second sweep, the log for reminders and the BullMQ prefix "bull"', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ sweepIntervalMs: 60_000, redisPrefix: 'bull' });
    expect(config.webhookUrl).toBeUndefined();
  });

  it('takes a webhook with its secret', () =>
    expect(
      loadConfig({ KETNAP_WEBHOOK_URL: 'https://hooks.example.vn/ketnap', KETNAP_WEBHOOK_SECRET: 's'.repeat(16) }),
    ).toMatchObject({
      webhookUrl: 'https://hooks.example.vn/ketnap',
      webhookSecret: 's'.repeat(16),
    }));

  it.each([
    [{ KETNAP_WEBHOOK_URL: 'https://hooks.example.vn/ketnap' }, 'KETNAP_WEBHOOK_SECRET: is required'],
    [
      { KETNAP_WEBHOOK_URL: 'ftp://x', KETNAP_WEBHOOK_SECRET: 's'.repeat(16) },
      'KETNAP_WEBHOOK_URL: must start with http: or https:',
    ],
    [{ KETNAP_WEBHOOK_SECRET: 'short' }, 'KETNAP_WEBHOOK_SECRET: must be at least 16 characters'],
    [{ KETNAP_SWEEP_INTERVAL_SECONDS: '0' }, 'KETNAP_SWEEP_INTERVAL_SECONDS: must be whole seconds'],
    [{ KETNAP_SWEEP_INTERVAL_SECONDS: '1.5' }, 'KETNAP_SWEEP_INTERVAL_SECONDS: must be whole seconds'],
    [{ KETNAP_REDIS_PREFIX: 'a:b' }, 'KETNAP_REDIS_PREFIX: must be 1 to 64'],
  ])('refuses %j', (env, message) => expect(() => loadConfig(env)).toThrow(message));
});
