import { ROLES, isRole, type Role } from '@ketnap/domain';

// The roles of API.md ("Roles") are the domain's: a token's `role` claim and a user's role are one of them.
export { ROLES, isRole, type Role };

/** What a route may require (`@Requires('plans:write')`). */
export const PERMISSIONS = [
  'units:read',
  'units:write',
  'plans:read',
  'plans:write',
  'dossiers:list',
  'dossiers:read',
  'dossiers:nominate',
  'steps:branch',
  'steps:committee',
  'steps:decision',
  'steps:correct',
  'inspection:read',
  'inspection:work',
  'reports:read',
  'audit:read',
  'audit:checkpoint',
  'audit:access',
  'system:clock',
  'users:read',
  'users:write',
  'personal:export',
  'personal:erase',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * For which units a role acts: `all` of them, or only the units its token names and everything under
 * them (`units`; a token of such a role that names no unit may do nothing).
 */
export type UnitScope = 'all' | 'units';

export interface RoleGrant {
  permissions: readonly Permission[];
  scope: UnitScope;
}

const READ_CATALOG: Permission[] = ['units:read', 'plans:read'];

/**
 * The role table of API.md ("Roles", "Access") as data: what each role may do and for which units.
 * `steps:correct` lets a role correct a step; the correction also needs the permission of the step it
 * corrects.
 */
export const ROLE_GRANTS: Readonly<Record<Role, RoleGrant>> = {
  admin: { permissions: PERMISSIONS, scope: 'all' },
  office: {
    permissions: [
      ...READ_CATALOG,
      'dossiers:list',
      'dossiers:read',
      'dossiers:nominate',
      'steps:branch',
      'steps:committee',
      'steps:decision',
      'steps:correct',
      'reports:read',
      'audit:read',
      'inspection:read',
      'personal:export',
    ],
    scope: 'units',
  },
  secretary: {
    permissions: [
      ...READ_CATALOG,
      'dossiers:list',
      'dossiers:read',
      'dossiers:nominate',
      'steps:branch',
      'steps:correct',
      'reports:read',
    ],
    scope: 'units',
  },
  'mass-org': {
    permissions: [...READ_CATALOG, 'dossiers:list', 'dossiers:read', 'dossiers:nominate', 'steps:correct'],
    scope: 'units',
  },
  'standing-committee': {
    permissions: [
      ...READ_CATALOG,
      'dossiers:list',
      'dossiers:read',
      'steps:decision',
      'steps:correct',
      'reports:read',
      'audit:read',
    ],
    scope: 'all',
  },
  inspector: {
    permissions: [
      ...READ_CATALOG,
      'dossiers:list',
      'dossiers:read',
      'audit:read',
      'audit:checkpoint',
      'audit:access',
      'inspection:read',
      'inspection:work',
      'reports:read',
    ],
    scope: 'all',
  },
  viewer: { permissions: [...READ_CATALOG, 'dossiers:list', 'reports:read'], scope: 'units' },
};

/** Whether `role` (a token's or an event actor's role) holds `permission`; an unknown role holds none. */
export function hasPermission(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_GRANTS[role].permissions.includes(permission);
}

/** A role whose token must name the units it acts for; such a token naming none may do nothing. */
export const needsUnits = (role: Role): boolean => ROLE_GRANTS[role].scope === 'units';
