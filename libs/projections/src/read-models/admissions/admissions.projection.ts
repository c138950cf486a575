import type { CandidateNominated, CandidatePersonal, StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { correctedStepDate } from '../dossier-events';
import { HeldDossiers, type Held, type HeldDossiersTuning } from '../held-dossiers';

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

/** A candidate's row, as memory holds it (column names). */
interface CandidateRow {
  decided_on: string | null;
  outcome: string | null;
  birth_date: string;
  gender: string;
  ethnicity: string;
  religion: string | null;
  education: string;
  youth_union: number | null;
}

const COLUMNS = 'decided_on, outcome, birth_date, gender, ethnicity, religion, education, youth_union';

/**
 * Admissions per year of the decision date, with what the breakdowns need (DOMAIN.md §6): one row
 * per dossier from its nomination on, carrying the decision date and outcome once decided. A corrected
 * decision date or personal field updates the row. Rows are changed in memory and written whole (`HeldDossiers`).
 */
export function admissionsProjection(tuning: HeldDossiersTuning = {}): SqliteProjection {
  const memory = HeldDossiers.forRows<CandidateRow>(tuning, 'candidates', write);
  return {
    name: ADMISSIONS,
    version: 2,
    create: (ctx) => {
      const { db, table } = ctx;
      db.exec(`
        CREATE TABLE ${table('candidates')} (
          dossier_id TEXT PRIMARY KEY, decided_on TEXT, outcome TEXT,
          birth_date TEXT NOT NULL, gender TEXT NOT NULL, ethnicity TEXT NOT NULL, religion TEXT, education TEXT NOT NULL, youth_union INTEGER,
          version INTEGER NOT NULL
        ) WITHOUT ROWID;
        ${HeldDossiers.replayTable(ctx)}
      `);
      if (!ctx.building) createQueryIndexes(ctx);
    },
    apply: (ctx, events) => memory.applyRows(ctx, events, { read, nominated, next }),
    resume: (ctx) => memory.resume(ctx),
    complete: (ctx) => {
      memory.complete(ctx);
      createQueryIndexes(ctx);
    },
  };
}

function createQueryIndexes({ db, table }: ProjectionContext): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${table('by_decision')} ON ${table('candidates')} (decided_on) WHERE decided_on IS NOT NULL`);
}

const youth = (value: unknown): number | null => (typeof value === 'boolean' ? Number(value) : null);

function read({ prepare, table }: ProjectionContext, id: string): { version: number; value: CandidateRow } | undefined {
  const row = prepare<[string], CandidateRow & { version: number }>(`SELECT ${COLUMNS}, version FROM ${table('candidates')} WHERE dossier_id = ?`).get(id);
  if (!row) return undefined;
  const { version, ...value } = row;
  return { version, value };
}

/** The columns `write` sets, after `dossier_id`. */
const WRITTEN = [...COLUMNS.split(', '), 'version'];

function write({ prepare, table }: ProjectionContext, id: string, { version, value: r }: Held<CandidateRow>): void {
  prepare(HeldDossiers.upsert(table('candidates'), WRITTEN)).run(
    id,
    r.decided_on,
    r.outcome,
    r.birth_date,
    r.gender,
    r.ethnicity,
    r.religion,
    r.education,
    r.youth_union,
    version,
  );
}

function nominated(e: EventEnvelope): CandidateRow {
  const p = (e.data as CandidateNominated['data']).personal;
  return {
    decided_on: null,
    outcome: null,
    birth_date: p.birthDate,
    gender: p.gender,
    ethnicity: p.ethnicity,
    religion: p.religion ?? null,
    education: p.educationLevel,
    youth_union: youth(p.youthUnionMember),
  };
}

function next(r: CandidateRow, e: EventEnvelope): void {
  if (e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') {
    const { decidedOn, outcome } = e.data as { decidedOn: string; outcome: string };
    r.decided_on = decidedOn;
    r.outcome = outcome;
  } else if (e.type === 'StepCorrected') {
    const c = e.data as StepCorrected['data'];
    const decidedOn = c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused' ? correctedStepDate(c) : undefined;
    if (decidedOn) r.decided_on = decidedOn;
    if (c.personal) correctPersonal(r, c.personal);
  }
}

function correctPersonal(r: CandidateRow, personal: Partial<CandidatePersonal>): void {
  for (const [field, column] of Object.entries(PERSONAL_COLUMNS)) {
    if (!Object.prototype.hasOwnProperty.call(personal, field)) continue;
    const value = personal[field as keyof CandidatePersonal];
    (r as unknown as Record<string, unknown>)[column] = field === 'youthUnionMember' ? youth(value) : (value ?? null);
  }
}
