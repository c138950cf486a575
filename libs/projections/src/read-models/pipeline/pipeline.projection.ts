import type { CandidateNominated, StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { STAGE_AFTER, correctedField, correctedStepDate, dossierIdOf, isStepEvent, probationEndOf } from '../dossier-events';

export const PIPELINE = 'pipeline';

/**
 * Candidates per branch and stage ("nguồn", DOMAIN.md §6). The stage stored is the one the events
 * leave; the end of probation is stored with it so a query on a given day moves a dossier whose
 * probation is over to `recognition-review` (the domain's `stageOn`), without a timer in the read model.
 * One short row per dossier, counted with a GROUP BY (no index to keep up on every step).
 */
export function pipelineProjection(): SqliteProjection {
  return { name: PIPELINE, version: 1, create, apply };
}

function create({ db, table }: ProjectionContext): void {
  db.exec(`
    CREATE TABLE ${table('dossiers')} (
      dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, stage TEXT NOT NULL, probation_ends_on TEXT
    ) WITHOUT ROWID;
  `);
}

function apply({ prepare, table }: ProjectionContext, events: EventEnvelope[]): void {
  const dossiers = table('dossiers');
  const insert = prepare(`INSERT INTO ${dossiers} VALUES (?, ?, 'nominated', NULL)`);
  // Most preparation steps leave the stage as it is: those rows are not rewritten.
  const stage = prepare(`UPDATE ${dossiers} SET stage = ?, probation_ends_on = COALESCE(?, probation_ends_on) WHERE dossier_id = ? AND (stage <> ? OR ? IS NOT NULL)`);
  const branch = prepare(`UPDATE ${dossiers} SET branch_id = ? WHERE dossier_id = ?`);
  const probation = prepare(`UPDATE ${dossiers} SET probation_ends_on = ? WHERE dossier_id = ?`);
  for (const e of events) {
    const id = dossierIdOf(e.streamId);
    if (id === undefined) continue;
    if (e.type === 'CandidateNominated') {
      insert.run(id, (e.data as CandidateNominated['data']).branchId);
    } else if (e.type === 'StepCorrected') {
      const c = e.data as StepCorrected['data'];
      const branchId = c.targetType === 'CandidateNominated' ? correctedField(c, 'branchId') : undefined;
      if (branchId) branch.run(branchId, id);
      const heldOn = c.targetType === 'CeremonyHeld' ? correctedStepDate(c) : undefined;
      if (heldOn) probation.run(probationEndOf(heldOn, c.targetRuleSet), id);
    } else if (isStepEvent(e.type) && STAGE_AFTER[e.type] !== null) {
      const data = e.data as { heldOn?: string; ruleSet?: string };
      const end = e.type === 'CeremonyHeld' && data.heldOn ? probationEndOf(data.heldOn, data.ruleSet) : null;
      stage.run(STAGE_AFTER[e.type], end, id, STAGE_AFTER[e.type], end);
    }
  }
}
