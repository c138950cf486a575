import { readModelsCaughtUp } from '../api-support';

/**
 * Two communes for the access suites: Đông (its committee, two branches, a mass organisation) and Tây
 * (the same, where a token of Đông's units reaches nothing). `names` renames units (a CSV cell test).
 */
export function twoCommunes(names: Record<string, string> = {}): Array<[string, Record<string, unknown>]> {
  const units: Array<[string, Record<string, unknown>]> = [
    ['xa-dong', { name: 'Đảng ủy xã Đông', kind: 'party-committee' }],
    ['thon-mot', { name: 'Chi bộ thôn Một', kind: 'branch', parentId: 'xa-dong', block: 'rural', officialMembers: 9 }],
    ['thon-hai', { name: 'Chi bộ thôn Hai', kind: 'branch', parentId: 'xa-dong', block: 'rural', officialMembers: 9 }],
    ['hoi-dong', { name: 'Hội Phụ nữ xã Đông', kind: 'mass-org', parentId: 'xa-dong' }],
    ['xa-tay', { name: 'Đảng ủy xã Tây', kind: 'party-committee' }],
    ['thon-tay', { name: 'Chi bộ thôn Tây', kind: 'branch', parentId: 'xa-tay', block: 'rural', officialMembers: 9 }],
    ['hoi-tay', { name: 'Hội Phụ nữ xã Tây', kind: 'mass-org', parentId: 'xa-tay' }],
  ];
  return units.map(([id, unit]) => [id, { ...unit, ...(names[id] !== undefined && { name: names[id] }) }]);
}

/** Waits until every consumer of the log has caught up (the deadline saga too), so what a write set off has landed. */
export async function settled(baseUrl: string): Promise<void> {
  await readModelsCaughtUp(baseUrl, { allConsumers: true });
}
