import type { CandidateNominated, StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { STAGE_AFTER, correctedField, correctedStepDate, isStepEvent, probationEndOf } from '../dossier-events';
import { HeldDossiers, type Held, type HeldDossiersTuning } from '../held-dossiers';

export const PIPELINE = 'pipeline';

interface PipelineRow {
  branchId: string;
  stage: string;
  probationEndsOn: string | null;
}

/**
 * Candidates per branch and stage ("nguồn", DOMAIN.md §6). The stage stored is the one the events
 * leave; the end of probation is stored with it so a query on a given day moves a dossier whose
 * probation is over to `recognition-review` (the domain's `stageOn`), without a timer in the read model.
 * One short row per dossier, counted with a GROUP BY (no index to keep up on every step); rows are
 * changed in memory and written whole (`HeldDossiers`).
 */
export function pipelineProjection(tuning: HeldDossiersTuning = {}): SqliteProjection {
  const memory = HeldDossiers.forRows<PipelineRow>(tuning, 'dossiers', write);
  return {
    name: PIPELINE,
    version: 2,
    create: (ctx) =>
      ctx.db.exec(`
        CREATE TABLE ${ctx.table('dossiers')} (
          dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, stage TEXT NOT NULL, probation_ends_on TEXT, version INTEGER NOT NULL
        ) WITHOUT ROWID;
        ${HeldDossiers.replayTable(ctx)}
      `),
    apply: (ctx, events) => memory.applyRows(ctx, events, { read, nominated, next }),
    resume: (ctx) => memory.resume(ctx),
    complete: (ctx) => memory.complete(ctx),
  };
}

function read({ prepare, table }: ProjectionContext, id: string): { version: number; value: PipelineRow } | undefined {
  const row = prepare<[string], { branch_id: string; stage: string; probation_ends_on: string | null; version: number }>(
    `SELECT branch_id, stage, probation_ends_on, version FROM ${table('dossiers')} WHERE dossier_id = ?`,
  ).get(id);
  return row && { version: row.version, value: { branchId: row.branch_id, stage: row.stage, probationEndsOn: row.probation_ends_on } };
}

const COLUMNS = ['branch_id', 'stage', 'probation_ends_on', 'version'];

function write({ prepare, table }: ProjectionContext, id: string, { version, value }: Held<PipelineRow>): void {
  prepare(HeldDossiers.upsert(table('dossiers'), COLUMNS)).run(id, value.branchId, value.stage, value.probationEndsOn, version);
}

const nominated = (e: EventEnvelope): PipelineRow => ({ branchId: (e.data as CandidateNominated['data']).branchId, stage: 'nominated', probationEndsOn: null });

function next(row: PipelineRow, e: EventEnvelope): void {
  if (e.type === 'StepCorrected') {
    const c = e.data as StepCorrected['data'];
    const branchId = c.targetType === 'CandidateNominated' ? correctedField(c, 'branchId') : undefined;
    if (branchId) row.branchId = branchId;
    const heldOn = c.targetType === 'CeremonyHeld' ? correctedStepDate(c) : undefined;
    if (heldOn) row.probationEndsOn = probationEndOf(heldOn, c.targetRuleSet);
  } else if (e.type !== 'CandidateNominated' && isStepEvent(e.type) && STAGE_AFTER[e.type] !== null) {
    row.stage = STAGE_AFTER[e.type]!;
    const data = e.data as { heldOn?: string; ruleSet?: string };
    if (e.type === 'CeremonyHeld' && data.heldOn) row.probationEndsOn = probationEndOf(data.heldOn, data.ruleSet);
  }
}
