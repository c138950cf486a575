import type { UnitKind } from '../plan/org-unit';

/** The roles of API.md ("Roles"): a token's `role` claim and a user's role are one of them. */
export const ROLES = ['admin', 'office', 'secretary', 'mass-org', 'standing-committee', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/**
 * The kinds of unit a user of each role may be given (API.md "Access"): a secretary acts for branches
 * (chi bộ), a mass organisation for itself, the office for committees and everything under them; the
 * other roles may name any unit of the catalog.
 */
export const ROLE_UNIT_KINDS: Readonly<Record<Role, readonly UnitKind[]>> = {
  admin: ['party-committee', 'higher-committee', 'branch', 'mass-org', 'inspection-committee'],
  office: ['party-committee', 'higher-committee'],
  secretary: ['branch'],
  'mass-org': ['mass-org'],
  'standing-committee': ['party-committee', 'higher-committee'],
  inspector: ['inspection-committee', 'party-committee', 'higher-committee'],
  viewer: ['party-committee', 'higher-committee', 'branch', 'mass-org', 'inspection-committee'],
};
