import { Inject, Injectable } from '@nestjs/common';
import {
  STAGES,
  branchOn,
  committeeOf,
  committeesUnder,
  legalDateOf,
  onlyCommittee,
  partyCommitteeIds,
  unitsOf,
  type LocalDate,
  type Plan,
  type UnitCatalog,
  type UnitView,
} from '@ketnap/domain';
import type { ColumnCipher } from '@ketnap/event-store';
import {
  ProjectionDatabase,
  admissionsOf,
  admissionsReport,
  admittedIn,
  emptyStageCounts,
  pipelineCounts,
  type BranchPipeline,
  planOf,
  quotaCandidatesAsOf,
  quotaFacts,
  quotaReport,
  quotaRollUp,
  quotaUnits,
  reportedToHigherCommittee,
  type AdmissionsReport,
  type ReportedToHigherCommittee,
  type QuotaFacts,
  type QuotaReport,
  type QuotaRollUp,
  type StageCounts,
} from '@ketnap/projections';
import { ActorScope, type ScopedActor } from '../auth/actor-scope';
import { RequestError } from '../commands/refusals';
import { CLOCK, type Clock } from '../clock/clock';
import { DossierService } from '../dossiers/dossier.service';
import { UnitsReader } from '../units/units.reader';
import { PERSONAL_COLUMNS } from './read-models.tokens';

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

/** A committee's figures in a higher committee's pipeline roll-up: the totals of its branches. */
export interface PipelineCommitteeRow {
  unitId: string;
  name: string;
  parentId: string | null;
  branches: number;
  stages: StageCounts;
  inProgress: number;
  failedVotes: number;
}

/** The pipeline of a higher committee: one row per party committee below it, then totals. */
export interface PipelineRollUp {
  asOf: LocalDate;
  stages: readonly string[];
  committee: { unitId: string; name: string; kind: 'higher-committee' };
  committees: PipelineCommitteeRow[];
  total: PipelineReport['total'];
  reportToHigherCommittee: ReportedToHigherCommittee[];
}

/** The admissions figures of a committee in a roll-up (its report without the year and the rules). */
export type AdmissionsFigures = Omit<AdmissionsReport, 'year' | 'rules'>;

/** The admissions of a higher committee: one row per party committee below it, then the totals over all of them. */
export interface AdmissionsRollUp {
  year: number;
  committee: { unitId: string; name: string; kind: 'higher-committee' };
  committees: Array<{ unitId: string; name: string; parentId: string | null } & AdmissionsFigures>;
  total: AdmissionsFigures;
  rules: string[];
}

/** A committee a report route names, resolved against the catalog and the reader's scope. */
interface CommitteeTarget {
  unit: UnitView;
  catalog: UnitCatalog;
  scope: ActorScope;
  /** The party committees reported on: the committee itself, or those below a higher committee that the reader acts for. */
  committees: UnitView[];
  /** Each unit's party committee, worked out once for the request. */
  byCommittee: CommitteeUnits;
}

/** The catalog's units grouped by their party committee (`committeeOf`), in the catalog's order. */
class CommitteeUnits {
  /** Worked out once per catalog: the units reader hands out the same catalog until a unit changes. */
  private static readonly known = new WeakMap<UnitCatalog, CommitteeUnits>();
  private readonly committeeByUnit: ReadonlyMap<string, string | undefined>;
  private readonly unitsByCommittee: ReadonlyMap<string, readonly string[]>;

  static of(catalog: UnitCatalog): CommitteeUnits {
    let units = CommitteeUnits.known.get(catalog);
    if (!units) CommitteeUnits.known.set(catalog, (units = new CommitteeUnits(catalog)));
    return units;
  }

  private constructor(private readonly catalog: UnitCatalog) {
    const directory = (id: string) => catalog.get(id);
    const ids = [...catalog.keys()];
    this.committeeByUnit = new Map(ids.map((id) => [id, committeeOf(id, directory)]));
    this.unitsByCommittee = groupBy(ids, (id) => [this.committeeByUnit.get(id)]);
  }

