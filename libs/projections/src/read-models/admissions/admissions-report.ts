import { fullYears, searchWordsOf, type LocalDate } from '@ketnap/domain';
import { placeholders, type ColumnCipher } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../../runner/projection-database';
import { ADMISSIONS, type CandidateRow, type PersonalColumn } from './admissions.projection';

/** Age bands on the decision date; up to 30 is "trẻ hóa" (rejuvenation, DOMAIN.md §6). */
export const AGE_BANDS = ['up-to-30', '31-45', '46-60', 'over-60'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(age: number): AgeBand {
  return age <= 30 ? 'up-to-30' : age <= 45 ? '31-45' : age <= 60 ? '46-60' : 'over-60';
}

export interface AdmissionsReport {
  year: number;
  total: number;
  women: number;
  /** Every ethnicity but Kinh. */
  ethnicMinorities: number;
  /** Candidates who declared a religion. */
  religious: number;
  youthUnionMembers: number;
  /** Up to 30 years old on the decision date. */
  youngUpTo30: number;
  breakdowns: {
    gender: Record<string, number>;
    ethnicity: Record<string, number>;
    religion: Record<string, number>;
    youthUnion: Record<'member' | 'not-member' | 'unknown', number>;
    /** `unknown`: a candidate whose personal data was erased, only when there is one. */
    ageBand: Record<AgeBand, number> & { unknown?: number };
    education: Record<string, number>;
  };
  rules: string[];
}

export const ADMISSIONS_RULES = [
  'An admission counts in the year of its admission decision date (corrected dates included); refusals are not admissions.',
  'Age is counted in full years on the decision date; bands: up-to-30 ("trẻ hóa"), 31-45, 46-60, over-60.',
  'Ethnic minorities: every ethnicity but Kinh. Religious: a religion is declared (and is not "không"/"none").',
  'Youth union: the candidate was recorded as a Youth Union member; "unknown" when the nomination did not say.',
  'A candidate whose personal data was erased counts in the total and under "unknown" in every breakdown.',
];

/** An admitted candidate's row: decided. */
type Row = CandidateRow & { dossier_id: string; decided_on: string };

/** An admitted candidate's facts, opened; every one null once erased. */
export interface Admitted {
  decidedOn: LocalDate;
  birthDate: LocalDate | null;
  gender: string | null;
  ethnicity: string | null;
  religion: string | null;
  education: string | null;
  youthUnion: boolean | null;
  erased: boolean;
}

/**
 * The row's personal columns opened. A nomination always gives a birth date, so a row without one
 * is erased: its religion is unknown, not undeclared.
 */
function opened(r: Row, cipher: ColumnCipher): Admitted {
  const open = (column: PersonalColumn) => cipher.open(`${r.dossier_id}/${column}`, r[column]);
  const youth = open('youth_union');
  const birthDate = open('birth_date');
  return {
    decidedOn: r.decided_on,
    birthDate,
    gender: open('gender'),
    ethnicity: open('ethnicity'),
    religion: open('religion'),
    education: open('education'),
    youthUnion: youth === null ? null : youth === '1',
    erased: birthDate === null,
  };
}

const UNKNOWN = 'unknown';

const NO_RELIGION = new Set(['', 'khong', 'none']);
const bump = <K extends string>(counts: Record<K, number>, key: K): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Counts keyed by what a person typed (an ethnicity, a religion): an object without a prototype, so
 * that a value such as `__proto__` or `constructor` is counted like any other.
 */
const tally = (): Record<string, number> => Object.create(null) as Record<string, number>;

/**
 * Totals and breakdowns of the admissions decided in `year`; with `branchIds`, of those branches'
 * dossiers only. `cipher`: the one the projection sealed the personal columns with.
 */
export async function admissionsReport(
  pdb: ProjectionDatabase,
  cipher: ColumnCipher,
  year: number,
  branchIds?: readonly string[],
): Promise<AdmissionsReport> {
  return admissionsOf(year, await admittedIn(pdb, cipher, year, branchIds));
}

/** An admitted candidate of {@link admittedIn}: the branch of the dossier, and its facts opened. */
export type AdmittedCandidate = Admitted & { branchId: string };

/**
 * The candidates admitted in `year` (by their decision date), with `branchIds` of those branches only,
 * their personal columns opened: what {@link admissionsOf} counts. A roll-up reads them once and
 * counts each committee's share.
 */
export async function admittedIn(
  pdb: ProjectionDatabase,
  cipher: ColumnCipher,
  year: number,
  branchIds?: readonly string[],
): Promise<AdmittedCandidate[]> {
  const inScope = branchIds === undefined ? '' : `AND branch_id IN (${placeholders(branchIds.length)})`;
  const stored = await pdb.sql.all<Row>(
    `SELECT * FROM ${(await pdb.tables(ADMISSIONS))('candidates')} WHERE decided_on BETWEEN ? AND ? AND outcome = 'admitted' ${inScope}`,
    [`${year}-01-01`, `${year}-12-31`, ...(branchIds ?? [])],
  );
  return stored.map((r) => ({ ...opened(r, cipher), branchId: r.branch_id }));
}

/** The admissions report of `year` over these admitted candidates. */
export function admissionsOf(year: number, rows: readonly Admitted[]): AdmissionsReport {
  const b: AdmissionsReport['breakdowns'] = {
    gender: tally(),
    ethnicity: tally(),
    religion: tally(),
    youthUnion: { member: 0, 'not-member': 0, unknown: 0 },
    ageBand: { 'up-to-30': 0, '31-45': 0, '46-60': 0, 'over-60': 0 },
    education: tally(),
  };
  for (const r of rows) {
    bump(b.gender, r.gender ?? UNKNOWN);
    bump(b.ethnicity, r.ethnicity ?? UNKNOWN);
    bump(b.religion, r.erased ? UNKNOWN : isReligious(r.religion) ? r.religion : 'none');
    bump(b.youthUnion, r.youthUnion === null ? UNKNOWN : r.youthUnion ? 'member' : 'not-member');
    if (r.birthDate === null) b.ageBand.unknown = (b.ageBand.unknown ?? 0) + 1;
    else bump(b.ageBand, ageBandOf(fullYears(r.birthDate, r.decidedOn)));
    bump(b.education, r.education ?? UNKNOWN);
  }
  return {
    year,
    total: rows.length,
    women: b.gender.female ?? 0,
    ethnicMinorities: rows.filter((r) => r.ethnicity !== null && searchWordsOf(r.ethnicity).join(' ') !== 'kinh')
      .length,
    religious: rows.filter((r) => isReligious(r.religion)).length,
    youthUnionMembers: b.youthUnion.member,
    youngUpTo30: b.ageBand['up-to-30'],
    breakdowns: b,
    rules: ADMISSIONS_RULES,
  };
}

const isReligious = (religion: string | null): religion is string =>
  religion !== null && !NO_RELIGION.has(searchWordsOf(religion).join(' '));
