import { InvalidTimerError, UnrecoverableTimerError } from '../errors';
import type { TimerDeliveryOptions, TimerScheduler } from '../timer-scheduler.port';
import { Deliveries, ManualTestClock, eventually, sleep } from './timer-testing';

/** The delivery settings the suite gives every adapter, so both behave alike under test. */
export type ContractSettings = Required<TimerDeliveryOptions>;

/** What an adapter hands the contract suite. */
export interface TimerHarness {
  scheduler: TimerScheduler;
  cleanup(): Promise<void>;
}

const inMs = (ms: number): Date => new Date(Date.now() + ms);
const payload = { dossierId: 'dossier-123', obligation: 'admission-decision', note: 'Lễ kết nạp đảng viên' };

/**
 * The one contract every timer scheduler adapter passes, with short real delays:
 * `timerSchedulerContract('embedded', (settings) => …)`.
 */
export function timerSchedulerContract(
  name: string,
  makeHarness: (settings: ContractSettings) => Promise<TimerHarness>,
): void {
  describe(`TimerScheduler contract: ${name}`, () => {
    let harness: TimerHarness;
    let scheduler: TimerScheduler;
    let deliveries: Deliveries;
    let errors: unknown[];

    const setUp = async (clock: () => Date = () => new Date()): Promise<void> => {
      await harness?.cleanup();
      deliveries = new Deliveries();
      errors = [];
      const settings = {
        clock,
        maxAttempts: 3,
        backoffMs: 20,
        onFailure: (f) => void deliveries.failures.push(f),
        onError: (e) => void errors.push(e),
      } satisfies ContractSettings;
      harness = await makeHarness(settings);
      scheduler = harness.scheduler;
    };

    beforeEach(() => setUp());
    afterEach(async () => {
      await harness.cleanup();
      expect(errors).toEqual([]);
    });

    it('fires at or after the due time, never before, with the id, due time and payload', async () => {
      // Far enough ahead that a loaded machine still checks before the due time (BullMQ's start opens several
      // connections); `at` below is the proof.
      const dueAt = inMs(1500);
      await scheduler.arm({ id: 'dossier-123_admission-decision_2024-06-04', dueAt, payload });
      await scheduler.start(deliveries.handler());
      await sleep(150);
      expect(deliveries.seen).toEqual([]);
      await eventually(() => deliveries.seen.length === 1, 'the firing');
      const [fired] = deliveries.seen;
      expect(fired).toMatchObject({ id: 'dossier-123_admission-decision_2024-06-04', dueAt, payload, attempt: 1 });
      expect(fired.at).toBeGreaterThanOrEqual(dueAt.getTime());
      expect(fired.firedAt.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
      await eventually(async () => (await scheduler.armed()) === 0, 'removal after the handler resolved');
      expect(await scheduler.get(fired.id)).toBeNull();
    });

    it('re-arming replaces the due time and payload: one firing, at the new time, with the new payload', async () => {
      await scheduler.arm({ id: 'rearm', dueAt: inMs(100), payload: { v: 1 } });
      // Far enough ahead that a slow start on a loaded machine still checks before the new time.
      const later = inMs(1500);
      await scheduler.arm({ id: 'rearm', dueAt: later, payload: { v: 2 } });
      expect(await scheduler.get('rearm')).toMatchObject({ dueAt: later, payload: { v: 2 }, state: 'armed' });
      await scheduler.start(deliveries.handler());
      await sleep(200);
      expect(deliveries.seen).toEqual([]);
      await eventually(() => deliveries.seen.length > 0, 'the re-armed firing');
      await sleep(150);
      expect(deliveries.seen).toEqual([expect.objectContaining({ id: 'rearm', dueAt: later, payload: { v: 2 } })]);
      expect(deliveries.seen[0].at).toBeGreaterThanOrEqual(later.getTime());
    });

    it('re-arming earlier brings the firing forward', async () => {
      await scheduler.arm({ id: 'sooner', dueAt: inMs(60 * 60_000), payload: { v: 1 } });
      await scheduler.start(deliveries.handler());
      await scheduler.arm({ id: 'sooner', dueAt: inMs(50), payload: { v: 2 } });
      await eventually(() => deliveries.seen.length === 1, 'the earlier firing', 2000);
      expect(deliveries.seen[0].payload).toEqual({ v: 2 });
    });

    it('a cancelled timer never fires; cancelling an unknown id is not an error', async () => {
      await scheduler.arm({ id: 'kept', dueAt: inMs(80), payload });
      await scheduler.arm({ id: 'cancelled', dueAt: inMs(80), payload });
      await scheduler.cancel('cancelled');
      await scheduler.cancel('never-armed');
      expect(await scheduler.get('cancelled')).toBeNull();
      await scheduler.start(deliveries.handler());
      await eventually(() => deliveries.seen.length === 1, 'the kept timer');
      await sleep(150);
      expect(deliveries.seen.map((d) => d.id)).toEqual(['kept']);
    });

    it('fires a timer armed with a past due time promptly', async () => {
      await scheduler.start(deliveries.handler());
      const armedAt = Date.now();
      await scheduler.arm({ id: 'overdue', dueAt: new Date(armedAt - 86_400_000), payload });
      await eventually(() => deliveries.seen.length === 1, 'the overdue timer');
      expect(deliveries.seen[0].at - armedAt).toBeLessThan(1000);
    });

    it('retries a rejecting handler with backoff: two failures then success is three deliveries, then removed', async () => {
      await scheduler.arm({ id: 'flaky', dueAt: inMs(0), payload });
      await scheduler.start(
        deliveries.handler(({ attempt }) => {
          if (attempt < 3) throw new Error(`transient ${attempt}`);
        }),
      );
      await eventually(() => deliveries.seen.length === 3, 'three deliveries');
      expect(deliveries.seen.map((d) => d.attempt)).toEqual([1, 2, 3]);
      expect(deliveries.seen[2].at - deliveries.seen[1].at).toBeGreaterThanOrEqual(35);
      expect(deliveries.failures.map((f) => [f.timer.attempt, f.final, (f.error as Error).message])).toEqual([
        [1, false, 'transient 1'],
        [2, false, 'transient 2'],
      ]);
      await eventually(async () => (await scheduler.get('flaky')) === null, 'removal');
      await sleep(100);
      expect(deliveries.seen).toHaveLength(3);
    });

    it('keeps a timer whose every attempt failed as failed, reports it, and fires it again when re-armed', async () => {
      await scheduler.arm({ id: 'broken', dueAt: inMs(0), payload });
      await scheduler.arm({ id: 'hopeless', dueAt: inMs(0), payload });
      await scheduler.start(
        deliveries.handler(({ id, payload: p }) => {
          if (id === 'hopeless') throw new UnrecoverableTimerError('dossier stream is unreadable');
          if (!p.retried) throw new Error('still down');
        }),
      );
      await eventually(() => deliveries.failures.filter((f) => f.final).length === 2, 'two final failures');
      await sleep(100);
      expect(deliveries.count('broken')).toBe(3);
      expect(deliveries.count('hopeless')).toBe(1);
      expect(await scheduler.get('broken')).toMatchObject({ state: 'failed', attempts: 3, payload });
      expect(await scheduler.get('hopeless')).toMatchObject({ state: 'failed', attempts: 1 });
      expect(await scheduler.armed()).toBe(0);
      await scheduler.arm({ id: 'broken', dueAt: inMs(0), payload: { retried: true } });
      await eventually(() => deliveries.count('broken') === 4, 'the re-armed delivery');
      expect(deliveries.of('broken')[3]).toMatchObject({ attempt: 1, payload: { retried: true } });
      await eventually(async () => (await scheduler.get('broken')) === null, 'removal');
    });

    it('fires once when the same timer is armed several times, at once and in turn', async () => {
      const timer = { id: 'dossier-9_admission-ceremony_2024-07-16', dueAt: inMs(100), payload };
      await Promise.all([
        scheduler.arm(timer),
        scheduler.arm(timer),
        scheduler.arm({ ...timer, payload: { ...payload } }),
      ]);
      await scheduler.arm(timer);
      expect(await scheduler.armed()).toBe(1);
      await scheduler.start(deliveries.handler());
      await eventually(() => deliveries.seen.length === 1, 'the firing');
      await sleep(200);
      expect(deliveries.count(timer.id)).toBe(1);
    });

    it('rejects ids with a colon, ids over 200 characters, bad dates and payloads, and stores nothing', async () => {
      const dueAt = inMs(1000);
      await expect(scheduler.arm({ id: 'dossier-1:admission', dueAt, payload })).rejects.toThrow(InvalidTimerError);
      await expect(scheduler.arm({ id: 'dossier-1:admission', dueAt, payload })).rejects.toThrow(/contains ':'/);
      await expect(scheduler.arm({ id: 'x'.repeat(201), dueAt, payload })).rejects.toThrow(
        /201 characters long, more than 200/,
      );
      await expect(scheduler.arm({ id: 'two words', dueAt, payload })).rejects.toThrow(InvalidTimerError);
      await expect(scheduler.arm({ id: 'bad-date', dueAt: new Date('2024-02-30T99:00'), payload })).rejects.toThrow(
        /not a valid date/,
      );
      await expect(
        scheduler.arm({ id: 'bad-payload', dueAt, payload: [] as unknown as Record<string, unknown> }),
      ).rejects.toThrow(/JSON object/);
      await expect(scheduler.cancel('a:b')).rejects.toThrow(InvalidTimerError);
      await expect(scheduler.get('a:b')).rejects.toThrow(InvalidTimerError);
      expect(await scheduler.armed()).toBe(0);
      await scheduler.arm({ id: 'y'.repeat(200), dueAt, payload });
      expect(await scheduler.armed()).toBe(1);
    });

    it('fires 200 timers exactly once each', async () => {
      const ids = Array.from({ length: 200 }, (_, i) => `dossier-${i}_recognition-review_2025-03-0${(i % 9) + 1}`);
      await Promise.all(ids.map((id, i) => scheduler.arm({ id, dueAt: inMs(i), payload: { i } })));
      expect(await scheduler.armed()).toBe(200);
      await scheduler.start(deliveries.handler());
      await eventually(() => new Set(deliveries.seen.map((d) => d.id)).size === 200, '200 distinct firings', 8000);
      await sleep(200);
      expect(deliveries.seen).toHaveLength(200);
      expect(deliveries.seen.every((d) => d.payload.i === ids.indexOf(d.id))).toBe(true);
      await eventually(async () => (await scheduler.armed()) === 0, 'every timer removed');
    });

    it('stop() waits for the deliveries in flight, and the finished timer is removed', async () => {
      let finished = false;
      await scheduler.arm({ id: 'slow', dueAt: inMs(0), payload });
      await scheduler.start(
        deliveries.handler(async () => {
          await sleep(250);
          finished = true;
        }),
      );
      await eventually(() => deliveries.seen.length === 1, 'the delivery to start');
      await scheduler.stop();
      expect(finished).toBe(true);
      expect(deliveries.count('slow')).toBe(1);
      expect(await scheduler.get('slow')).toBeNull();
      await scheduler.arm({ id: 'after-stop', dueAt: inMs(0), payload });
      await sleep(150);
      expect(deliveries.count('after-stop')).toBe(0);
    });

    it('re-arming while the timer is being delivered lets that delivery finish, then fires the new arming', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await scheduler.arm({ id: 'busy', dueAt: inMs(0), payload: { v: 1 } });
      await scheduler.start(
        deliveries.handler(({ attempt, payload: p }) => (p.v === 1 && attempt === 1 ? held : undefined)),
      );
      await eventually(() => deliveries.seen.length === 1, 'the first delivery');
      const later = inMs(150);
      await scheduler.arm({ id: 'busy', dueAt: later, payload: { v: 2 } });
      expect(await scheduler.get('busy')).toMatchObject({ dueAt: later, payload: { v: 2 } });
      release();
      await eventually(() => deliveries.seen.length === 2, 'the second arming');
      expect(deliveries.seen[1]).toMatchObject({ payload: { v: 2 }, attempt: 1 });
      expect(deliveries.seen[1].at).toBeGreaterThanOrEqual(later.getTime());
      await eventually(async () => (await scheduler.armed()) === 0, 'removal');
    });

    it('counts armed timers and returns one by id', async () => {
      const dueAt = inMs(3_600_000);
      await scheduler.arm({ id: 'a', dueAt, payload: { n: 1 } });
      await scheduler.arm({ id: 'b', dueAt, payload: { n: 2 } });
      await scheduler.arm({ id: 'c', dueAt, payload: { n: 3 } });
      expect(await scheduler.armed()).toBe(3);
      await scheduler.cancel('b');
      await scheduler.arm({ id: 'c', dueAt: inMs(7_200_000), payload: { n: 4 } });
      expect(await scheduler.armed()).toBe(2);
      expect(await scheduler.get('a')).toEqual({ id: 'a', dueAt, payload: { n: 1 }, state: 'armed', attempts: 0 });
      expect(await scheduler.get('b')).toBeNull();
    });

    it('pollNow delivers what is due by the injected clock, and only that', async () => {
      const clock = new ManualTestClock();
      await setUp(clock.now);
      await scheduler.arm({ id: 'tomorrow', dueAt: new Date(clock.now().getTime() + 86_400_000), payload });
      await scheduler.arm({ id: 'next-week', dueAt: new Date(clock.now().getTime() + 7 * 86_400_000), payload });
      await expect(scheduler.pollNow()).rejects.toThrow(/start/);
      await scheduler.start(deliveries.handler());
      expect(await scheduler.pollNow()).toBe(0);
      clock.advance(86_400_000);
      expect(await scheduler.pollNow()).toBe(1);
      expect(deliveries.seen).toEqual([expect.objectContaining({ id: 'tomorrow', firedAt: clock.now(), attempt: 1 })]);
      expect(await scheduler.get('tomorrow')).toBeNull();
      expect(await scheduler.armed()).toBe(1);
    });
  });
}
