import {
  QUARTERS,
  inferBlock,
  type LocalDate,
  type Plan,
  type PlanTable,
  type Quarter,
  type UnitBlock,
  type UnitKind,
} from '@ketnap/domain';

/** A dossier as the counting rules see it. */
export interface QuotaFacts {
  dossierId: string;
  branchId: string;
  nominatedBy: string;
  nominatedOn: LocalDate;
  decidedOn?: LocalDate;
  outcome?: 'admitted' | 'refused';
  /** The branch that held the dossier on the decision date, when a transfer moved it (DOMAIN.md §5); else `branchId`. */
  decidedIn?: string;
}

export interface QuotaUnitInfo {
  unitId: string;
  name: string;
  kind: UnitKind;
  block?: UnitBlock;
}

export interface Figures {
  nominations: number;
  admissions: number;
}
export type QuotaStatus = 'met' | 'exceeded' | 'behind';
export interface QuarterFigures {
  quarter: Quarter;
  target: Figures;
  actual: Figures;
}
export interface QuotaRow {
  quarters: QuarterFigures[];
  total: { target: Figures; actual: Figures };
  status: QuotaStatus;
}
export interface QuotaUnitRow extends QuotaRow {
  unitId: string;
  name: string;
  kind: UnitKind;
  block: UnitBlock | null;
  table: PlanTable;
  /** False for a unit with actual figures but no row in the plan (its targets are 0). */
  inPlan: boolean;
}
export type QuotaBlock = UnitBlock | 'coordination';
export interface QuotaBlockRow extends QuotaRow {
  block: QuotaBlock;
  name: string;
}
export interface QuotaMinimum {
  name: 'total' | UnitBlock;
  required: number;
  actual: number;
  met: boolean;
}
export interface QuotaReport {
  year: number;
  asOf: LocalDate;
  units: QuotaUnitRow[];
  blocks: QuotaBlockRow[];
  committee: QuotaRow & { unitId: string | null; name: string };
  minimums: QuotaMinimum[];
  rules: string[];
  /** Present when the report is narrowed to the units its reader acts for (API.md "Access"). */
  scope?: { units: string[] };
}

/** The counting rules of DOMAIN.md §5, as the report states them. */
export const QUOTA_RULES = [
  "A nomination counts in the quarter of its nomination date, for the nominating unit and for the dossier's branch (once when they are the same unit).",
  "An admission counts in the quarter of the admission decision date, for the dossier's branch and for the nominating unit when it is a mass organisation.",
  "A dossier transferred to another branch is counted, for each fact, for the branch that held it on that fact's date: what was counted before the transfer stays where it was, later admissions count for the new branch.",
  'A corrected nomination or decision date moves the count to the corrected quarter; a corrected branch or nominating unit moves it to that unit.',
  'A refusal counts no admission. Refused and withdrawn dossiers keep the nomination they had; a later removal (xóa tên) does not undo an admission.',
  "Block rows are the sums of their unit rows, as the published tables' totals are. The committee row counts each dossier once; its targets are the branch table's totals.",
  "Status compares the year's actual figures with the targets of the quarters begun by asOf: behind when a figure is below, met when both are equal, exceeded otherwise.",
  'asOf counts the steps whose legal date is on or before it, as the record stood on that day; targets, names and blocks are those of the current plan and unit catalog.',
];

export const BLOCK_NAMES: Record<QuotaBlock, string> = {
  rural: 'Khối chi bộ nông thôn',
  agency: 'Khối chi bộ cơ quan, đơn vị sự nghiệp',
  coordination: 'Khối MTTQ và các đoàn thể',
};

