import { Inject, Injectable } from '@nestjs/common';
import { STAGES, branchOn, legalDateOf, type LocalDate } from '@ketnap/domain';
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
  reportedToHigherCommittee,
  type AdmissionsReport,
  type ReportedToHigherCommittee,
  type QuotaFacts,
  type QuotaReport,
  type StageCounts,
} from '@ketnap/projections';
import type { ActorScope, ScopedActor } from '../auth/actor-scope';
import { CLOCK, type Clock } from '../clock/clock';
import { DossierService } from '../dossiers/dossier.service';
import { UnitsReader } from '../units/units.reader';

export interface PipelineReport {
  asOf: LocalDate;
  stages: readonly string[];
  branches: Array<{
    branchId: string;
    name: string;
    block: string | null;
    stages: StageCounts;
    inProgress: number;
    failedVotes: number;
  }>;
  total: { stages: StageCounts; inProgress: number; failedVotes: number };
  /** Dossiers with three failed branch votes or more: reported to the higher committee (QĐ 24-QĐ/TW 4.2.3). */
  reportToHigherCommittee: ReportedToHigherCommittee[];
}

/**
 * The committees' reports (DOMAIN.md §6) from the read models: quota attainment (also "as of" a
 * past legal date, folded from the log), the pipeline per branch and the admissions breakdown. Each is
 * narrowed to the units its reader acts for (API.md "Access").
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly pdb: ProjectionDatabase,
    private readonly dossiers: DossierService,
    private readonly units: UnitsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today's legal date (Asia/Ho_Chi_Minh) on the engine's clock. */
  today(): LocalDate {
    return legalDateOf(this.clock.now());
  }

  /**
   * The quota report of `year` as of `asOf` (default today), or `undefined` when no plan was adopted
   * for it. Today or later it is read from the read model; an earlier date folds the log.
   */
  async quota(year: number, actor: ScopedActor, asOf?: LocalDate): Promise<QuotaReport | undefined> {
    const date = asOf ?? this.today();
    if (date < this.today()) return this.quotaFolded(year, actor, date);
    return this.quotaFrom(year, date, quotaFacts(this.pdb, year), await this.units.scopeOf(actor));
  }

  /** Whether a quota report as of `asOf` folds the log (a past date), which costs far more than reading the read model. */
  foldsTheLog(asOf: LocalDate | undefined): boolean {
    return asOf !== undefined && asOf < this.today();
  }

  /** The quota report with each dossier folded from its stream up to `asOf` (legal dates on or before it). */
  async quotaFolded(year: number, actor: ScopedActor, asOf: LocalDate): Promise<QuotaReport | undefined> {
    const facts: QuotaFacts[] = [];
    for (const id of quotaCandidatesAsOf(this.pdb, year, asOf)) {
      const state = (await this.dossiers.load(id, { asOf }))?.state;
      if (!state?.nomination) continue;
      const { branchId, nominatedBy, nominatedOn } = state.nomination;
      const decision = state.admission && {
        decidedOn: state.admission.decidedOn,
        outcome: state.admission.outcome,
        decidedIn: branchOn(state, state.admission.decidedOn) ?? branchId,
      };
      facts.push({ dossierId: id, branchId, nominatedBy, nominatedOn, ...decision });
    }
    return this.quotaFrom(year, asOf, facts, await this.units.scopeOf(actor));
  }

  async pipeline(actor: ScopedActor): Promise<PipelineReport> {
    const today = this.today();
    const counted = new Map(pipelineCounts(this.pdb, today).map((b) => [b.branchId, b]));
    const catalog = await this.units.catalog();
    const scope = await this.units.scopeOf(actor);
    const ids = [
      ...[...catalog.values()].filter((u) => u.kind === 'branch').map((u) => u.unitId),
      ...[...counted.keys()].filter((id) => !catalog.has(id)).sort(),
    ].filter((id) => scope.covers(id));
    const branches = ids.map((branchId) => {
      const unit = catalog.get(branchId);
      const counts = counted.get(branchId);
      return {
        branchId,
        name: unit?.name ?? branchId,
        block: unit?.block ?? null,
        stages: counts?.stages ?? emptyStageCounts(),
        inProgress: counts?.inProgress ?? 0,
        failedVotes: counts?.failedVotes ?? 0,
      };
    });
    const total = {
      stages: emptyStageCounts(),
      inProgress: branches.reduce((sum, b) => sum + b.inProgress, 0),
      failedVotes: branches.reduce((sum, b) => sum + b.failedVotes, 0),
    };
    for (const b of branches) for (const s of STAGES) total.stages[s] += b.stages[s];
    const reportToHigherCommittee = reportedToHigherCommittee(this.pdb, today).filter((r) => scope.covers(r.branchId));
    return { asOf: today, stages: STAGES, branches, total, reportToHigherCommittee };
  }

  async admissions(year: number, actor: ScopedActor): Promise<AdmissionsReport> {
    return admissionsReport(this.pdb, year, (await this.units.scopeOf(actor)).units());
  }

  /** The report of the plan, narrowed to the reader's units unless its role acts for all of them. */
  private quotaFrom(year: number, asOf: LocalDate, facts: QuotaFacts[], scope: ActorScope): QuotaReport | undefined {
    const plan = planOf(this.pdb, year);
    if (!plan) return undefined;
    return quotaReport({
      plan,
      units: quotaUnits(this.pdb),
      facts,
      asOf,
      ...(!scope.everything && { scope: (unitId: string) => scope.covers(unitId) }),
    });
  }
}
