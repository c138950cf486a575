import { foldName } from './fold-name';
import type { OrgUnit } from './org-unit';

export type NameMatch = { unit: OrgUnit } | { ambiguous: OrgUnit[] } | { missing: true };

/**
 * Finds the catalog unit a published name stands for: the unit with exactly that name, else the one
 * whose name is the same ignoring case, diacritics and whitespace.
 */
export function matchUnitByName(name: string, catalog: readonly OrgUnit[]): NameMatch {
  const exact = catalog.filter((unit) => unit.name.normalize('NFC') === name.normalize('NFC'));
  if (exact.length === 1) return { unit: exact[0] };
  if (exact.length > 1) return { ambiguous: exact };
  const key = foldName(name);
  const loose = catalog.filter((unit) => foldName(unit.name) === key);
  if (loose.length === 1) return { unit: loose[0] };
  if (loose.length > 1) return { ambiguous: loose };
  return { missing: true };
}
