import type { OrgUnit } from '@ketnap/domain';
import type { UnitCatalog } from '@ketnap/domain';
import { ActorScope, dossierUnitFor } from './actor-scope';

const unit = (unitId: string, kind: OrgUnit['kind'], parentId?: string) => ({
  unitId,
  name: unitId,
  kind,
  ...(parentId && { parentId }),
  version: 1,
});
const catalog: UnitCatalog = new Map(
  [
    unit('huyen', 'higher-committee'),
    unit('dong-tien', 'party-committee', 'huyen'),
    unit('lang-gia', 'branch', 'dong-tien'),
    unit('mo-am', 'branch', 'dong-tien'),
    unit('hoi-phu-nu', 'mass-org', 'dong-tien'),
    unit('xa-khac', 'party-committee', 'huyen'),
    unit('thon-khac', 'branch', 'xa-khac'),
  ].map((u) => [u.unitId, u]),
);

describe('ActorScope', () => {
  it('covers the units a token names and every unit under them, nothing else', () => {
    const office = ActorScope.of({ role: 'office', unitIds: ['dong-tien'] }, catalog);
    expect(['dong-tien', 'lang-gia', 'mo-am', 'hoi-phu-nu'].every((id) => office.covers(id))).toBe(true);
    expect([
      office.covers('xa-khac'),
      office.covers('thon-khac'),
      office.covers('huyen'),
      office.covers(undefined),
    ]).toEqual([false, false, false, false]);
    expect(office.units()?.sort()).toEqual(['dong-tien', 'hoi-phu-nu', 'lang-gia', 'mo-am']);
    const secretary = ActorScope.of({ role: 'secretary', unitIds: ['lang-gia'] }, catalog);
    expect([secretary.covers('lang-gia'), secretary.covers('mo-am'), secretary.covers('dong-tien')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('covers nothing for a scoped token naming no unit, and for an unknown role whatever it names', () => {
    for (const actor of [
      { role: 'office', unitIds: [] },
      { role: 'viewer', unitIds: [] },
      { role: 'saga', unitIds: ['dong-tien'] },
    ]) {
      const scope = ActorScope.of(actor, catalog);
      expect([scope.covers('lang-gia'), scope.everything, scope.units()]).toEqual([false, false, []]);
    }
  });

  it('covers everything for the roles scoped to all units', () => {
    for (const role of ['admin', 'standing-committee', 'inspector']) {
      const scope = ActorScope.of({ role, unitIds: [] }, catalog);
      expect([scope.everything, scope.covers('thon-khac'), scope.covers('not-in-the-catalog'), scope.units()]).toEqual([
        true,
        true,
        true,
        undefined,
      ]);
    }
  });

  it('survives a loop in the parent links', () => {
    const loop: UnitCatalog = new Map([
      ['a', { ...unit('a', 'branch', 'b') }],
      ['b', { ...unit('b', 'branch', 'a') }],
    ]);
    expect(ActorScope.of({ role: 'secretary', unitIds: ['z'] }, loop).covers('a')).toBe(false);
  });
});

describe('dossierUnitFor', () => {
  it('judges a mass organisation on the unit that nominated, every other role on the branch', () => {
    const dossier = { branchId: 'lang-gia', nomination: { branchId: 'lang-gia', nominatedBy: 'hoi-phu-nu' } };
    expect(dossierUnitFor('mass-org', dossier)).toBe('hoi-phu-nu');
    expect(dossierUnitFor('secretary', dossier)).toBe('lang-gia');
    expect(dossierUnitFor('office', {})).toBeUndefined();
  });

  it('judges every role but a mass organisation on the branch holding the dossier after a transfer', () => {
    const dossier = { branchId: 'b2', nomination: { branchId: 'lang-gia', nominatedBy: 'hoi-phu-nu' } };
    expect(dossierUnitFor('secretary', dossier)).toBe('b2');
    expect(dossierUnitFor('mass-org', dossier)).toBe('hoi-phu-nu');
  });
});
