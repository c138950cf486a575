import type { LocalDate } from '@ketnap/domain';
import { quartersBegun, rowOf, sumQuarters, type QuotaReport, type QuotaRow } from './quota-report';

/** A party committee's row in a higher committee's roll-up: its units' rows summed quarter by quarter. */
export interface QuotaCommitteeRow extends QuotaRow {
  unitId: string;
  name: string;
  /** The unit it hangs under (a higher committee). */
  parentId: string | null;
  /** False when the committee has no plan for the year (its targets are 0). */
  inPlan: boolean;
  /** How many unit rows were summed. */
  units: number;
}

/** The quota report of a higher committee (API.md "Committees and reports across levels"). */
export interface QuotaRollUp {
  year: number;
  asOf: LocalDate;
  committee: { unitId: string; name: string; kind: 'higher-committee' };
  committees: QuotaCommitteeRow[];
  total: QuotaRow;
  rules: string[];
  /** Present when narrowed to the committees its reader acts for. */
  scope?: { committees: string[] };
}

export const ROLL_UP_RULES = [
  'One row per party committee below the higher committee, at any depth: its targets and actuals are the sums of its unit rows (as its own report shows them) quarter by quarter.',
  'The total row sums the committee rows quarter by quarter; status compares them as in a committee report (the quarters begun by asOf).',
  "A committee without a plan for the year has targets of 0 and counts its units' actual figures.",
];

/** Rolls committees' quota reports up into one row each, then the total. */
export function quotaRollUp(input: {
  year: number;
  asOf: LocalDate;
  committee: { unitId: string; name: string };
  reports: ReadonlyArray<{ unitId: string; name: string; parentId?: string; inPlan: boolean; report: QuotaReport }>;
  /** The committees kept when the reader acts for only some of them. */
  scoped?: boolean;
}): QuotaRollUp {
  const due = quartersBegun(input.year, input.asOf);
  const committees = input.reports.map(({ unitId, name, parentId, inPlan, report }) => ({
    unitId,
    name,
    parentId: parentId ?? null,
    inPlan,
    units: report.units.length,
    ...rowOf(sumQuarters(report.units), due),
  }));
  return {
    year: input.year,
    asOf: input.asOf,
    committee: { ...input.committee, kind: 'higher-committee' },
    committees,
    total: rowOf(sumQuarters(committees), due),
    rules: ROLL_UP_RULES,
    ...(input.scoped && { scope: { committees: committees.map((c) => c.unitId) } }),
  };
}
