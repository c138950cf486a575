import { PERMISSIONS, ROLES, ROLE_GRANTS, hasPermission, needsUnits, type Permission, type Role } from './permissions';

const who = (permission: Permission): Role[] => ROLES.filter((role) => hasPermission(role, permission));

describe('the role table (API.md "Roles")', () => {
  it('lets only the admin write units and plans and move the clock', () => {
    for (const permission of ['units:write', 'plans:write', 'system:clock'] as const)
      expect(who(permission)).toEqual(['admin']);
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

  it("lets only the admin and the inspection committee read who read a dossier's personal data", () => {
    expect(who('audit:access')).toEqual(['admin', 'inspector']);
  });
});

describe('the unit scope of each role (API.md "Access")', () => {
  it('scopes the office, the secretary, the mass organisation and the viewer to the units of their token', () => {
    expect(ROLES.filter(needsUnits)).toEqual(['office', 'secretary', 'mass-org', 'viewer']);
    expect(ROLES.filter((role) => ROLE_GRANTS[role].scope === 'all')).toEqual([
      'admin',
      'standing-committee',
      'inspector',
    ]);
  });

  it('lets every role that records a step correct one, and no other', () => {
    expect(who('steps:correct')).toEqual(['admin', 'office', 'secretary', 'mass-org', 'standing-committee']);
  });

  it('gives an unknown role nothing', () => {
    expect(PERMISSIONS.filter((p) => hasPermission('saga', p))).toEqual([]);
  });
});
