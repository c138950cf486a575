/** The roles of API.md ("Roles"); a token's `role` claim is one of them. */
export const ROLES = ['admin', 'office', 'secretary', 'mass-org', 'standing-committee', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

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
  'inspection:read',
  'inspection:work',
  'reports:read',
  'audit:read',
  'audit:checkpoint',
  'system:clock',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * For which units a role acts: `all` of them; its `committee` (the units in its token and everything
 * under them, or every unit when the token names none); or only its `own` units and what is under them.
 */
export type UnitScope = 'all' | 'committee' | 'own';

export interface RoleGrant {
  permissions: readonly Permission[];
  scope: UnitScope;
}

const READ_CATALOG: Permission[] = ['units:read', 'plans:read'];

/** The role table of API.md as data: what each role may do and for which units. */
export const ROLE_GRANTS: Readonly<Record<Role, RoleGrant>> = {
  admin: { permissions: PERMISSIONS, scope: 'all' },
  office: {
    permissions: [...READ_CATALOG, 'dossiers:list', 'dossiers:read', 'dossiers:nominate', 'steps:branch', 'steps:committee', 'steps:decision', 'reports:read', 'audit:read', 'inspection:read'],
    scope: 'committee',
  },
  secretary: { permissions: [...READ_CATALOG, 'dossiers:list', 'dossiers:read', 'dossiers:nominate', 'steps:branch', 'reports:read'], scope: 'own' },
  'mass-org': { permissions: [...READ_CATALOG, 'dossiers:list', 'dossiers:read', 'dossiers:nominate'], scope: 'own' },
  'standing-committee': { permissions: [...READ_CATALOG, 'dossiers:list', 'dossiers:read', 'steps:decision', 'reports:read', 'audit:read'], scope: 'all' },
  inspector: {
    permissions: [...READ_CATALOG, 'dossiers:list', 'dossiers:read', 'audit:read', 'audit:checkpoint', 'inspection:read', 'inspection:work', 'reports:read'],
    scope: 'all',
  },
  viewer: { permissions: [...READ_CATALOG, 'dossiers:list', 'reports:read'], scope: 'all' },
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_GRANTS[role].permissions.includes(permission);
}

/**
 * Whether the actor may act for a unit under its role's scope: a unit named in its token, or a unit
 * below one (given `parentOf`, the catalog's parent links).
 */
export function actorMayActForUnit(
  actor: { role: Role; units: readonly string[] },
  unitId: string,
  parentOf: (unitId: string) => string | undefined = () => undefined,
): boolean {
  const { scope } = ROLE_GRANTS[actor.role];
  if (scope === 'all' || (scope === 'committee' && actor.units.length === 0)) return true;
  const seen = new Set<string>();
  for (let current: string | undefined = unitId; current !== undefined && !seen.has(current); current = parentOf(current)) {
    if (actor.units.includes(current)) return true;
    seen.add(current);
  }
  return false;
}
