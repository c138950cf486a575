import type { DecodedEvent } from '../events/domain-event';
import { emptyCatalog, evolveCatalog, foldCatalog } from './unit-catalog';

const recorded = (unitId: string, name: string): DecodedEvent =>
  ({ type: 'UnitRecorded', data: { unitId, name, kind: 'branch', parentId: 'xa' } }) as DecodedEvent;

describe('foldCatalog', () => {
  const events: DecodedEvent[] = [
    recorded('xa', 'Đảng ủy xã'),
    recorded('b1', 'Chi bộ 1'),
    { type: 'PlanAdopted', data: {} } as DecodedEvent,
    recorded('b1', 'Chi bộ thôn 1'),
    recorded('b2', 'Chi bộ 2'),
  ];

  it('folds a run of events as evolveCatalog folds them one by one, leaving the catalog it starts from', () => {
    const start = evolveCatalog(emptyCatalog(), recorded('xa', 'Xã'));
    const folded = foldCatalog(start, events);
    expect([...folded.entries()]).toEqual([...events.reduce(evolveCatalog, start).entries()]);
    expect(folded.get('b1')).toMatchObject({ name: 'Chi bộ thôn 1', version: 2 });
    expect(folded.get('xa')?.version).toBe(2);
    expect([...start.keys()]).toEqual(['xa']);
  });
});
