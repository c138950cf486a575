import {
  correctedLegalDate,
  correctedText,
  eventLegalDate,
  isStepEvent,
  probationEndOf,
  stageAfter,
  type RuleSet,
} from '@ketnap/domain';
import type { DecodedEnvelope } from '@ketnap/event-store';
import type { Projection } from '../../projection';
import { dossierRowsProjection } from '../dossier-rows';
import type { HeldDossiersTuning } from '../held-dossiers';

export const PIPELINE = 'pipeline';

type PipelineRow = {
  branch_id: string;
  stage: string;
  probation_ends_on: string | null;
  /** Failed votes at every level (branch, committee, recognition review, recognition resolution). */
  failed_votes: number;
  /** Failed branch votes on admission: from the third, the higher committee is told (QĐ 24-QĐ/TW 4.2.3). */
  failed_branch_votes: number;
  last_failed_on: string | null;
};

/**
 * Candidates per branch and stage ("nguồn", DOMAIN.md §6). The stage stored is the one the events
 * leave; the end of probation is stored with it so a query on a given day moves a dossier whose
 * probation is over to `recognition-review` (the domain's `stageOn`), without a timer in the read model.
 * One short row per dossier, counted with a GROUP BY (no index to keep up on every step). A transfer
 * moves the dossier to its new branch; failed votes are counted per dossier, and the dossiers with
 * three failed branch votes or more are listed for the higher committee.
 * `ruleSets`: the engine's loaded rule sets (the probation's length); default: the built-in ones.
 */
export function pipelineProjection(tuning: HeldDossiersTuning = {}, ruleSets?: readonly RuleSet[]): Projection {
  return dossierRowsProjection<PipelineRow>(
    {
      name: PIPELINE,
      version: 3,
      cost: 2,
      table: 'dossiers',
      columns: ['branch_id', 'stage', 'probation_ends_on', 'failed_votes', 'failed_branch_votes', 'last_failed_on'],
      tables: ({ table }) => `
        CREATE TABLE ${table('dossiers')} (
          dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, stage TEXT NOT NULL, probation_ends_on TEXT,
          failed_votes INTEGER NOT NULL, failed_branch_votes INTEGER NOT NULL, last_failed_on TEXT, version INTEGER NOT NULL
        ) WITHOUT ROWID;`,
      nominated: (e) => ({
        branch_id: e.data.branchId,
        stage: 'nominated',
        probation_ends_on: null,
        failed_votes: 0,
        failed_branch_votes: 0,
        last_failed_on: null,
      }),
      next: (row, e) => next(row, e, ruleSets),
    },
    tuning,
  );
}

const FAILED_VOTES = new Set([
  'BranchVoteFailed',
  'CommitteeVoteFailed',
  'RecognitionReviewFailed',
  'RecognitionResolutionFailed',
]);

function next(row: PipelineRow, e: DecodedEnvelope, ruleSets: readonly RuleSet[] | undefined): void {
  if (e.type === 'StepCorrected') {
    const c = e.data;
    const branchId = c.targetType === 'CandidateNominated' ? correctedText(c, 'branchId') : undefined;
    if (branchId) row.branch_id = branchId;
    const heldOn = c.targetType === 'CeremonyHeld' ? correctedLegalDate(c) : undefined;
    if (heldOn) row.probation_ends_on = probationEndOf(heldOn, c.targetRuleSet, ruleSets);
    return;
  }
  if (e.type === 'DossierTransferred' && e.data.toBranchId) row.branch_id = e.data.toBranchId;
  if (FAILED_VOTES.has(e.type)) {
    row.failed_votes += 1;
    row.last_failed_on = (isStepEvent(e) && eventLegalDate(e)) || row.last_failed_on;
    if (e.type === 'BranchVoteFailed') row.failed_branch_votes += 1;
  }
  const stage = isStepEvent(e) && e.type !== 'CandidateNominated' ? stageAfter(e) : null;
  if (stage === null) return;
  row.stage = stage;
  if (e.type === 'CeremonyHeld' && e.data.heldOn)
    row.probation_ends_on = probationEndOf(e.data.heldOn, e.data.ruleSet, ruleSets);
}
