import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { actorMayActForUnit, GetDossierQuery, hasPermission, UnitsReader, type AuthenticatedActor, type DossierView, type Permission } from '@ketnap/engine';
import { ProblemException } from '../common/problem/problem';

/**
 * Who may see or write which dossier (API.md "Roles"): a secretary for the branches in its token, a
 * mass organisation for the dossiers it nominated, the office for its committee, the others for all.
 */
@Injectable()
export class DossierAccess {
  constructor(
    private readonly queries: QueryBus,
    private readonly units: UnitsReader,
  ) {}

  /** The dossier, or 404; 403 when the actor may not read it. */
  async readable(actor: AuthenticatedActor, id: string, asOf?: string): Promise<DossierView> {
    const dossier = await this.find(id, asOf);
    await this.assertUnit(actor, actor.role === 'mass-org' ? dossier.nominatedBy : dossier.branchId, 'read this dossier');
    return dossier;
  }

  /** The dossier, or 404; 403 when the actor lacks `permission` or may not act for its unit. */
  async writable(actor: AuthenticatedActor, id: string, permission: Permission): Promise<DossierView> {
    const dossier = await this.find(id);
    if (!hasPermission(actor.role, permission)) {
      throw new ProblemException(403, 'FORBIDDEN', `the role ${actor.role} may not record this step (needs ${permission})`);
    }
    await this.assertUnit(actor, dossier.branchId, 'record steps of this dossier');
    return dossier;
  }

  /** A nomination: a mass organisation nominates for its own units, a secretary for its branches. */
  async mayNominate(actor: AuthenticatedActor, branchId: string, nominatedBy: string): Promise<void> {
    await this.assertUnit(actor, actor.role === 'mass-org' ? nominatedBy : branchId, 'nominate for this unit');
  }

  private async find(id: string, asOf?: string): Promise<DossierView> {
    const dossier = (await this.queries.execute(new GetDossierQuery(id, asOf))) as DossierView | null;
    if (!dossier) throw new ProblemException(404, 'DOSSIER_NOT_FOUND', `no dossier ${id}`);
    return dossier;
  }

  private async assertUnit(actor: AuthenticatedActor, unitId: string | undefined, what: string): Promise<void> {
    const catalog = await this.units.catalog();
    if (unitId === undefined || !actorMayActForUnit(actor, unitId, (u) => catalog.get(u)?.parentId)) {
      throw new ProblemException(403, 'FORBIDDEN', `the token's units do not allow it to ${what}`);
    }
  }
}
