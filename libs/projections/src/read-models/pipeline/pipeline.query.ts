import { REPORT_FROM_ATTEMPT, STAGES, TERMINAL_STAGES, type LocalDate, type Stage } from '@ketnap/domain';
import type { ProjectionDatabase } from '../../runner/projection-database';
import { PIPELINE } from './pipeline.projection';

export type StageCounts = Record<Stage, number>;

export interface BranchPipeline {
  branchId: string;
  stages: StageCounts;
  /** Candidates still in the procedure (every stage but official, removed, ended, refused, withdrawn). */
  inProgress: number;
  /** Failed votes at every level recorded for the branch's dossiers (branch, committee, recognition). */
  failedVotes: number;
}

/** A dossier whose branch failed to adopt its admission resolution three times or more (QĐ 24-QĐ/TW 4.2.3). */
export interface ReportedToHigherCommittee {
  dossierId: string;
  branchId: string;
  failedBranchVotes: number;
  lastFailedOn: LocalDate | null;
  stage: Stage;
}

export const emptyStageCounts = (): StageCounts => Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;

/** Dossiers per branch and stage on `today`: probation that ended before today counts as `recognition-review`. */
export async function pipelineCounts(pdb: ProjectionDatabase, today: LocalDate): Promise<BranchPipeline[]> {
  const rows = await pdb.sql.all<{ branch_id: string; stage: Stage; n: number; failed: number }>(
    `SELECT branch_id, CASE WHEN stage = 'probation' AND probation_ends_on < ? THEN 'recognition-review' ELSE stage END AS stage,
         COUNT(*) AS n, SUM(failed_votes) AS failed
       FROM ${(await pdb.tables(PIPELINE))('dossiers')} GROUP BY 1, 2 ORDER BY 1`,
    [today],
  );
  const branches = new Map<string, BranchPipeline>();
  for (const row of rows) {
    let branch = branches.get(row.branch_id);
    if (!branch)
      branches.set(
        row.branch_id,
        (branch = { branchId: row.branch_id, stages: emptyStageCounts(), inProgress: 0, failedVotes: 0 }),
      );
    branch.stages[row.stage] += row.n;
    branch.failedVotes += row.failed;
    if (!TERMINAL_STAGES.includes(row.stage)) branch.inProgress += row.n;
  }
  return [...branches.values()];
}

/**
 * The dossiers with three failed branch votes or more, for the higher committee (QĐ 24-QĐ/TW 4.2.3):
 * a line of the pipeline report rather than an inspection case, because nothing is overdue: the
 * procedure was followed and the branch voted; the higher committee is to be informed, not to
 * inspect a breach.
 */
export async function reportedToHigherCommittee(
  pdb: ProjectionDatabase,
  today: LocalDate,
): Promise<ReportedToHigherCommittee[]> {
  const rows = await pdb.sql.all<{
    dossier_id: string;
    branch_id: string;
    failed_branch_votes: number;
    last_failed_on: string | null;
    stage: Stage;
  }>(
    `SELECT dossier_id, branch_id, failed_branch_votes, last_failed_on,
         CASE WHEN stage = 'probation' AND probation_ends_on < ? THEN 'recognition-review' ELSE stage END AS stage
       FROM ${(await pdb.tables(PIPELINE))('dossiers')} WHERE failed_branch_votes >= ? ORDER BY branch_id, dossier_id`,
    [today, REPORT_FROM_ATTEMPT],
  );
  return rows.map((r) => ({
    dossierId: r.dossier_id,
    branchId: r.branch_id,
    failedBranchVotes: r.failed_branch_votes,
    lastFailedOn: r.last_failed_on,
    stage: r.stage,
  }));
}
