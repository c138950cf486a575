import { correctedLegalDate, correctedText, type CandidatePersonal } from '@ketnap/domain';
import type { DecodedEnvelope } from '@ketnap/event-store';
import type { Projection } from '../../projection';
import { dossierRowsProjection } from '../dossier-rows';
import type { HeldDossiersTuning, Nomination } from '../held-dossiers';

export const ADMISSIONS = 'admissions';

/** The candidate fields the breakdown needs (personal data: never logged) and their columns. */
const PERSONAL_COLUMNS = {
  birthDate: 'birth_date',
  gender: 'gender',
  ethnicity: 'ethnicity',
  religion: 'religion',
  educationLevel: 'education',
  youthUnionMember: 'youth_union',
} as const satisfies Partial<Record<keyof CandidatePersonal, string>>;

/** A candidate's row by column (the breakdowns read it as it is stored). */
export type CandidateRow = {
  /** The dossier's branch: what a reader's scope filters on. */
  branch_id: string;
  decided_on: string | null;
  outcome: string | null;
  birth_date: string;
  gender: string;
  ethnicity: string;
  religion: string | null;
  education: string;
  youth_union: number | null;
};

/**
 * Admissions per year of the decision date, with what the breakdowns need (DOMAIN.md §6): one row
 * per dossier from its nomination on, carrying the decision date and outcome once decided. A corrected
 * decision date or personal field updates the row. Rows are changed in memory and written whole (`HeldDossiers`).
 */
export function admissionsProjection(tuning: HeldDossiersTuning = {}): Projection {
  return dossierRowsProjection<CandidateRow>(
    {
      name: ADMISSIONS,
      version: 3,
      table: 'candidates',
      columns: [
        'branch_id',
        'decided_on',
        'outcome',
        'birth_date',
        'gender',
        'ethnicity',
        'religion',
        'education',
        'youth_union',
      ],
      tables: ({ table }) => `
        CREATE TABLE ${table('candidates')} (
          dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, decided_on TEXT, outcome TEXT,
          birth_date TEXT NOT NULL, gender TEXT NOT NULL, ethnicity TEXT NOT NULL, religion TEXT, education TEXT NOT NULL, youth_union INTEGER,
          version INTEGER NOT NULL
        ) WITHOUT ROWID;`,
      indexes: ({ table }) =>
        `CREATE INDEX IF NOT EXISTS ${table('by_decision')} ON ${table('candidates')} (decided_on) WHERE decided_on IS NOT NULL`,
      nominated,
      next,
    },
    tuning,
  );
}

const youth = (value: unknown): number | null => (typeof value === 'boolean' ? Number(value) : null);

function nominated(e: Nomination): CandidateRow {
  const { personal: p, branchId } = e.data;
  return {
    branch_id: branchId,
    decided_on: null,
    outcome: null,
    birth_date: p?.birthDate ?? '',
    gender: p?.gender ?? '',
    ethnicity: p?.ethnicity ?? '',
    religion: p?.religion ?? null,
    education: p?.educationLevel ?? '',
    youth_union: youth(p?.youthUnionMember),
  };
}

function next(r: CandidateRow, e: DecodedEnvelope): void {
  if (e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') {
    r.decided_on = e.data.decidedOn;
    r.outcome = e.data.outcome;
  } else if (e.type === 'DossierTransferred') {
    // An admission counts for the branch holding the dossier on its date (DOMAIN.md §5).
    if (r.decided_on === null && e.data.toBranchId) r.branch_id = e.data.toBranchId;
  } else if (e.type === 'StepCorrected') {
    const c = e.data;
    const decidedOn =
      c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused' ? correctedLegalDate(c) : undefined;
    if (decidedOn) r.decided_on = decidedOn;
    if (c.targetType === 'CandidateNominated') r.branch_id = correctedText(c, 'branchId') ?? r.branch_id;
    if (c.targetType === 'CandidateNominated' && c.personal?.changes) correctPersonal(r, c.personal.changes);
  }
}

function correctPersonal(r: CandidateRow, personal: Partial<CandidatePersonal>): void {
  for (const [field, column] of Object.entries(PERSONAL_COLUMNS)) {
    if (!Object.prototype.hasOwnProperty.call(personal, field)) continue;
    const value = personal[field as keyof CandidatePersonal];
    (r as Record<string, unknown>)[column] = field === 'youthUnionMember' ? youth(value) : (value ?? null);
  }
}
