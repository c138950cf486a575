import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryEventStore, type EventStore } from '@ketnap/event-store';
import type { CommandContext } from '../commands/command-context';
import { RecordUnitCommand } from '../units/record-unit.command';
import { RecordUnitHandler } from '../units/record-unit.handler';
import { UNITS_STREAM, renderMessage, type PlanView } from '@ketnap/domain';
import { UnitsReader } from '../units/units.reader';
import { AdoptPlanCommand, type PlanSubmission } from './adopt-plan.command';
import { AdoptPlanHandler } from './adopt-plan.handler';
import { GetPlanHandler } from './get-plan.handler';
import { GetPlanQuery } from './get-plan.query';

const seed = readFileSync(
  join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'plan-2024-dong-tien.tsv'),
  'utf8',
);
const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { sub: 'admin-1', role: 'admin', unitIds: [] },
  correlationId: 'c-1',
  ...extra,
});
const tsv = (createUnits: boolean): PlanSubmission => ({ format: 'tsv', text: seed, createUnits });

describe('AdoptPlanHandler', () => {
  let store: EventStore;
  let adopt: (year: number, submission: PlanSubmission, ctx?: CommandContext) => Promise<unknown>;
  beforeEach(async () => {
    store = new MemoryEventStore();
    const handler = new AdoptPlanHandler(store, new UnitsReader(store));
    adopt = (year, submission, ctx = context()) => handler.execute(new AdoptPlanCommand(year, submission, ctx));
    await new RecordUnitHandler(store).execute(
      new RecordUnitCommand({ unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }, context()),
    );
  });

  it('imports the seed with createUnits: 17 units under the sole committee, then the plan in plan-2024', async () => {
    const plan = await adopt(2024, tsv(true));
    expect(plan).toMatchObject({ year: 2024, version: 1, committeeId: 'dong-tien', source: 'tsv' });
    const units = await new UnitsReader(store).catalog();
    expect(units.size).toBe(18);
    expect(units.get('y-te')).toMatchObject({ kind: 'branch', block: 'agency', parentId: 'dong-tien', version: 1 });
    expect((await store.readStream('plan-2024')).map((e) => e.type)).toEqual(['PlanAdopted']);
    expect(await new GetPlanHandler(store).execute(new GetPlanQuery(2024))).toEqual(plan);
  });

  it('refuses unknown units without createUnits and appends nothing', async () => {
    await expect(adopt(2024, tsv(false))).rejects.toMatchObject({ code: 'UNKNOWN_UNIT' });
    expect(await store.headPosition()).toBe(1);
  });

  it('replaces the plan on a new adoption, creating no unit twice', async () => {
    await adopt(2024, tsv(true));
    const again = (await adopt(2024, {
      format: 'tsv',
      text: seed,
      createUnits: true,
      minimums: { total: 6, rural: 3, agency: 3 },
    })) as PlanView;
    expect(again).toMatchObject({ version: 2 });
    expect(again.warnings.map((w) => renderMessage(w, 'en'))).toEqual([
      expect.stringContaining('blank cells'),
      expect.stringMatching(/^committeeMembers of dong-tien is not set/),
      expect.stringMatching(/^12 branches have no officialMembers/),
    ]);
    expect(await store.readStream(UNITS_STREAM)).toHaveLength(18);
  });

  it('answers the same plan submitted again with the adopted one, appending nothing', async () => {
    const first = await adopt(2024, tsv(true));
    const head = await store.headPosition();
    expect(await adopt(2024, tsv(true))).toEqual(first);
    expect(await store.headPosition()).toBe(head);
  });

  it('creates the party committee an empty catalog lacks, first, as the parent of the units it creates', async () => {
    store = new MemoryEventStore();
    const handler = new AdoptPlanHandler(store, new UnitsReader(store));
    const plan = await handler.execute(new AdoptPlanCommand(2024, tsv(true), context()));
    expect(plan).toMatchObject({ version: 1, committeeId: 'dang-uy' });
    const recorded = await store.readStream(UNITS_STREAM);
    expect(recorded[0].data).toEqual({ unitId: 'dang-uy', name: 'Đảng ủy', kind: 'party-committee' });
    expect(recorded.slice(1).map((e) => (e.data as { parentId?: string }).parentId)).toEqual(Array(17).fill('dang-uy'));
    expect(await handler.execute(new AdoptPlanCommand(2024, tsv(true), context()))).toEqual(plan);
    expect(await store.readStream(UNITS_STREAM)).toHaveLength(18);
  });

  it('creates no units when a stale If-Match refuses the plan', async () => {
    await adopt(2024, { format: 'json', input: { committeeId: 'dong-tien', units: [] } });
    await expect(adopt(2024, tsv(true), context({ expectedVersion: 0 }))).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(await store.readStream(UNITS_STREAM)).toHaveLength(1);
  });

  it('answers a resend with the same key with the first plan, units and all, appending nothing', async () => {
    const first = await adopt(2024, tsv(true), context({ idempotencyKey: 'import-1' }));
    const head = await store.headPosition();
    expect(await adopt(2024, tsv(true), context({ idempotencyKey: 'import-1' }))).toEqual(first);
    expect(await store.headPosition()).toBe(head);
  });

  it('answers an unknown year with nothing', async () => {
    expect(await new GetPlanHandler(store).execute(new GetPlanQuery(2030))).toBeUndefined();
  });
});