const zero = (): Figures => ({ nominations: 0, admissions: 0 });
const add = (a: Figures, b: Figures): Figures => ({
  nominations: a.nominations + b.nominations,
  admissions: a.admissions + b.admissions,
});
const quarterOf = (date: LocalDate): Quarter => (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter;
const inYear = (date: LocalDate | undefined, year: number): date is LocalDate =>
  date !== undefined && date.startsWith(`${year}-`);

/** Quarters of `year` begun by `asOf`: 0 before the year, 4 after it. */
export function quartersBegun(year: number, asOf: LocalDate): number {
  const asOfYear = Number(asOf.slice(0, 4));
  return asOfYear < year ? 0 : asOfYear > year ? 4 : quarterOf(asOf);
}

/** A row's status given how many quarters are due (see {@link QUOTA_RULES}). */
export function rowOf(quarters: QuarterFigures[], due: number): QuotaRow {
  const target = quarters.map((q) => q.target).reduce(add, zero());
  const actual = quarters.map((q) => q.actual).reduce(add, zero());
  const dueTarget = quarters
    .slice(0, due)
    .map((q) => q.target)
    .reduce(add, zero());
  const behind = actual.nominations < dueTarget.nominations || actual.admissions < dueTarget.admissions;
  const met = actual.nominations === dueTarget.nominations && actual.admissions === dueTarget.admissions;
  return { quarters, total: { target, actual }, status: behind ? 'behind' : met ? 'met' : 'exceeded' };
}

/** Sums rows quarter by quarter. */
export function sumQuarters(rows: readonly QuotaRow[]): QuarterFigures[] {
  return QUARTERS.map((quarter, i) => ({
    quarter,
    target: rows.map((r) => r.quarters[i].target).reduce(add, zero()),
    actual: rows.map((r) => r.quarters[i].actual).reduce(add, zero()),
  }));
}

/** Counts actual nominations and admissions per unit and quarter (DOMAIN.md §5). */
function countActuals(
  year: number,
  facts: readonly QuotaFacts[],
  isMassOrg: (unitId: string) => boolean,
  scope: (unitId: string) => boolean = () => true,
) {
  const perUnit = new Map<string, Figures[]>();
  const committee = QUARTERS.map(zero);
  const bump = (unitId: string, q: Quarter, field: keyof Figures) => {
    if (!perUnit.has(unitId)) perUnit.set(unitId, QUARTERS.map(zero));
    perUnit.get(unitId)![q - 1][field] += 1;
  };
  for (const f of facts) {
    if (inYear(f.nominatedOn, year)) {
      const q = quarterOf(f.nominatedOn);
      bump(f.nominatedBy, q, 'nominations');
      if (f.branchId !== f.nominatedBy) bump(f.branchId, q, 'nominations');
      if (scope(f.branchId)) committee[q - 1].nominations += 1;
    }
    if (f.outcome === 'admitted' && inYear(f.decidedOn, year)) {
      const q = quarterOf(f.decidedOn);
      const branchId = f.decidedIn ?? f.branchId;
      bump(branchId, q, 'admissions');
      if (f.nominatedBy !== branchId && isMassOrg(f.nominatedBy)) bump(f.nominatedBy, q, 'admissions');
      if (scope(branchId)) committee[q - 1].admissions += 1;
    }
  }
  return { perUnit, committee };
}

/** The rule stated when a report is narrowed to its reader's units. */
export const SCOPED_RULE =
  "Narrowed to the units the reader acts for: only their rows, and block and committee rows summed over them; the minimums only for a reader acting for the plan's committee.";

/**
 * The quota report of a plan year (API.md "Reports"), from the plan, the unit catalog and the dossiers'
 * facts. With `scope`, only the rows of the units it covers, and totals over them (a dossier counts in
 * the committee row when its branch is covered); `within` narrows the same way, to a committee's units.
 */
export function quotaReport(input: {
  plan: Plan;
  units: ReadonlyMap<string, QuotaUnitInfo>;
  facts: readonly QuotaFacts[];
  asOf: LocalDate;
  scope?: (unitId: string) => boolean;
  /** The units of the plan's committee, in a deployment of several: rows and totals over them only, the report not marked as narrowed. */
  within?: (unitId: string) => boolean;
}): QuotaReport {
  const { plan, units, asOf, scope: readerScope, within } = input;
  const scope =
    within && readerScope ? (unitId: string) => within(unitId) && readerScope(unitId) : (within ?? readerScope);
  const due = quartersBegun(plan.year, asOf);
  const tableOf = new Map(plan.units.map((u) => [u.unitId, u.table]));
  const isMassOrg = (id: string) =>
    (units.get(id)?.kind ?? (tableOf.get(id) === 'coordination' ? 'mass-org' : undefined)) === 'mass-org';
  const { perUnit, committee } = countActuals(
    plan.year,
    scope
      ? input.facts.filter((f) => scope(f.branchId) || scope(f.decidedIn ?? f.branchId) || scope(f.nominatedBy))
      : input.facts,
    isMassOrg,
    scope,
  );
  const row = (
    unitId: string,
    name: string,
    table: PlanTable,
    targets: readonly Figures[],
    inPlan: boolean,
  ): QuotaUnitRow => {
    const info = units.get(unitId);
    const actual = perUnit.get(unitId) ?? QUARTERS.map(zero);
    // The plan's quarters carry their number too: a target is its two figures only (API.md "Reports").
    const quarters = QUARTERS.map((quarter, i) => {
      const { nominations, admissions } = targets[i];
      return { quarter, target: { nominations, admissions }, actual: actual[i] };
    });
    const block = table === 'branches' ? (info?.block ?? inferBlock(info?.name ?? name)) : null;
    return {
      unitId,
      name: info?.name ?? name,
      kind: info?.kind ?? (table === 'branches' ? 'branch' : 'mass-org'),
      block,
      table,
      inPlan,
      ...rowOf(quarters, due),
    };
  };
  const planned = plan.units.map((u) => row(u.unitId, u.name, u.table, u.quarters, true));
  const extra = [...perUnit.keys()]
    .filter((id) => !tableOf.has(id))
    .sort()
    .map((id) => row(id, id, isMassOrg(id) ? 'coordination' : 'branches', QUARTERS.map(zero), false));
  const rows = [...planned, ...extra].filter((r) => !scope || scope(r.unitId));
  const blockOf = (r: QuotaUnitRow): QuotaBlock =>
    r.table === 'coordination' ? 'coordination' : (r.block as UnitBlock);
  const blocks = (['rural', 'agency', 'coordination'] as const).map((block) => ({
    block,
    name: BLOCK_NAMES[block],
    ...rowOf(sumQuarters(rows.filter((r) => blockOf(r) === block)), due),
  }));
  const branchTargets = sumQuarters(rows.filter((r) => r.table === 'branches')).map((q) => q.target);
  const committeeRow = rowOf(
    QUARTERS.map((quarter, i) => ({ quarter, target: branchTargets[i], actual: committee[i] })),
    due,
  );
  const committeeId = plan.committeeId ?? null;
  const admissionsOf = (block: QuotaBlock) => blocks.find((b) => b.block === block)!.total.actual.admissions;
  const minimums = (['total', 'rural', 'agency'] as const)
    .filter(
      (name) =>
        plan.minimums?.[name] !== undefined && (!scope || (plan.committeeId !== undefined && scope(plan.committeeId))),
    )
    .map((name) => {
      const required = plan.minimums![name]!;
      const actual = name === 'total' ? committeeRow.total.actual.admissions : admissionsOf(name);
      return { name, required, actual, met: actual >= required };
    });
  return {
    year: plan.year,
    asOf,
    units: rows,
    blocks,
    committee: {
      unitId: committeeId,
      name: (committeeId && units.get(committeeId)?.name) || 'Toàn Đảng bộ',
      ...committeeRow,
    },
    minimums,
    rules: readerScope ? [...QUOTA_RULES, SCOPED_RULE] : QUOTA_RULES,
    ...(readerScope && { scope: { units: rows.map((r) => r.unitId) } }),
  };
}
