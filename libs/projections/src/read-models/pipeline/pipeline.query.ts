import { STAGES, TERMINAL_STAGES, type LocalDate, type Stage } from '@ketnap/domain';
import type { ProjectionDatabase } from '../../sqlite/projection-database';
import { PIPELINE } from './pipeline.projection';

export type StageCounts = Record<Stage, number>;

export interface BranchPipeline {
  branchId: string;
  stages: StageCounts;
  /** Candidates still in the procedure (every stage but official, removed, refused, withdrawn). */
  inProgress: number;
}

export const emptyStageCounts = (): StageCounts => Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;

/** Dossiers per branch and stage on `today`: probation that ended before today counts as `recognition-review`. */
export function pipelineCounts(pdb: ProjectionDatabase, today: LocalDate): BranchPipeline[] {
  const rows = pdb.db
    .prepare(
      `SELECT branch_id, CASE WHEN stage = 'probation' AND probation_ends_on < ? THEN 'recognition-review' ELSE stage END AS stage, COUNT(*) AS n
       FROM ${pdb.tables(PIPELINE)('dossiers')} GROUP BY 1, 2 ORDER BY 1`,
    )
    .all(today) as Array<{ branch_id: string; stage: Stage; n: number }>;
  const branches = new Map<string, BranchPipeline>();
  for (const row of rows) {
    let branch = branches.get(row.branch_id);
    if (!branch)
      branches.set(row.branch_id, (branch = { branchId: row.branch_id, stages: emptyStageCounts(), inProgress: 0 }));
    branch.stages[row.stage] += row.n;
    if (!TERMINAL_STAGES.includes(row.stage)) branch.inProgress += row.n;
  }
  return [...branches.values()];
}
