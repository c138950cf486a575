import { MemoryEventStore, type EventStore } from '@ketnap/event-store';
import type { CommandContext } from '../commands/command-context';
import { RecordUnitCommand } from './record-unit.command';
import { RecordUnitHandler } from './record-unit.handler';
import { UNITS_STREAM } from '@ketnap/domain';
import { UnitsReader } from './units.reader';

const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { sub: 'admin-1', role: 'admin', unitIds: [] },
  correlationId: 'c-1',
  ...extra,
});
const langGia = {
  unitId: 'lang-gia',
  name: 'Làng Gia',
  kind: 'branch' as const,
  parentId: 'dong-tien',
  block: 'rural' as const,
  officialMembers: 12,
};
const dongTien = { unitId: 'dong-tien', name: 'Đồng Tiến', kind: 'party-committee' as const };

describe('RecordUnitHandler', () => {
  let store: EventStore;
  let handler: RecordUnitHandler;
  beforeEach(() => {
    store = new MemoryEventStore();
    handler = new RecordUnitHandler(store);
  });

  it('records units in the one catalog stream, each with its own version', async () => {
    await handler.execute(new RecordUnitCommand(dongTien, context()));
    expect(await handler.execute(new RecordUnitCommand(langGia, context()))).toEqual({ ...langGia, version: 1 });
    await handler.execute(new RecordUnitCommand({ unitId: 'mo-am', name: 'Mỏ Ấm', kind: 'branch' }, context()));
    expect(
      await handler.execute(
        new RecordUnitCommand({ ...langGia, officialMembers: 13 }, context({ expectedVersion: 1 })),
      ),
    ).toMatchObject({ officialMembers: 13, version: 2 });
    const events = await store.readStream(UNITS_STREAM);
    expect(events.map((e) => [e.type, (e.data as { unitId: string }).unitId])).toEqual([
      ['UnitRecorded', 'dong-tien'],
      ['UnitRecorded', 'lang-gia'],
      ['UnitRecorded', 'mo-am'],
      ['UnitRecorded', 'lang-gia'],
    ]);
    expect(events[1].metadata).toMatchObject({ actor: { sub: 'admin-1' }, correlationId: 'c-1' });
    expect([...(await new UnitsReader(store).catalog()).keys()]).toEqual(['dong-tien', 'lang-gia', 'mo-am']);
  });

  it('replaces the unit whole and appends nothing when nothing changes', async () => {
    await handler.execute(new RecordUnitCommand(dongTien, context()));
    await handler.execute(new RecordUnitCommand(langGia, context()));
    const { officialMembers: _dropped, ...without } = langGia;
    expect(await handler.execute(new RecordUnitCommand(without, context()))).toEqual({ ...without, version: 2 });
    expect(await handler.execute(new RecordUnitCommand(without, context()))).toEqual({ ...without, version: 2 });
    expect(await store.headPosition()).toBe(3);
  });

  it("compares If-Match with the unit's version, not the catalog's", async () => {
    await handler.execute(new RecordUnitCommand(dongTien, context()));
    await handler.execute(new RecordUnitCommand(langGia, context()));
    await handler.execute(new RecordUnitCommand({ unitId: 'mo-am', name: 'Mỏ Ấm', kind: 'branch' }, context()));
    await expect(
      handler.execute(new RecordUnitCommand({ ...langGia, name: 'Làng Gia mới' }, context({ expectedVersion: 2 }))),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      message: expect.stringContaining('unit lang-gia is at version 1, not 2'),
    });
  });

  it('refuses a parent that would make a loop, and one the catalog does not hold with a fitting kind', async () => {
    await handler.execute(
      new RecordUnitCommand({ unitId: 'huu-lung', name: 'Hữu Lũng', kind: 'higher-committee' }, context()),
    );
    await handler.execute(
      new RecordUnitCommand(
        { unitId: 'lang-son', name: 'Lạng Sơn', kind: 'higher-committee', parentId: 'huu-lung' },
        context(),
      ),
    );
    await handler.execute(new RecordUnitCommand({ ...dongTien, parentId: 'huu-lung' }, context()));
    const before = await store.headPosition();
    const loop = handler.execute(
      new RecordUnitCommand(
        { unitId: 'huu-lung', name: 'Hữu Lũng', kind: 'higher-committee', parentId: 'lang-son' },
        context(),
      ),
    );
    await expect(loop).rejects.toMatchObject({ name: 'PlanError', code: 'UNIT_PARENT_INVALID' });
    const unknown = handler.execute(new RecordUnitCommand({ ...langGia, parentId: 'xa-khac' }, context()));
    await expect(unknown).rejects.toMatchObject({ name: 'PlanError', code: 'UNKNOWN_UNIT' });
    const wrongKind = handler.execute(new RecordUnitCommand({ ...langGia, parentId: 'huu-lung' }, context()));
    await expect(wrongKind).rejects.toMatchObject({ name: 'PlanError', code: 'UNKNOWN_UNIT' });
    expect(await store.headPosition()).toBe(before);
  });

  it("records a party committee's competent authorities, and refuses one that names no fitting unit", async () => {
    await handler.execute(
      new RecordUnitCommand({ unitId: 'huu-lung', name: 'Hữu Lũng', kind: 'higher-committee' }, context()),
    );
    const authorities = [
      { from: '2021-07-30', to: '2025-06-30', unitId: 'huu-lung' },
      { from: '2025-07-01', unitId: 'dong-tien' },
    ];
    const withAuthorities = { ...dongTien, parentId: 'huu-lung', authorities };
    expect(await handler.execute(new RecordUnitCommand(withAuthorities, context()))).toEqual({
      ...withAuthorities,
      version: 1,
    });
    await handler.execute(new RecordUnitCommand(langGia, context()));
    const before = await store.headPosition();
    expect(
      await handler.execute(
        new RecordUnitCommand({ ...withAuthorities, authorities: authorities.map((a) => ({ ...a })) }, context()),
      ),
    ).toMatchObject({ version: 1 });
    const wrong = [{ from: '2024-01-01', unitId: 'lang-gia' }];
    await expect(
      handler.execute(new RecordUnitCommand({ ...dongTien, authorities: wrong }, context())),
    ).rejects.toMatchObject({ name: 'PlanError', code: 'UNKNOWN_UNIT' });
    await expect(
      handler.execute(
        new RecordUnitCommand({ ...langGia, authorities: [{ from: '2024-01-01', unitId: 'huu-lung' }] }, context()),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_COMMAND' });
    expect(await store.headPosition()).toBe(before);
  });

  it('answers a resend with the same key with the first result, even after a later change', async () => {
    await handler.execute(new RecordUnitCommand(dongTien, context()));
    const first = await handler.execute(new RecordUnitCommand(langGia, context({ idempotencyKey: 'k' })));
    await handler.execute(new RecordUnitCommand({ ...langGia, officialMembers: 20 }, context()));
    expect(await handler.execute(new RecordUnitCommand(langGia, context({ idempotencyKey: 'k' })))).toEqual(first);
    await expect(
      handler.execute(new RecordUnitCommand({ ...langGia, unitId: 'mo-am' }, context({ idempotencyKey: 'k' }))),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await store.headPosition()).toBe(3);
  });
});
