import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVietnamCalendar, dossierStreamId, startOfLegalDate, type DossierCommand } from '@ketnap/domain';
import { ConcurrencyError, SqliteEventStore } from '@ketnap/event-store';
import { command, MAIN_LINE } from '@ketnap/domain/testing';
import { ManualClock } from '../clock/clock';
import { recordUnits } from '../testing/record-units';
import { DossierService } from './dossier.service';

const office = { sub: 'office-1', role: 'office', unitIds: ['dang-uy-xa-dong-tien'] };

describe('DossierService on SQLite', () => {
  let dir: string;
  let store: SqliteEventStore;
  let clock: ManualClock;
  let service: DossierService;
  /** The log's head once the commune's units are recorded. */
  let units: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ketnap-dossier-'));
    clock = new ManualClock(startOfLegalDate('2025-12-31'));
    store = new SqliteEventStore({ path: join(dir, 'ketnap.db'), clock: () => clock.now() });
    service = new DossierService(store, clock, createVietnamCalendar());
    await recordUnits(store);
    units = await store.headPosition();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function throughStep(last: (typeof MAIN_LINE)[number]) {
    const nominated = await service.nominate(command('NominateCandidate'), { actor: office });
    for (const type of MAIN_LINE.slice(1, MAIN_LINE.indexOf(last) + 1)) {
      await service.execute(nominated.id, command(type) as DossierCommand, { actor: office });
    }
    return nominated.id;
  }

  it('records a dossier from nomination to official membership, with legal date, rule set and actor on every event', async () => {
    const id = await throughStep('RecordRecognitionDecision');
    const loaded = await service.load(id);
    expect(loaded?.version).toBe(14);
    expect(loaded?.state.stage).toBe('official');
    expect(loaded?.state.officialSince).toBe('2025-06-10');
    const events = await store.readStream(dossierStreamId(id));
    expect(events[0].metadata).toMatchObject({ occurredOn: '2023-09-05', ruleSet: 'qd24-2021', actor: office });
    expect(events[13].metadata).toMatchObject({ occurredOn: '2025-07-15', ruleSet: 'qd294-2025' });
    expect(await store.verify(dossierStreamId(id))).toMatchObject({ ok: true, events: 14 });
  });

  it('keeps in memory, after each write, the state a fresh read of the stream folds', async () => {
    const id = await throughStep('HoldCeremony');
    const kept = await service.current(id);
    const reads = jest.spyOn(store, 'readStream');
    const fresh = await new DossierService(store, clock, createVietnamCalendar()).load(id);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(kept?.version).toBe(11);
    expect(kept?.state).toEqual(fresh?.state);
    expect(kept?.state.records.map((r) => r.recordedAt)).toEqual(fresh?.events.map((e) => e.metadata.recordedAt));
  });

  it('answers a resend under the same idempotency key with the first outcome and appends nothing', async () => {
    const key = { actor: office, idempotencyKey: 'k-1' };
    const first = await service.nominate(command('NominateCandidate'), key);
    const again = await service.nominate(command('NominateCandidate'), key);
    expect(again).toEqual({ ...first, duplicate: true });
    const step = await service.execute(first.id, command('AssignHelpers'), { actor: office, idempotencyKey: 'k-2' });
    const stepAgain = await service.execute(first.id, command('AssignHelpers'), {
      actor: office,
      idempotencyKey: 'k-2',
    });
    expect(stepAgain).toEqual({ ...step, duplicate: true, appended: ['HelpersAssigned'] });
    expect(await store.headPosition()).toBe(units + 2);
  });

  it('refuses a stale If-Match version and leaves the dossier unchanged', async () => {
    const { id } = await service.nominate(command('NominateCandidate'), { actor: office });
    await service.execute(id, command('AssignHelpers'), { actor: office, expectedVersion: 1 });
    await expect(
      service.execute(id, command('RecordTraining'), { actor: office, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await service.load(id))?.version).toBe(2);
  });

  it('retries a lost version race when the client pinned no version', async () => {
    const { id } = await service.nominate(command('NominateCandidate'), { actor: office });
    const outcomes = await Promise.all([
      service.execute(id, command('AssignHelpers'), { actor: office }),
      service.execute(id, command('AssignHelpers', { helpers: [{ name: 'Vi Văn Dũng' }] }), { actor: office }),
    ]);
    expect(outcomes.map((o) => o.version).sort()).toEqual([2, 3]);
  });

  it('appends nothing when a rule forbids the command', async () => {
    const { id } = await service.nominate(command('NominateCandidate'), { actor: office });
    await expect(service.execute(id, command('HoldCeremony'), { actor: office })).rejects.toMatchObject({
      name: 'DomainError',
      code: 'STEP_OUT_OF_ORDER',
    });
    await expect(
      service.execute(id, command('AssignHelpers', { assignedOn: '2026-02-01' }), { actor: office }),
    ).rejects.toMatchObject({ code: 'DATE_IN_FUTURE' });
    expect(await store.headPosition()).toBe(units + 1);
  });

  it('folds the dossier as of a legal date', async () => {
    const id = await throughStep('HoldCeremony');
    expect((await service.load(id, { asOf: '2024-03-10' }))?.state.stage).toBe('proposed');
    expect((await service.load(id, { asOf: '2023-09-05' }))?.state.stage).toBe('nominated');
    expect((await service.load(id))?.state.stage).toBe('probation');
    expect(await service.load('not-a-uuid')).toBeNull();
  });
});
