import { Inject, Injectable } from '@nestjs/common';
import { STAGES, legalDateOf, type LocalDate } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import {
  ProjectionDatabase,
  admissionsReport,
  emptyStageCounts,
  pipelineCounts,
  planOf,
  quotaCandidatesAsOf,
  quotaFacts,
  quotaReport,
  quotaUnits,
  type AdmissionsReport,
  type QuotaFacts,
  type QuotaReport,
  type StageCounts,
} from '@ketnap/projections';
import { CLOCK, type Clock } from '../clock/clock';
import { DossierService } from '../dossiers/dossier.service';
import { UnitsReader } from '../units/units.reader';

export interface PipelineReport {
  asOf: LocalDate;
  stages: readonly string[];
  branches: Array<{ branchId: string; name: string; block: string | null; stages: StageCounts; inProgress: number }>;
  total: { stages: StageCounts; inProgress: number };
}

/**
 * The committees' reports (DOMAIN.md §6) from the read models: quota attainment (also "as of" a
 * past legal date, folded from the log), the pipeline per branch and the admissions breakdown.
 */
@Injectable()
export class ReportsService {
  private readonly units: UnitsReader;

  constructor(
    private readonly pdb: ProjectionDatabase,
    private readonly dossiers: DossierService,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.units = new UnitsReader(store);
  }

  /** Today's legal date (Asia/Ho_Chi_Minh) on the engine's clock. */
  today(): LocalDate {
    return legalDateOf(this.clock.now());
  }

  /**
   * The quota report of `year` as of `asOf` (default today), or `undefined` when no plan was adopted
   * for it. Today or later it is read from the read model; an earlier date folds the log.
   */
  async quota(year: number, asOf?: LocalDate): Promise<QuotaReport | undefined> {
    const date = asOf ?? this.today();
    return date >= this.today() ? this.quotaFrom(year, date, quotaFacts(this.pdb, year)) : this.quotaFolded(year, date);
  }

  /** The quota report with each dossier folded from its stream up to `asOf` (legal dates on or before it). */
  async quotaFolded(year: number, asOf: LocalDate): Promise<QuotaReport | undefined> {
    const facts: QuotaFacts[] = [];
    for (const id of quotaCandidatesAsOf(this.pdb, year, asOf)) {
      const state = (await this.dossiers.load(id, { asOf }))?.state;
      if (!state?.nomination) continue;
      const { branchId, nominatedBy, nominatedOn } = state.nomination;
      const decision = state.admission && { decidedOn: state.admission.decidedOn, outcome: state.admission.outcome };
      facts.push({ dossierId: id, branchId, nominatedBy, nominatedOn, ...decision });
    }
    return this.quotaFrom(year, asOf, facts);
  }

  async pipeline(): Promise<PipelineReport> {
    const today = this.today();
    const counted = new Map(pipelineCounts(this.pdb, today).map((b) => [b.branchId, b]));
    const catalog = await this.units.catalog();
    const ids = [...[...catalog.values()].filter((u) => u.kind === 'branch').map((u) => u.unitId), ...[...counted.keys()].filter((id) => !catalog.has(id)).sort()];
    const branches = ids.map((branchId) => {
      const unit = catalog.get(branchId);
      const counts = counted.get(branchId);
      return { branchId, name: unit?.name ?? branchId, block: unit?.block ?? null, stages: counts?.stages ?? emptyStageCounts(), inProgress: counts?.inProgress ?? 0 };
    });
    const total = { stages: emptyStageCounts(), inProgress: branches.reduce((sum, b) => sum + b.inProgress, 0) };
    for (const b of branches) for (const s of STAGES) total.stages[s] += b.stages[s];
    return { asOf: today, stages: STAGES, branches, total };
  }

  admissions(year: number): AdmissionsReport {
    return admissionsReport(this.pdb, year);
  }

  private quotaFrom(year: number, asOf: LocalDate, facts: QuotaFacts[]): QuotaReport | undefined {
    const plan = planOf(this.pdb, year);
    return plan && quotaReport({ plan, units: quotaUnits(this.pdb), facts, asOf });
  }
}
