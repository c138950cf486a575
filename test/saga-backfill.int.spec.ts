import { inspectionCaseStreamId, renderLines, type MessageRef } from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import { DeadlineSaga } from '@ketnap/engine';
import { type DeadlineHarness, dossierIdOf, step, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { forEachScheduler, sagaSuite } from './support/saga-support';

const DUE = '2024-06-04';
const office = { actor: { sub: 'office-1', role: 'office', unitIds: ['chi-bo-thon-dong-lac'] } };
const standing = { actor: { sub: 'btv-1', role: 'standing-committee', unitIds: [] } };

forEachScheduler('back-filling: a breach the recorded dates do not support is withdrawn', (setup) => {
  let h: DeadlineHarness;
  const suite = sagaSuite(setup);
  const [ON_TIME, EXTENDED] = [1, 2].map((n) => dossierIdOf(n, 8));
  const types = async (streamId: string) => (await h.store.readStream(streamId)).map((e) => e.type);

  beforeAll(async () => {
    h = await suite.start('2024-05-02T01:00:00Z');
    for (const id of [ON_TIME, EXTENDED])
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await h.settle();
    expect(await h.jump.set(new Date('2024-06-10T02:00:00Z'))).toMatchObject({ breached: 2 });
  }, 30_000);

  it('withdraws the breach and the case, with the reason, when the office records the decision dated on time', async () => {
    await h.dossiers.execute(
      ON_TIME,
      step('RecordAdmissionDecision', 0, { decidedOn: '2024-06-03', receivedOn: undefined }),
      office,
    );
    await h.settle();
    const dossier = await h.store.readStream(`dossier-${ON_TIME}`);
    const withdrawal = dossier.find((e) => e.type === 'DeadlineBreachWithdrawn');
    expect(withdrawal?.data).toMatchObject({
      obligation: 'admission-decision',
      dueOn: DUE,
      withdrawnOn: '2024-06-10',
      reason: expect.stringContaining('met on time: on 2024-06-03, due 2024-06-04'),
    });
    expect(dossier.map((e) => e.type).slice(-3)).toEqual([
      'DeadlineBreached',
      'AdmissionDecided',
      'DeadlineBreachWithdrawn',
    ]);
    const caseEvents = await h.store.readStream(inspectionCaseStreamId(`${ON_TIME}_admission-decision_${DUE}`));
    expect(caseEvents.map((e) => [e.type, e.data])).toEqual([
      ['InspectionCaseOpened', expect.objectContaining({ dueOn: DUE, explanation: expect.any(Array) })],
      ['InspectionCaseWithdrawn', { reason: withdrawal?.data && (withdrawal.data as { reason: string }).reason }],
    ]);
    // The explanation is stored as catalogue messages, read in the language asked.
    const { explanation } = caseEvents[0].data as { explanation: MessageRef[] };
    expect(renderLines(explanation, 'en')).toContain('Due date: Tuesday 2024-06-04.');
    expect(renderLines(explanation, 'vi')).toContain('Hạn chót: Thứ Ba, ngày 04/06/2024.');
  });

  it('withdraws the breach of the old due date when an extension moves it, and arms the new one', async () => {
    await h.dossiers.execute(
      EXTENDED,
      {
        type: 'ExtendDecisionDeadline',
        data: { extendedOn: '2024-05-31', workingDays: 30, reason: 'Chờ xác minh bổ sung' },
      },
      standing,
    );
    await h.settle();
    expect((await types(`dossier-${EXTENDED}`)).slice(-2)).toEqual([
      'DecisionDeadlineExtended',
      'DeadlineBreachWithdrawn',
    ]);
    const withdrawal = (await h.store.readStream(`dossier-${EXTENDED}`)).at(-1);
    expect(withdrawal?.data).toMatchObject({
      dueOn: DUE,
      reason: 'The due date of the admission-decision obligation moved from 2024-06-04 to 2024-07-16.',
    });
    expect(await types(inspectionCaseStreamId(`${EXTENDED}_admission-decision_${DUE}`))).toEqual([
      'InspectionCaseOpened',
      'InspectionCaseWithdrawn',
    ]);
    expect(await h.scheduler.get(`${EXTENDED}_admission-decision_2024-07-16`)).toMatchObject({
      dueAt: new Date('2024-07-16T17:00:00.000Z'),
    });
  });

  it('changes nothing when everything runs again: sweeps, duplicate firings', async () => {
    const head = await h.store.headPosition();
    await h.sweep.run('all');
    for (const id of [ON_TIME, EXTENDED]) await h.app.get(DeadlineSaga).reconcile(id, 'timer');
    await h.settle();
    expect(await h.store.headPosition()).toBe(head);
  });
});
