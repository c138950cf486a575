import { Inject, Injectable, Optional } from '@nestjs/common';
import { fieldError, legalDateOf, type Stage } from '@ketnap/domain';
import type { ColumnCipher } from '@ketnap/event-store';
import {
  InvalidCursorError,
  ProjectionDatabase,
  listDossiers,
  type DossierListFilter,
  type DossierSummary,
} from '@ketnap/projections';
import type { ScopedActor } from '../auth/actor-scope';
import { CLOCK, type Clock } from '../clock/clock';
import { RequestError } from '../commands/refusals';
import { UnitsReader } from '../units/units.reader';
import { OVERDUE_DOSSIERS, PERSONAL_COLUMNS, type OverdueDossiers } from './read-models.tokens';

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
 * "Access"): a mass organisation the dossiers it nominated, the other roles scoped to units the
 * dossiers of the branches under their units; the roles scoped to all units everything.
 */
@Injectable()
export class DossierListService {
  constructor(
    private readonly pdb: ProjectionDatabase,
    @Inject(PERSONAL_COLUMNS) private readonly cipher: ColumnCipher,
    private readonly units: UnitsReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(OVERDUE_DOSSIERS) private readonly overdue?: OverdueDossiers,
  ) {}

  async list(
    actor: ScopedActor,
    query: DossierListQuery,
  ): Promise<{ items: DossierSummary[]; nextCursor: string | null }> {
    const today = legalDateOf(this.clock.now());
    const filter: DossierListFilter = {
      today,
      branchId: query.branchId,
      stage: query.stage,
      q: query.q,
      limit: query.limit,
      cursor: query.cursor,
    };
    const scope = (await this.units.scopeOf(actor)).units();
    if (scope) filter[actor.role === 'mass-org' ? 'nominatedBy' : 'branchIds'] = scope;
    if (query.overdue) {
      if (!this.overdue)
        throw new RequestError('invalid', 'FILTER_UNAVAILABLE', {}, [fieldError('overdue', 'field.unavailable')]);
      filter.dossierIds = await this.overdue.overdueDossierIds(today);
    }
    try {
      return await listDossiers(this.pdb, this.cipher, filter);
    } catch (error) {
      if (error instanceof InvalidCursorError)
        throw new RequestError('invalid', 'VALIDATION_FAILED.cursor', {}, [fieldError('cursor', 'field.cursor')]);
      throw error;
    }
  }
}
