import type { CandidateNominated, CandidatePersonal, StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { correctedStepDate, dossierIdOf } from '../dossier-events';

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

/**
 * Admissions per year of the decision date, with what the breakdowns need (DOMAIN.md §6): one row
 * per dossier from its nomination on, carrying the decision date and outcome once decided. A corrected
 * decision date or personal field updates the row.
 */
export function admissionsProjection(): SqliteProjection {
  return { name: ADMISSIONS, version: 1, create, apply };
}

function create({ db, table }: ProjectionContext): void {
  db.exec(`
    CREATE TABLE ${table('candidates')} (
      dossier_id TEXT PRIMARY KEY, decided_on TEXT, outcome TEXT,
      birth_date TEXT NOT NULL, gender TEXT NOT NULL, ethnicity TEXT NOT NULL, religion TEXT, education TEXT NOT NULL, youth_union INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX ${table('by_decision')} ON ${table('candidates')} (decided_on) WHERE decided_on IS NOT NULL;
  `);
}

const youth = (value: unknown): number | null => (typeof value === 'boolean' ? Number(value) : null);

function apply({ prepare, table }: ProjectionContext, events: EventEnvelope[]): void {
  const candidates = table('candidates');
  const insert = prepare(`INSERT INTO ${candidates} VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, ?)`);
  const decide = prepare(`UPDATE ${candidates} SET decided_on = ?, outcome = ? WHERE dossier_id = ?`);
  const redate = prepare(`UPDATE ${candidates} SET decided_on = ? WHERE dossier_id = ?`);
  for (const e of events) {
    const id = dossierIdOf(e.streamId);
    if (id === undefined) continue;
    if (e.type === 'CandidateNominated') {
      const p = (e.data as CandidateNominated['data']).personal;
      insert.run(id, p.birthDate, p.gender, p.ethnicity, p.religion ?? null, p.educationLevel, youth(p.youthUnionMember));
    } else if (e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') {
      const { decidedOn, outcome } = e.data as { decidedOn: string; outcome: string };
      decide.run(decidedOn, outcome, id);
    } else if (e.type === 'StepCorrected') {
      const c = e.data as StepCorrected['data'];
      const decidedOn = c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused' ? correctedStepDate(c) : undefined;
      if (decidedOn) redate.run(decidedOn, id);
      if (c.personal) correctPersonal(prepare, candidates, id, c.personal);
    }
  }
}

function correctPersonal(prepare: ProjectionContext['prepare'], candidates: string, id: string, personal: Partial<CandidatePersonal>): void {
  for (const [field, column] of Object.entries(PERSONAL_COLUMNS)) {
    if (!Object.prototype.hasOwnProperty.call(personal, field)) continue;
    const value = personal[field as keyof CandidatePersonal];
    prepare(`UPDATE ${candidates} SET ${column} = ? WHERE dossier_id = ?`).run(field === 'youthUnionMember' ? youth(value) : (value ?? null), id);
  }
}