  /** The party committee of `unitId` (undefined for a unit under none, or not in the catalog). */
  of(unitId: string): string | undefined {
    return this.committeeByUnit.has(unitId)
      ? this.committeeByUnit.get(unitId)
      : committeeOf(unitId, (id) => this.catalog.get(id));
  }

  /** The units whose party committee is `committeeId`. */
  unitsOf(committeeId: string): readonly string[] {
    return this.unitsByCommittee.get(committeeId) ?? [];
  }
}

/** `items` grouped under each key `keysOf` gives them (none for `undefined`), each group in the order of `items`. */
function groupBy<T>(items: readonly T[], keysOf: (item: T) => Iterable<string | undefined>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items)
    for (const key of keysOf(item)) {
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  return groups;
}

/** What a pipeline report reads from the read models and the catalog (see `pipelineOf`). */
interface PipelineFacts {
  today: LocalDate;
  counted: Map<string, BranchPipeline>;
  /** Branches with dossiers that the catalog does not hold, sorted. */
  uncatalogued: string[];
  catalog: UnitCatalog;
  reported: Awaited<ReturnType<typeof reportedToHigherCommittee>>;
}

/**
 * The pipeline of the branches `within` accepts and the reader acts for. `units`: the catalog's units
 * among which `within` accepts any, in the catalog's order (a committee's, in a roll-up of many), so
 * that each committee's report does not go through the whole catalog.
 */
