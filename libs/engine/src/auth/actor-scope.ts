import type { Actor } from '@ketnap/event-store';
import type { UnitCatalog } from '@ketnap/domain';
import { ROLE_GRANTS, isRole } from './permissions';

/** Who acts, as a scope sees it: a token's role and units, or an event's actor. */
export type ScopedActor = Pick<Actor, 'role' | 'unitIds'>;

/**
 * The units an actor acts for (API.md "Access"): every unit for a role scoped to all of them; else
 * the units its token names and every unit under them in the catalog. An unknown role acts for none.
 */
export class ActorScope {
  private constructor(
    /** True for a role that acts for every unit. */
    readonly everything: boolean,
    private readonly roots: ReadonlySet<string>,
    private readonly catalog: UnitCatalog,
  ) {}

  static of(actor: ScopedActor, catalog: UnitCatalog): ActorScope {
    const everything = isRole(actor.role) && ROLE_GRANTS[actor.role].scope === 'all';
    return new ActorScope(everything, new Set(isRole(actor.role) ? actor.unitIds : []), catalog);
  }

  /** Whether the actor acts for `unitId`: a unit its token names, or a unit below one. */
  covers(unitId: string | undefined): boolean {
    if (this.everything) return true;
    const seen = new Set<string>();
    for (let id = unitId; id !== undefined && !seen.has(id); id = this.catalog.get(id)?.parentId) {
      if (this.roots.has(id)) return true;
      seen.add(id);
    }
    return false;
  }

  /** Every unit id the actor acts for (its token's units and the catalog's units below them), or `undefined` for all. */
  units(): string[] | undefined {
    if (this.everything) return undefined;
    return [...new Set([...this.roots, ...[...this.catalog.keys()].filter((id) => this.covers(id))])];
  }
}

/**
 * The unit of a dossier an actor's scope is judged on (API.md "Roles"): the nominating unit for a mass
 * organisation (it reads the dossiers it nominated), the branch holding it (after any transfer) for
 * every other role.
 */
export function dossierUnitFor(
  role: string,
  dossier: { branchId?: string; nomination?: { nominatedBy: string } },
): string | undefined {
  return role === 'mass-org' ? dossier.nomination?.nominatedBy : dossier.branchId;
}
