import { MemoryEventStore, type EventStore } from '@ketnap/event-store';
import type { OrgUnit, PlanAdoptedV1 } from '@ketnap/domain';
import type { CommandContext } from '../commands/command-context';
import { RecordUnitCommand } from '../units/record-unit.command';
import { RecordUnitHandler } from '../units/record-unit.handler';
import { UnitsReader } from '../units/units.reader';
import { AdoptPlanCommand } from './adopt-plan.command';
import { AdoptPlanHandler } from './adopt-plan.handler';
import { GetPlanHandler } from './get-plan.handler';
import { GetPlanQuery } from './get-plan.query';
import { planStreamFor } from './plan-streams';

const context: CommandContext = { actor: { sub: 'admin-1', role: 'admin', unitIds: [] }, correlationId: 'c-1' };
const committee = (unitId: string): OrgUnit => ({ unitId, name: `Đảng ủy ${unitId}`, kind: 'party-committee' });
const note = (text: string) => ({ key: 'plan.recorded-warning', params: { text } });
/** A plan as stored before committees, by schema version 1 (its warnings English text). */
const legacy = (warnings: string[]): PlanAdoptedV1 => ({ year: 2024, source: 'json', units: [], warnings });

describe('plan streams per committee and year', () => {
  let store: EventStore;
  let units: UnitsReader;
  const record = (unit: OrgUnit) => new RecordUnitHandler(store).execute(new RecordUnitCommand(unit, context));
  const streamOf = async (year: number, committeeId?: string) =>
    (await planStreamFor(store, await units.catalog(), year, committeeId)).streamId;
  const read = (year: number, committeeId?: string) =>
    new GetPlanHandler(store, units).execute(new GetPlanQuery(year, committeeId));

  beforeEach(async () => {
    store = new MemoryEventStore();
    units = new UnitsReader(store);
    await record(committee('xa-dong'));
  });

  it('keeps plan-<year> for the only committee, and for it once others came; gives the others their own', async () => {
    expect(await streamOf(2024)).toBe('plan-2024');
    expect(await streamOf(2024, 'xa-dong')).toBe('plan-2024');
    await new AdoptPlanHandler(store, units).execute(
      new AdoptPlanCommand(2024, { format: 'json', input: { committeeId: 'xa-dong', units: [] } }, context),
    );
    await record(committee('xa-tay'));
    expect(await streamOf(2024, 'xa-dong')).toBe('plan-2024');
    expect(await streamOf(2024, 'xa-tay')).toBe('plan-xa-tay-2024');
    expect(await streamOf(2025, 'xa-dong')).toBe('plan-xa-dong-2025');
    await expect(streamOf(2024)).rejects.toMatchObject({
      code: 'COMMITTEE_REQUIRED',
      details: { committees: ['xa-dong', 'xa-tay'] },
    });
    await expect(streamOf(2024, 'xa-bac')).rejects.toMatchObject({ messageKey: 'NOT_FOUND.committee' });
  });

  it('reads a stored plan naming no committee as the only committee’s, still after a second came', async () => {
    await store.append('plan-2024', [{ type: 'PlanAdopted', data: legacy(['old']), metadata: {} }], {
      expectedVersion: 'any',
    });
    expect(await read(2024)).toMatchObject({ warnings: [note('old')], version: 1 });
    await record(committee('xa-tay'));
    expect(await read(2024, 'xa-dong')).toMatchObject({ warnings: [note('old')], version: 1 });
    expect(await read(2024, 'xa-tay')).toBeUndefined();
  });

  it('refuses a JSON plan naming another committee than the path, appending nothing', async () => {
    await record(committee('xa-tay'));
    const head = await store.headPosition();
    await expect(
      new AdoptPlanHandler(store, units).execute(
        new AdoptPlanCommand(2024, { format: 'json', input: { committeeId: 'xa-tay', units: [] } }, context, 'xa-dong'),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await store.headPosition()).toBe(head);
  });
});
