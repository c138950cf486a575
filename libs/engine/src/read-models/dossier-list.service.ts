import { Inject, Injectable, Optional } from '@nestjs/common';
import { legalDateOf, type Stage } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { InvalidCursorError, ProjectionDatabase, listDossiers, type DossierListFilter, type DossierSummary } from '@ketnap/projections';
import { ROLE_GRANTS, actorMayActForUnit } from '../auth/permissions';
import type { AuthenticatedActor } from '../auth/authenticated-actor';
import { CLOCK, type Clock } from '../clock/clock';
import { RequestError } from '../http/request-error';
import { UnitsReader } from '../units/units.reader';
import { OVERDUE_DOSSIERS, type OverdueDossiers } from './read-models.tokens';

export interface DossierListQuery {
  branchId?: string;
  stage?: Stage;
  /** Only dossiers with an overdue obligation (needs the deadlines board, {@link OVERDUE_DOSSIERS}). */
  overdue?: boolean;
  q?: string;
  limit: number;
  cursor?: string;
}

/**
 * `GET /dossiers`: the dossier list read model, narrowed to what the reader may see (API.md
 * "Roles"): a secretary the dossiers of its branches, a mass organisation those it nominated, an
 * office token naming units the dossiers of the branches under them; the others everything.
 */
@Injectable()
export class DossierListService {
  private readonly units: UnitsReader;

  constructor(
    private readonly pdb: ProjectionDatabase,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(OVERDUE_DOSSIERS) private readonly overdue?: OverdueDossiers,
  ) {
    this.units = new UnitsReader(store);
  }

  async list(actor: AuthenticatedActor, query: DossierListQuery): Promise<{ items: DossierSummary[]; nextCursor: string | null }> {
    const today = legalDateOf(this.clock.now());
    const filter: DossierListFilter = { today, branchId: query.branchId, stage: query.stage, q: query.q, limit: query.limit, cursor: query.cursor };
    const scope = await this.scopeOf(actor);
    if (scope) filter[actor.role === 'mass-org' ? 'nominatedBy' : 'branchIds'] = scope;
    if (query.overdue) {
      if (!this.overdue) throw new RequestError(400, 'FILTER_UNAVAILABLE', 'overdue=true needs the deadlines board, which this server does not run', [{ field: 'overdue', message: 'is not available' }]);
      filter.dossierIds = await this.overdue.overdueDossierIds(today);
    }
    try {
      return listDossiers(this.pdb, filter);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new RequestError(400, 'VALIDATION_FAILED', error.message, [{ field: 'cursor', message: error.message }]);
      throw error;
    }
  }

  /** The units whose dossiers the actor may list, or `undefined` for all of them. */
  private async scopeOf(actor: AuthenticatedActor): Promise<string[] | undefined> {
    const { scope } = ROLE_GRANTS[actor.role];
    if (scope === 'all' || (scope === 'committee' && actor.units.length === 0)) return undefined;
    const catalog = await this.units.catalog();
    const parentOf = (id: string) => catalog.get(id)?.parentId;
    return [...new Set([...actor.units, ...[...catalog.keys()].filter((id) => actorMayActForUnit(actor, id, parentOf))])];
  }
}
