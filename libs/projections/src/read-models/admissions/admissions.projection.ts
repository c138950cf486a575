import { correctedLegalDate, correctedText, dossierIdOfStream, type CandidatePersonal } from '@ketnap/domain';
import type { ColumnCipher, DecodedEnvelope } from '@ketnap/event-store';
import type { Projection } from '../../projection';
import { dossierRowsProjection } from '../dossier-rows';
import type { HeldDossiersTuning, Nomination } from '../held-dossiers';

export const ADMISSIONS = 'admissions';

/**
 * The candidate fields the breakdown needs and their columns: personal data (DESIGN.md §9), stored
 * sealed by the `ColumnCipher` for `<dossierId>/<column>`, null once erased.
 */
const PERSONAL_COLUMNS = {
  birthDate: 'birth_date',
  gender: 'gender',
  ethnicity: 'ethnicity',
  religion: 'religion',
  educationLevel: 'education',
  youthUnionMember: 'youth_union',
} as const satisfies Partial<Record<keyof CandidatePersonal, string>>;

type PersonalField = keyof typeof PERSONAL_COLUMNS;
export type PersonalColumn = (typeof PERSONAL_COLUMNS)[PersonalField];
const PERSONAL_FIELDS = Object.keys(PERSONAL_COLUMNS) as PersonalField[];

/**
 * A candidate's row by column: the personal columns sealed, each null when the candidate did not say
 * (a religion, membership of the Youth Union) or once erased; the youth union column holds `1` or `0`.
 */
export type CandidateRow = {
  /** The dossier's branch: what a reader's scope filters on. */
  branch_id: string;
  decided_on: string | null;
  outcome: string | null;
} & Record<PersonalColumn, string | null>;

/**
 * Admissions per year of the decision date, with what the breakdowns need (DOMAIN.md §6): one row
 * per dossier from its nomination on, carrying the decision date and outcome once decided. A corrected
 * decision date or personal field updates the row. Rows are changed in memory and written whole (`HeldDossiers`).
 * `cipher` seals the personal columns; `admissionsReport` opens them with the same.
 */
export function admissionsProjection(cipher: ColumnCipher, tuning: HeldDossiersTuning = {}): Projection {
  return dossierRowsProjection<CandidateRow>(
    {
      name: ADMISSIONS,
      // Version 4 seals the personal columns.
      version: 4,
      // Six columns sealed per candidate.
      cost: 8,
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
          birth_date TEXT, gender TEXT, ethnicity TEXT, religion TEXT, education TEXT, youth_union TEXT,
          version INTEGER NOT NULL
        ) WITHOUT ROWID;`,
      indexes: ({ table }) =>
        `CREATE INDEX IF NOT EXISTS ${table('by_decision')} ON ${table('candidates')} (decided_on) WHERE decided_on IS NOT NULL`,
      nominated: (e) => nominated(e, cipher),
      next: (r, e) => next(r, e, cipher),
    },
    tuning,
  );
}

/** A personal field as its column stores it before sealing: membership of the Youth Union as `1` or `0`. */
function columnText(field: PersonalField, value: unknown): string | null {
  if (field === 'youthUnionMember') return typeof value === 'boolean' ? (value ? '1' : '0') : null;
  return typeof value === 'string' ? value : null;
}

/** Sets the sealed columns of the fields `personal` holds (all of them for a nomination). */
function sealInto(
  r: CandidateRow,
  dossierId: string,
  personal: Partial<CandidatePersonal>,
  cipher: ColumnCipher,
): void {
  for (const field of PERSONAL_FIELDS) {
    if (!Object.hasOwn(personal, field)) continue;
    const column = PERSONAL_COLUMNS[field];
    r[column] = cipher.seal(`${dossierId}/${column}`, columnText(field, personal[field]));
  }
}

const NO_PERSONAL_DATA: Record<PersonalColumn, null> = {
  birth_date: null,
  gender: null,
  ethnicity: null,
  religion: null,
  education: null,
  youth_union: null,
};

function nominated(e: Nomination, cipher: ColumnCipher): CandidateRow {
  const row: CandidateRow = { branch_id: e.data.branchId, decided_on: null, outcome: null, ...NO_PERSONAL_DATA };
  // A nomination read back after its dossier's erasure has no personal part: its columns stay null.
  if (e.data.personal) sealInto(row, dossierIdOfStream(e.streamId)!, e.data.personal, cipher);
  return row;
}

function next(r: CandidateRow, e: DecodedEnvelope, cipher: ColumnCipher): void {
  if (e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') {
    r.decided_on = e.data.decidedOn;
    r.outcome = e.data.outcome;
  } else if (e.type === 'DossierTransferred') {
    // An admission counts for the branch holding the dossier on its date (DOMAIN.md §5).
    if (r.decided_on === null && e.data.toBranchId) r.branch_id = e.data.toBranchId;
  } else if (e.type === 'PersonalDataErased') {
    // The admission still counts, under "unknown"; a rebuild finds no personal part in the events either.
    Object.assign(r, NO_PERSONAL_DATA);
  } else if (e.type === 'StepCorrected') {
    const c = e.data;
    const decidedOn =
      c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused' ? correctedLegalDate(c) : undefined;
    if (decidedOn) r.decided_on = decidedOn;
    if (c.targetType === 'CandidateNominated') r.branch_id = correctedText(c, 'branchId') ?? r.branch_id;
    if (c.targetType === 'CandidateNominated' && c.personal?.changes)
      sealInto(r, dossierIdOfStream(e.streamId)!, c.personal.changes, cipher);
  }
}