function pipelineOf(
  { today, counted, uncatalogued, catalog, reported }: PipelineFacts,
  scope: ActorScope,
  within: (branchId: string) => boolean,
  units: Iterable<string> = catalog.keys(),
): PipelineReport {
  const ids = [...[...units].filter((id) => catalog.get(id)?.kind === 'branch'), ...uncatalogued].filter(
    (id) => scope.covers(id) && within(id),
  );
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
  const reportToHigherCommittee = reported.filter((r) => scope.covers(r.branchId) && within(r.branchId));
  return { asOf: today, stages: STAGES, branches, total, reportToHigherCommittee };
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
    @Inject(PERSONAL_COLUMNS) private readonly cipher: ColumnCipher,
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
    await this.onlyCommittee();
    const date = asOf ?? this.today();
    if (date < this.today()) return this.quotaFolded(year, actor, date);
    return this.quotaFrom(year, date, await quotaFacts(this.pdb, year), await this.units.scopeOf(actor));
  }

  /** Whether a quota report as of `asOf` folds the log (a past date), which costs far more than reading the read model. */
  foldsTheLog(asOf: LocalDate | undefined): boolean {
    return asOf !== undefined && asOf < this.today();
  }

  /** The quota report with each dossier folded from its stream up to `asOf` (legal dates on or before it). */
  async quotaFolded(year: number, actor: ScopedActor, asOf: LocalDate): Promise<QuotaReport | undefined> {
    return this.quotaFrom(year, asOf, await this.foldedFacts(year, asOf), await this.units.scopeOf(actor));
  }

  /** The counting facts of `year`'s dossiers, each folded from its stream up to `asOf`. */
  private async foldedFacts(year: number, asOf: LocalDate): Promise<QuotaFacts[]> {
    const facts: QuotaFacts[] = [];
    for (const id of await quotaCandidatesAsOf(this.pdb, year, asOf)) {
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
    return facts;
  }

  async pipeline(actor: ScopedActor): Promise<PipelineReport> {
    await this.onlyCommittee();
    return pipelineOf(await this.pipelineFacts(), await this.units.scopeOf(actor), () => true);
  }

  /** What every pipeline report reads, read once for a roll-up of many committees. */
  private async pipelineFacts(): Promise<PipelineFacts> {
    const today = this.today();
    const counted = new Map((await pipelineCounts(this.pdb, today)).map((b) => [b.branchId, b]));
    const catalog = await this.units.catalog();
    return {
      today,
      counted,
      uncatalogued: [...counted.keys()].filter((id) => !catalog.has(id)).sort(),
      catalog,
      reported: await reportedToHigherCommittee(this.pdb, today),
    };
  }

  async admissions(year: number, actor: ScopedActor): Promise<AdmissionsReport> {
    await this.onlyCommittee();
    return admissionsReport(this.pdb, this.cipher, year, (await this.units.scopeOf(actor)).units());
  }

  /**
   * The quota report of a committee's year as of `asOf` (default today; an earlier date folds the log):
   * for a party committee, its plan's report narrowed to its units and the reader's scope, `undefined`
   * when it has no plan for the year; for a higher committee, the roll-up of the party committees below it.
   * @throws RequestError `NOT_FOUND.committee` for an id that is no party or higher committee.
   */
  async committeeQuota(
    committeeId: string,
    year: number,
    actor: ScopedActor,
    asOf?: LocalDate,
  ): Promise<QuotaReport | QuotaRollUp | undefined> {
    const date = asOf ?? this.today();
    const target = await this.committee(committeeId, actor);
    const units = () => target.committees.flatMap((c) => target.byCommittee.unitsOf(c.unitId));
    const facts = date < this.today() ? await this.foldedFacts(year, date) : await quotaFacts(this.pdb, year, units());
    return this.committeeQuotaFrom(target, year, date, facts);
  }

  /** {@link committeeQuota} with every dossier folded from its stream up to `asOf`, whatever the date. */
  async committeeQuotaFolded(
    committeeId: string,
    year: number,
    actor: ScopedActor,
    asOf: LocalDate,
  ): Promise<QuotaReport | QuotaRollUp | undefined> {
    const target = await this.committee(committeeId, actor);
    return this.committeeQuotaFrom(target, year, asOf, await this.foldedFacts(year, asOf));
  }

  /** The pipeline of a committee's branches today; of a higher committee, one row per party committee below it. */
  async committeePipeline(committeeId: string, actor: ScopedActor): Promise<PipelineReport | PipelineRollUp> {
    const target = await this.committee(committeeId, actor);
    const { unit, scope } = target;
    const facts = await this.pipelineFacts();
    const of = (c: UnitView) =>
      pipelineOf(facts, scope, (id) => target.byCommittee.of(id) === c.unitId, target.byCommittee.unitsOf(c.unitId));
    if (unit.kind === 'party-committee') return of(unit);
    const reports = target.committees.map((c) => ({ c, report: of(c) }));
    const committees = reports.map(({ c, report }) => ({
      unitId: c.unitId,
      name: c.name,
      parentId: c.parentId ?? null,
      branches: report.branches.length,
      ...report.total,
    }));
    const total = {
      stages: emptyStageCounts(),
      inProgress: committees.reduce((sum, c) => sum + c.inProgress, 0),
      failedVotes: committees.reduce((sum, c) => sum + c.failedVotes, 0),
    };
    for (const c of committees) for (const s of STAGES) total.stages[s] += c.stages[s];
    return {
      asOf: this.today(),
      stages: STAGES,
      committee: { unitId: unit.unitId, name: unit.name, kind: 'higher-committee' },
      committees,
      total,
      reportToHigherCommittee: reports.flatMap(({ report }) => report.reportToHigherCommittee),
    };
  }

  /** The admissions of a committee's branches in `year`; of a higher committee, one row per party committee below it. */
  async committeeAdmissions(
    committeeId: string,
    year: number,
    actor: ScopedActor,
  ): Promise<AdmissionsReport | AdmissionsRollUp> {
    const target = await this.committee(committeeId, actor);
    const { unit, scope } = target;
    const unitsOfCommittee = (c: UnitView) => target.byCommittee.unitsOf(c.unitId).filter((id) => scope.covers(id));
    if (unit.kind === 'party-committee') return admissionsReport(this.pdb, this.cipher, year, unitsOfCommittee(unit));
    const figures = ({ year: _year, rules: _rules, ...rest }: AdmissionsReport): AdmissionsFigures => rest;
    // Read once for every committee below, then counted per committee: a unit has one party committee.
    const admitted = await admittedIn(this.pdb, this.cipher, year, target.committees.flatMap(unitsOfCommittee));
    const byCommittee = groupBy(admitted, (a) => [target.byCommittee.of(a.branchId)]);
    const committees = target.committees.map((c) => ({
      unitId: c.unitId,
      name: c.name,
      parentId: c.parentId ?? null,
      ...figures(admissionsOf(year, byCommittee.get(c.unitId) ?? [])),
    }));
    const all = admissionsOf(year, admitted);
    return {
      year,
      committee: { unitId: unit.unitId, name: unit.name, kind: 'higher-committee' },
      committees,
      total: figures(all),
      rules: [
        ...all.rules,
        'One row per party committee below the higher committee, at any depth, over its branches; the total counts the branches of all of them.',
      ],
    };
  }

  /**
   * The committee a report route names: a party committee or a higher committee of the catalog. A
   * reader acting for none of its units reads it empty (a filtered route, API.md "Access").
   */
  private async committee(committeeId: string, actor: ScopedActor): Promise<CommitteeTarget> {
    const catalog = await this.units.catalog();
    const unit = catalog.get(committeeId);
    if (!unit || (unit.kind !== 'party-committee' && unit.kind !== 'higher-committee'))
      throw new RequestError('not-found', 'NOT_FOUND.committee', { committeeId });
    const scope = ActorScope.of(actor, catalog);
    const directory = (id: string) => catalog.get(id);
    const below =
      unit.kind === 'party-committee'
        ? [unit]
        : committeesUnder(unit.unitId, unitsOf(catalog), directory).map((id) => catalog.get(id)!);
    const byCommittee = CommitteeUnits.of(catalog);
    const readable = (c: UnitView) => scope.everything || byCommittee.unitsOf(c.unitId).some((id) => scope.covers(id));
    return { unit, catalog, scope, committees: below.filter(readable), byCommittee };
  }

  /** A party committee's report from `facts`, or the roll-up of the party committees below a higher one. */
  private async committeeQuotaFrom(
    { unit, scope, committees, byCommittee }: CommitteeTarget,
    year: number,
    asOf: LocalDate,
    facts: QuotaFacts[],
  ): Promise<QuotaReport | QuotaRollUp | undefined> {
    const units = await quotaUnits(this.pdb);
    // Each committee's report reads only the dossiers one of whose units (branch, branch at the
    // decision, nominating unit) is the committee's: what `quotaReport` would keep of all of them.
    const factsOf = groupBy(
      facts,
      (f) => new Set([f.branchId, f.decidedIn ?? f.branchId, f.nominatedBy].map((id) => byCommittee.of(id))),
    );
    const reportOf = (committeeId: string, plan: Plan) =>
      quotaReport({
        plan,
        units,
        facts: factsOf.get(committeeId) ?? [],
        asOf,
        within: (id) => byCommittee.of(id) === committeeId,
        ...(!scope.everything && { scope: (id: string) => scope.covers(id) }),
      });
    if (unit.kind === 'party-committee') {
      const plan = await planOf(this.pdb, year, unit.unitId);
      return plan && reportOf(unit.unitId, plan);
    }
    const reports = [];
    for (const c of committees) {
      const plan = await planOf(this.pdb, year, c.unitId);
      const empty: Plan = { year, committeeId: c.unitId, source: 'json', units: [], warnings: [] };
      reports.push({
        unitId: c.unitId,
        name: c.name,
        ...(c.parentId !== undefined && { parentId: c.parentId }),
        inPlan: plan !== undefined,
        report: reportOf(c.unitId, plan ?? empty),
      });
    }
    return quotaRollUp({
      year,
      asOf,
      committee: { unitId: unit.unitId, name: unit.name },
      reports,
      scoped: !scope.everything && !scope.covers(unit.unitId),
    });
  }

  /**
   * The unscoped report routes answer for the only party committee.
   * @throws PlanError `COMMITTEE_REQUIRED` naming the committees when the catalog holds several.
   */
  private async onlyCommittee(): Promise<void> {
    onlyCommittee(partyCommitteeIds(unitsOf(await this.units.catalog())));
  }

  /** The report of the plan, narrowed to the reader's units unless its role acts for all of them. */
  private async quotaFrom(
    year: number,
    asOf: LocalDate,
    facts: QuotaFacts[],
    scope: ActorScope,
  ): Promise<QuotaReport | undefined> {
    const plan = await planOf(this.pdb, year);
    if (!plan) return undefined;
    return quotaReport({
      plan,
      units: await quotaUnits(this.pdb),
      facts,
      asOf,
      ...(!scope.everything && { scope: (unitId: string) => scope.covers(unitId) }),
    });
  }
}
