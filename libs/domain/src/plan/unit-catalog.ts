import type { Message } from '../dossier/commands';
import type { DecodedEvent } from '../events/domain-event';
import type { OrgUnit } from './org-unit';

/** A unit was recorded or replaced, in the units stream; `data` is the whole unit. */
export type UnitRecorded = Message<'UnitRecorded', OrgUnit>;

/** A unit with its own version: how many times it was recorded (what `If-Match` names). */
export interface UnitView extends OrgUnit {
  version: number;
}

/** The catalog folded from the units stream, in the order units were first recorded. */
export type UnitCatalog = ReadonlyMap<string, UnitView>;

export const emptyCatalog = (): UnitCatalog => new Map();

export function evolveCatalog(catalog: UnitCatalog, event: DecodedEvent): UnitCatalog {
  return event.type === 'UnitRecorded' ? foldCatalog(catalog, [event]) : catalog;
}

/**
 * The catalog after a run of events, in one copy of the map: folding them one by one with
 * {@link evolveCatalog} copies it once an event, which a national catalog (tens of thousands of
 * units) cannot afford.
 */
export function foldCatalog(catalog: UnitCatalog, events: readonly DecodedEvent[]): UnitCatalog {
  const next = new Map(catalog);
  for (const event of events) {
    if (event.type !== 'UnitRecorded') continue;
    const unit = event.data;
    next.set(unit.unitId, { ...unit, version: (next.get(unit.unitId)?.version ?? 0) + 1 });
  }
  return next;
}

/** The units of a catalog, without their versions. */
export const unitsOf = (catalog: UnitCatalog): OrgUnit[] =>
  [...catalog.values()].map(({ version: _version, ...unit }) => unit);

/** True when two records of a unit say the same thing (recording it again would change nothing). */
export function sameUnit(a: OrgUnit, b: OrgUnit): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof OrgUnit)[]);
  return [...keys].every((key) =>
    key === 'authorities' ? JSON.stringify(a[key]) === JSON.stringify(b[key]) : a[key] === b[key],
  );
}
