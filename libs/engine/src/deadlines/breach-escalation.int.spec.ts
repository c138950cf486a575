import { inspectionCaseStreamId, obligationsOf, type LocalDate, type Obligation } from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedDossier } from '../dossiers/dossier.service';
import { dossierIdOf, startDeadlineHarness, step, stepsThrough, writeDossier, type DeadlineHarness } from '../testing';
import { BreachEscalation } from './breach-escalation';

const DUE = '2024-06-04';
const TODAY = '2024-06-10';
const office = { actor: { sub: 'office-1', role: 'office', unitIds: ['chi-bo-thon-dong-lac'] } };

/**
 * Two processes run the deadline saga (one follows the log, any runs a timer): one may act on a dossier
 * it read before the other withdrew the breach or recorded it again. The case must end as the dossier
 * says, whichever process writes last.
 */
describe('the saga acting on a dossier it read before another process changed the breach', () => {
  let h: DeadlineHarness;
  let dir: string;
  let escalation: BreachEscalation;
  const ID = dossierIdOf(1, 9);
  const caseStream = inspectionCaseStreamId(`${ID}_admission-decision_${DUE}`);
  const caseTypes = async () => (await h.store.readStream(caseStream)).map((e) => e.type);
  const read = async (): Promise<LoadedDossier> => (await h.dossiers.load(ID))!;
  const decisionOf = (loaded: LoadedDossier): Obligation =>
    obligationsOf(loaded.state, calendar, {
      today: TODAY as LocalDate,
      reminderDays: h.config.reminderDays,
      ruleSets: h.dossiers.rules.sets,
    }).find((o) => o.obligation === 'admission-decision')!;
  let breachedRead: LoadedDossier;
  let withdrawnRead: LoadedDossier;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ketnap-stale-saga-'));
    h = await startDeadlineHarness({ dataDir: dir, startAt: '2024-05-02T01:00:00Z' });
    escalation = h.app.get(BreachEscalation);
    await writeDossier(h.store, calendar, ID, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await h.settle();
    expect(await h.jump.set(new Date('2024-06-10T02:00:00Z'))).toMatchObject({ breached: 1 });
    breachedRead = await read();
    expect(await caseTypes()).toEqual(['InspectionCaseOpened']);
  }, 30_000);

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not open again the case another process withdrew with its breach', async () => {
    await h.dossiers.execute(
      ID,
      step('RecordAdmissionDecision', 0, { decidedOn: '2024-06-03', receivedOn: undefined }),
      office,
    );
    await h.settle();
    withdrawnRead = await read();
    expect(withdrawnRead.state.breaches).toEqual([
      expect.objectContaining({ dueOn: DUE, withdrawn: expect.anything() }),
    ]);
    expect(await caseTypes()).toEqual(['InspectionCaseOpened', 'InspectionCaseWithdrawn']);

    // A timer's reconcile that read the dossier while the breach stood, and writes the case now.
    const stale = decisionOf(breachedRead);
    expect(stale).toMatchObject({ dueOn: DUE, status: 'breached' });
    expect(await escalation.escalate(breachedRead, stale, 'timer')).toBe(false);
    expect(await caseTypes()).toEqual(['InspectionCaseOpened', 'InspectionCaseWithdrawn']);
  });

  it('does not withdraw the case of a breach recorded again since it read the dossier', async () => {
    // The decision corrected to a date after the due date: the same due date is breached again.
    const decided = withdrawnRead.state.records.find((r) => r.event.type === 'AdmissionDecided')!;
    await h.dossiers.execute(
      ID,
      {
        type: 'CorrectStep',
        data: { eventId: decided.eventId, changes: { decidedOn: '2024-06-07' }, reason: 'Nhập sai ngày' },
      },
      office,
    );
    await h.settle();
    const now = await read();
    expect(now.state.breaches.map((b) => [b.dueOn, b.withdrawn === undefined])).toEqual([
      [DUE, false],
      [DUE, true],
    ]);
    expect(await caseTypes()).toEqual(['InspectionCaseOpened', 'InspectionCaseWithdrawn', 'InspectionCaseOpened']);

    // A reconcile that read the dossier before the correction: the first breach withdrawn and no other.
    const [first] = withdrawnRead.state.breaches;
    await escalation.withdrawCase(ID, first, first.withdrawn!.reason);
    // And one that read it before the first withdrawal, which withdraws the first breach again.
    const [standing] = breachedRead.state.breaches;
    expect(await escalation.withdraw(breachedRead, standing, 'The decision was recorded on time.')).toBe(false);
    expect(await caseTypes()).toEqual(['InspectionCaseOpened', 'InspectionCaseWithdrawn', 'InspectionCaseOpened']);
    expect((await read()).version).toBe(now.version);
  });
});
