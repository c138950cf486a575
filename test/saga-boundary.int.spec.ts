import { calendar } from '@ketnap/domain/testing';
import { type DeadlineHarness, dossierIdOf, step, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { SAGA_ACTOR } from '@ketnap/engine';
import { countByKey, forEachScheduler, sagaSuite, wholeLog } from './support/saga-support';

// DOMAIN.md §3 worked example: a branch resolution of 2024-03-07 makes the admission decision due 2024-06-04.
const DUE = '2024-06-04';
const LAST_ON_TIME_INSTANT = '2024-06-04T16:59:59.999Z';
const FIRST_LATE_INSTANT = '2024-06-04T17:00:00.000Z';
const office = { actor: { sub: 'office-1', role: 'office', unitIds: ['chi-bo-thon-dong-lac'] } };

forEachScheduler('the due-date boundary is local midnight', (setup) => {
  let h: DeadlineHarness;
  const suite = sagaSuite(setup);
  const [A, B, C, D] = [1, 2, 3, 4].map((n) => dossierIdOf(n, 7));

  beforeAll(async () => {
    h = await suite.start('2024-05-02T01:00:00Z');
    for (const id of [A, B])
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await h.settle();
  }, 30_000);

  it('arms one timer per open obligation, for 17:00Z on the due date (00:00 the next day in Asia/Ho_Chi_Minh)', async () => {
    const timer = await h.scheduler.get(`${A}_admission-decision_${DUE}`);
    expect(timer).toMatchObject({
      dueAt: new Date(FIRST_LATE_INSTANT),
      payload: { dossierId: A, obligation: 'admission-decision', dueOn: DUE },
      state: 'armed',
    });
    expect(await h.scheduler.armed()).toBe(2);
  });

  it('finds nothing late at 23:59:59.999 local time on the due date; a step dated on it is on time and cancels the timer', async () => {
    expect(await h.jump.set(new Date(LAST_ON_TIME_INSTANT))).toEqual({
      now: LAST_ON_TIME_INSTANT,
      breached: 0,
      reminders: 2,
      issued: 0,
    });
    await h.dossiers.execute(A, step('RecordAdmissionDecision', 0, { decidedOn: DUE, receivedOn: DUE }), office);
    await h.settle();
    expect(await h.scheduler.get(`${A}_admission-decision_${DUE}`)).toBeNull();
    expect(countByKey(await wholeLog(h.store), 'DeadlineBreached').size).toBe(0);
  });

  it('breaches at local midnight: one breach, one case, one working day late', async () => {
    expect(await h.jump.set(new Date(FIRST_LATE_INSTANT))).toMatchObject({ breached: 1 });
    const log = await wholeLog(h.store);
    const breach = log.filter((e) => e.type === 'DeadlineBreached');
    expect(breach).toHaveLength(1);
    expect(breach[0]).toMatchObject({
      streamId: `dossier-${B}`,
      data: { obligation: 'admission-decision', dueOn: DUE, breachedOn: '2024-06-05', workingDaysLate: 1 },
      metadata: { actor: SAGA_ACTOR },
    });
    expect(countByKey(log, 'InspectionCaseOpened')).toEqual(new Map([[`${B}_admission-decision_${DUE}`, 1]]));
    expect(await h.scheduler.get(`${B}_admission-decision_${DUE}`)).toBeNull();
  });

  it('a step entered later with a date after the due date is a breach at once; one dated on the due date is not', async () => {
    await h.jump.set(new Date('2024-06-20T03:00:00Z'));
    await writeDossier(
      h.store,
      calendar,
      C,
      stepsThrough('RecordAdmissionDecision', 0, {
        RecordAdmissionDecision: { decidedOn: '2024-06-05', receivedOn: undefined },
      }),
      h.clock.now(),
    );
    await writeDossier(
      h.store,
      calendar,
      D,
      stepsThrough('RecordAdmissionDecision', 0, {
        RecordAdmissionDecision: { decidedOn: DUE, receivedOn: undefined },
      }),
      h.clock.now(),
    );
    await h.settle();
    const breaches = (await wholeLog(h.store)).filter(
      (e) => e.type === 'DeadlineBreached' && e.streamId !== `dossier-${B}`,
    );
    expect(breaches.map((e) => [e.streamId, e.data])).toEqual([
      [`dossier-${C}`, expect.objectContaining({ dueOn: DUE, breachedOn: '2024-06-05', workingDaysLate: 1 })],
    ]);
  });
});
