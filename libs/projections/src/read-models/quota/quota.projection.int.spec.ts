import type { DossierCommand, PlanAdoptedV1 } from '@ketnap/domain';
import { MAIN_LINE, command, history } from '@ketnap/domain/testing';
import { describeWithService } from '../../../../../test/support/services';
import { envelopesOf, projectionInMemory } from '../../testing/read-model-testing';
import { quotaProjection } from './quota.projection';
import { planOf, quotaCandidatesAsOf, quotaFacts, quotaUnits } from './quota.query';

const note = (text: string) => ({ key: 'plan.recorded-warning', params: { text } });
/** A plan stored by schema version 1 (its envelopes say so): its warning marks it, read back upcast. */
const plan = (version: string): PlanAdoptedV1 => ({ year: 2024, source: 'json', units: [], warnings: [version] });
const fix = (eventId: string, changes: object) =>
  ({ type: 'CorrectStep', data: { eventId, changes, reason: 'nhập sai' } }) as DossierCommand;
const throughDecision = (overrides: Record<string, object> = {}) =>
  MAIN_LINE.slice(0, 10).map((t) => command(t, overrides[t] as never) as DossierCommand);

function quotaReadModelSpecs(postgresUrl?: string): void {
  let model: Awaited<ReturnType<typeof projectionInMemory>>;
  let position = 0;
  const append = async (
    streamId: string,
    events: Array<{ type: string; data: unknown; eventId?: string; schemaVersion?: number }>,
  ) => {
    const envelopes = envelopesOf(streamId, events, { position, version: 0 });
    position += envelopes.length;
    await model.apply(envelopes);
  };
  beforeEach(async () => {
    model = await projectionInMemory(quotaProjection(), { postgresUrl });
    position = 0;
  });
  afterEach(() => model.drop());

  it('keeps the unit catalog and the last plan adopted for each year', async () => {
    await append('units', [
      { type: 'UnitRecorded', data: { unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch', block: 'rural' } },
      { type: 'UnitRecorded', data: { unitId: 'y-te', name: 'Y tế', kind: 'branch' } },
      { type: 'UnitRecorded', data: { unitId: 'y-te', name: 'Y tế xã', kind: 'branch', block: 'agency' } },
    ]);
    await append('plan-2024', [
      { type: 'PlanAdopted', schemaVersion: 1, data: plan('first') },
      { type: 'PlanAdopted', schemaVersion: 1, data: plan('second') },
    ]);
    expect([...(await quotaUnits(model.pdb)).values()]).toEqual([
      { unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch', block: 'rural' },
      { unitId: 'y-te', name: 'Y tế xã', kind: 'branch', block: 'agency' },
    ]);
    expect((await planOf(model.pdb, 2024))?.warnings).toEqual([note('second')]);
    expect(await planOf(model.pdb, 2025)).toBeUndefined();
  });

  it("keeps each committee's plan of a year apart; a plan naming no committee belongs to the only one", async () => {
    await append('units', [
      { type: 'UnitRecorded', data: { unitId: 'xa-dong', name: 'Đảng ủy xã Đông', kind: 'party-committee' } },
    ]);
    await append('plan-2024', [{ type: 'PlanAdopted', schemaVersion: 1, data: plan('stored before committees') }]);
    await append('units', [
      { type: 'UnitRecorded', data: { unitId: 'xa-tay', name: 'Đảng ủy xã Tây', kind: 'party-committee' } },
    ]);
    await append('plan-xa-tay-2024', [
      { type: 'PlanAdopted', schemaVersion: 1, data: { ...plan('tây'), committeeId: 'xa-tay' } },
    ]);
    expect((await planOf(model.pdb, 2024, 'xa-dong'))?.warnings).toEqual([note('stored before committees')]);
    expect((await planOf(model.pdb, 2024, 'xa-tay'))?.warnings).toEqual([note('tây')]);
    expect(await planOf(model.pdb, 2024, 'xa-bac')).toBeUndefined();
    expect(await planOf(model.pdb, 2025, 'xa-tay')).toBeUndefined();
  });

  it("keeps each dossier's counted facts as corrected, and the range every date ever had", async () => {
    await append(
      'dossier-a',
      history([
        ...throughDecision(),
        fix('e1', { nominatedOn: '2023-08-30', branchId: 'lang-gia', nominatedBy: 'hoi-phu-nu' }),
        fix('e10', { decidedOn: '2024-04-02' }),
      ]).events,
    );
    await append('dossier-b', history(throughDecision({ RecordAdmissionDecision: { outcome: 'refused' } })).events);
    await append(
      'dossier-c',
      history(
        throughDecision({
          NominateCandidate: { nominatedOn: '2023-01-05' },
          RecordAdmissionDecision: { decidedOn: '2023-12-29', receivedOn: '2023-12-29' },
        }).slice(0, 1),
      ).events,
    );
    expect(await quotaFacts(model.pdb, 2024)).toEqual([
      {
        dossierId: 'a',
        branchId: 'lang-gia',
        nominatedBy: 'hoi-phu-nu',
        nominatedOn: '2023-08-30',
        decidedOn: '2024-04-02',
        outcome: 'admitted',
      },
      {
        dossierId: 'b',
        branchId: 'chi-bo-thon-dong-lac',
        nominatedBy: 'doan-thanh-nien',
        nominatedOn: '2023-09-05',
        decidedOn: '2024-05-15',
        outcome: 'refused',
      },
    ]);
    expect((await quotaFacts(model.pdb, 2023)).map((f) => f.dossierId)).toEqual(['a', 'b', 'c']);
    const row = await model.pdb.sql.get(
      `SELECT * FROM ${(await model.pdb.tables('quota'))('dossiers')} WHERE dossier_id = 'a'`,
    );
    expect(row).toMatchObject({
      exists_on: '2023-09-05',
      nominated_min: '2023-08-30',
      nominated_max: '2023-09-05',
      decided_min: '2024-04-02',
      decided_max: '2024-05-15',
    });
    expect(await quotaCandidatesAsOf(model.pdb, 2024, '2024-12-31')).toEqual(['a', 'b']);
    expect(await quotaCandidatesAsOf(model.pdb, 2023, '2023-09-01')).toEqual(['c']);
  });

  it('counts an admission for the branch holding the dossier on the decision date, a redated transfer too', async () => {
    const transfer = (toBranchId: string, transferredOn: string) =>
      command('TransferDossier', { toBranchId, transferredOn }) as DossierCommand;
    const steps = MAIN_LINE.slice(0, 9).map((t) => command(t) as DossierCommand);
    // e9 is the committee resolution (2024-03-20); the decision follows on 2024-05-15.
    const moved = history([...steps, transfer('chi-bo-lang-gia', '2024-03-25'), command('RecordAdmissionDecision')]);
    await append('dossier-a', moved.events);
    const later = history([...throughDecision(), transfer('b1', '2024-06-01')]);
    await append('dossier-b', later.events);
    const facts = await quotaFacts(model.pdb, 2024);
    expect(facts.find((f) => f.dossierId === 'a')).toMatchObject({
      branchId: 'chi-bo-thon-dong-lac',
      decidedOn: '2024-05-15',
      decidedIn: 'chi-bo-lang-gia',
    });
    expect(facts.find((f) => f.dossierId === 'b')).toMatchObject({
      branchId: 'chi-bo-thon-dong-lac',
      decidedIn: 'chi-bo-thon-dong-lac',
    });
    // Read for some units only: the dossiers of those units, and every transferred one (it may have
    // been decided in one of them), never one that concerns none of them and never moved.
    await append('dossier-c', history(throughDecision()).events);
    const ids = async (units: string[]) => (await quotaFacts(model.pdb, 2024, units)).map((f) => f.dossierId);
    expect(await ids(['chi-bo-lang-gia'])).toEqual(['a', 'b']);
    expect(await ids(['chi-bo-thon-dong-lac'])).toEqual(['a', 'b', 'c']);
    expect(await ids(['nowhere'])).toEqual(['a', 'b']);
    // A corrected transfer date moves the entry the branch of a decision is judged by.
    const transferId = moved.events.find((e) => e.type === 'DossierTransferred')!.eventId;
    const redated = history([
      ...steps,
      transfer('chi-bo-lang-gia', '2024-03-25'),
      command('RecordAdmissionDecision'),
      fix(transferId, { transferredOn: '2024-03-21' }),
    ]);
    await model.apply(
      envelopesOf('dossier-a', redated.events.slice(-1), { position, version: redated.events.length - 1 }),
    );
    const row = (await model.pdb.sql.get<{ transfers: string }>(
      `SELECT transfers FROM ${(await model.pdb.tables('quota'))('dossiers')} WHERE dossier_id = 'a'`,
    ))!;
    expect(row.transfers).toBe(`${transferId}@2024-03-21=chi-bo-lang-gia;`);
    expect((await quotaFacts(model.pdb, 2024)).find((f) => f.dossierId === 'a')?.decidedIn).toBe('chi-bo-lang-gia');
  });
}

describe('quota read model on SQLite', () => quotaReadModelSpecs());

describeWithService('postgres', 'quota read model on PostgreSQL', (url) => quotaReadModelSpecs(url));
