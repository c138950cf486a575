import type { CandidateNominated, StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { STAGE_AFTER, correctedField, correctedStepDate, dossierIdOf, isStepEvent, probationEndOf, stepDateOf } from '../dossier-events';
import { searchKeyOf } from '../search-key';

export const DOSSIER_LIST = 'dossier-list';

/**
 * One row per dossier for `GET /dossiers`: branch, nominating unit, stage as the events leave it,
 * the candidate's display name and its diacritics-folded search key (personal data: never logged),
 * nomination, last step and decision dates.
 *
 * The last step date is the latest legal date of the main-line steps. By the domain's date rule
 * (DOMAIN.md §2: a step is never dated before the previous one, which a correction re-checks; only
 * the awareness-class certificate may be older) it is the date of the latest other step, the
 * `anchor`, or of a certificate recorded after it. So the row keeps the anchor and those certificates
 * (`<eventId>=<date>;`), enough to recompute it when a correction changes a date.
 */
export function dossierListProjection(): SqliteProjection {
  return { name: DOSSIER_LIST, version: 1, create, apply };
}

function create({ db, table }: ProjectionContext): void {
  db.exec(`
    CREATE TABLE ${table('dossiers')} (
      dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, nominated_by TEXT NOT NULL, stage TEXT NOT NULL,
      probation_ends_on TEXT, full_name TEXT NOT NULL, search_key TEXT NOT NULL, nominated_on TEXT NOT NULL,
      last_step_on TEXT NOT NULL, decided_on TEXT, version INTEGER NOT NULL, position INTEGER NOT NULL,
      anchor_id TEXT NOT NULL, anchor_on TEXT NOT NULL, certificates TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX ${table('by_nomination')} ON ${table('dossiers')} (nominated_on, dossier_id);
    CREATE INDEX ${table('by_branch')} ON ${table('dossiers')} (branch_id, nominated_on, dossier_id);
  `);
}

function apply(ctx: ProjectionContext, events: EventEnvelope[]): void {
  const { prepare, table } = ctx;
  const insert = prepare(`INSERT INTO ${table('dossiers')} VALUES (?, ?, ?, 'nominated', NULL, ?, ?, ?, ?, NULL, ?, ?, ?, ?, '')`);
  const advance = prepare(
    `UPDATE ${table('dossiers')} SET stage = COALESCE(?, stage), last_step_on = MAX(last_step_on, COALESCE(?, last_step_on)),
       decided_on = COALESCE(?, decided_on), probation_ends_on = COALESCE(?, probation_ends_on), version = ?, position = ?,
       anchor_on = CASE WHEN ? IS NULL THEN anchor_on ELSE ? END, anchor_id = COALESCE(?, anchor_id),
       certificates = CASE WHEN ? IS NULL THEN certificates || ? ELSE '' END WHERE dossier_id = ?`,
  );
  for (const e of events) {
    const id = dossierIdOf(e.streamId);
    if (id === undefined) continue;
    if (e.type === 'CandidateNominated') {
      const { branchId, nominatedBy, nominatedOn, personal } = (e as EventEnvelope<CandidateNominated['data']>).data;
      insert.run(id, branchId, nominatedBy, personal.fullName, searchKeyOf(personal.fullName), nominatedOn, nominatedOn, e.streamVersion, e.globalPosition, e.eventId, nominatedOn);
    } else if (e.type === 'StepCorrected') {
      correct(ctx, id, e as EventEnvelope<StepCorrected['data']>);
    } else {
      const stage = isStepEvent(e.type) ? STAGE_AFTER[e.type] : null;
      const on = stage === null ? null : (stepDateOf(e) ?? null);
      const data = e.data as { decidedOn?: string; heldOn?: string; ruleSet?: string };
      const decidedOn = e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused' ? data.decidedOn : null;
      const probationEnd = e.type === 'CeremonyHeld' && data.heldOn ? probationEndOf(data.heldOn, data.ruleSet) : null;
      const anchor = on !== null && e.type !== 'TrainingCompleted' ? e.eventId : null;
      const certificate = on !== null && anchor === null ? entry(e.eventId, on) : '';
      advance.run(stage, on, decidedOn, probationEnd, e.streamVersion, e.globalPosition, anchor, on, anchor, anchor, certificate, id);
    }
  }
}

const entry = (eventId: string, on: string) => `${eventId}=${on};`;

function correct({ prepare, table }: ProjectionContext, id: string, e: EventEnvelope<StepCorrected['data']>): void {
  const c = e.data;
  const on = correctedStepDate(c);
  const dossiers = table('dossiers');
  if (c.targetType === 'CandidateNominated') {
    const fullName = c.personal?.fullName;
    prepare(
      `UPDATE ${dossiers} SET branch_id = COALESCE(?, branch_id), nominated_by = COALESCE(?, nominated_by), nominated_on = COALESCE(?, nominated_on),
         full_name = COALESCE(?, full_name), search_key = COALESCE(?, search_key) WHERE dossier_id = ?`,
    ).run(correctedField(c, 'branchId') ?? null, correctedField(c, 'nominatedBy') ?? null, on ?? null, fullName ?? null, fullName ? searchKeyOf(fullName) : null, id);
  } else if (on !== undefined && (c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused')) {
    prepare(`UPDATE ${dossiers} SET decided_on = ? WHERE dossier_id = ?`).run(on, id);
  } else if (on !== undefined && c.targetType === 'CeremonyHeld') {
    prepare(`UPDATE ${dossiers} SET probation_ends_on = ? WHERE dossier_id = ?`).run(probationEndOf(on, c.targetRuleSet), id);
  }
  if (on !== undefined) redate(prepare, dossiers, id, c.eventId, on);
  prepare(`UPDATE ${dossiers} SET version = ?, position = ? WHERE dossier_id = ?`).run(e.streamVersion, e.globalPosition, id);
}

/** A corrected step date: the anchor's or a later certificate's moves the last step date; an earlier step's cannot. */
function redate(prepare: ProjectionContext['prepare'], dossiers: string, id: string, eventId: string, on: string): void {
  const row = prepare<[string], { anchor_id: string; anchor_on: string; certificates: string }>(`SELECT anchor_id, anchor_on, certificates FROM ${dossiers} WHERE dossier_id = ?`).get(id);
  if (!row) return;
  const anchorOn = row.anchor_id === eventId ? on : row.anchor_on;
  const certificates = row.certificates.split(';').filter(Boolean).map((item) => item.split('=')).map(([certificate, date]) => [certificate, certificate === eventId ? on : date]);
  const last = certificates.reduce((max, [, date]) => (date > max ? date : max), anchorOn);
  prepare(`UPDATE ${dossiers} SET anchor_on = ?, certificates = ?, last_step_on = ? WHERE dossier_id = ?`).run(anchorOn, certificates.map(([certificate, date]) => entry(certificate, date)).join(''), last, id);
}
