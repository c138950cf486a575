import { PERMISSIONS, ROLES, ROLE_GRANTS, actorMayActForUnit, hasPermission, type Permission, type Role } from './permissions';

describe('the role table (API.md "Roles")', () => {
  const who = (permission: Permission): Role[] => ROLES.filter((role) => hasPermission(role, permission));

  it('lets only the admin write units and plans and move the clock', () => {
    for (const permission of ['units:write', 'plans:write', 'system:clock'] as const) expect(who(permission)).toEqual(['admin']);
  });

  it('gives the admin every permission and every role the catalog to read', () => {
    expect(ROLE_GRANTS.admin.permissions).toEqual(PERMISSIONS);
    expect(who('units:read')).toEqual(ROLES);
    expect(who('plans:read')).toEqual(ROLES);
  });

  it('keeps dossier steps to the roles that record them; the inspector never writes a step', () => {
    expect(who('steps:branch')).toEqual(['admin', 'office', 'secretary']);
    expect(who('steps:decision')).toEqual(['admin', 'office', 'standing-committee']);
    expect(who('dossiers:nominate')).toEqual(['admin', 'office', 'secretary', 'mass-org']);
    expect(who('inspection:work')).toEqual(['admin', 'inspector']);
  });

  it('lets the viewer read reports and dossier lists, not dossiers or audit trails', () => {
    expect(ROLE_GRANTS.viewer.permissions).toEqual(['units:read', 'plans:read', 'dossiers:list', 'reports:read']);
    expect(who('audit:read')).toEqual(['admin', 'office', 'standing-committee', 'inspector']);
  });
});

describe('actorMayActForUnit', () => {
  const parents: Record<string, string> = { 'lang-gia': 'dong-tien', 'to-1': 'lang-gia' };
  const parentOf = (id: string) => parents[id];

  it('lets a secretary act for the branches in its token and what is under them, nothing else', () => {
    const secretary = { role: 'secretary' as const, units: ['lang-gia'] };
    expect(actorMayActForUnit(secretary, 'lang-gia')).toBe(true);
    expect(actorMayActForUnit(secretary, 'to-1', parentOf)).toBe(true);
    expect(actorMayActForUnit(secretary, 'to-1')).toBe(false);
    expect(actorMayActForUnit(secretary, 'mo-am', parentOf)).toBe(false);
    expect(actorMayActForUnit({ role: 'mass-org', units: [] }, 'hoi-phu-nu')).toBe(false);
  });

  it('lets the office act for its committee, or for all units when its token names none', () => {
    expect(actorMayActForUnit({ role: 'office', units: ['dong-tien'] }, 'lang-gia', parentOf)).toBe(true);
    expect(actorMayActForUnit({ role: 'office', units: ['xa-khac'] }, 'lang-gia', parentOf)).toBe(false);
    expect(actorMayActForUnit({ role: 'office', units: [] }, 'lang-gia')).toBe(true);
  });

  it('lets the roles scoped to all units act for any, and survives a loop in the parent links', () => {
    for (const role of ['admin', 'standing-committee', 'inspector', 'viewer'] as const) expect(actorMayActForUnit({ role, units: [] }, 'x')).toBe(true);
    expect(actorMayActForUnit({ role: 'secretary', units: ['z'] }, 'a', (id) => (id === 'a' ? 'b' : 'a'))).toBe(false);
  });
});
