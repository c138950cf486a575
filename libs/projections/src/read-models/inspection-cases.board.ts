import type { InspectionCaseFacts, InspectionCaseStatus } from '@ketnap/domain';
import type { ProjectionDatabase } from '../sqlite/projection-database';
import { INSPECTION_CASES_PROJECTION } from './inspection-cases.projection';

/** An inspection case as the committee's list shows it. */
export interface InspectionCaseRow extends InspectionCaseFacts {
  id: string;
  status: InspectionCaseStatus;
  openedAt: string;
  /** Global position of the opening: the list's order and cursor. */
  openedPosition: number;
  version: number;
  note?: string;
  acknowledgedAt?: string;
  finding?: string;
  resolution?: string;
  closedAt?: string;
  withdrawnReason?: string;
  withdrawnAt?: string;
}

type Row = Record<string, string | number | null>;

const COLUMNS: Record<keyof InspectionCaseRow, string> = {
  id: 'case_id',
  dossierId: 'dossier_id',
  branchId: 'branch_id',
  obligation: 'obligation',
  dueOn: 'due_on',
  breachedOn: 'breached_on',
  workingDaysLate: 'working_days_late',
  explanation: 'explanation',
  status: 'status',
  openedAt: 'opened_at',
  openedPosition: 'opened_position',
  version: 'version',
  note: 'note',
  acknowledgedAt: 'acknowledged_at',
  finding: 'finding',
  resolution: 'resolution',
  closedAt: 'closed_at',
  withdrawnReason: 'withdrawn_reason',
  withdrawnAt: 'withdrawn_at',
};

const toCase = (row: Row): InspectionCaseRow =>
  Object.fromEntries(
    Object.entries(COLUMNS).flatMap(([field, column]) => (row[column] === null ? [] : [[field, row[column]]])),
  ) as unknown as InspectionCaseRow;

/** Queries of the inspection cases read model, in the order the cases were opened. */
export class InspectionCasesBoard {
  constructor(private readonly pdb: ProjectionDatabase) {}

  /** Cases in the order they were opened; `branchIds` keeps those of dossiers of these branches (the reader's scope). */
  list(filter: {
    status?: InspectionCaseStatus;
    dossierId?: string;
    branchIds?: readonly string[];
    limit: number;
    afterPosition?: number;
  }): InspectionCaseRow[] {
    const where = ['opened_position > @after'];
    if (filter.status) where.push('status = @status');
    if (filter.dossierId) where.push('dossier_id = @dossierId');
    if (filter.branchIds) where.push('branch_id IN (SELECT value FROM json_each(@branchIds))');
    return this.query(`WHERE ${where.join(' AND ')} ORDER BY opened_position LIMIT @limit`, {
      after: filter.afterPosition ?? 0,
      limit: filter.limit,
      ...(filter.status && { status: filter.status }),
      ...(filter.dossierId && { dossierId: filter.dossierId }),
      ...(filter.branchIds && { branchIds: JSON.stringify(filter.branchIds) }),
    });
  }

  get(caseId: string): InspectionCaseRow | undefined {
    return this.query('WHERE case_id = @caseId', { caseId })[0];
  }

  private query(sql: string, params: Record<string, unknown>): InspectionCaseRow[] {
    if (!this.pdb.active(INSPECTION_CASES_PROJECTION)) return [];
    const table = this.pdb.tables(INSPECTION_CASES_PROJECTION)('cases');
    return (this.pdb.db.prepare(`SELECT * FROM ${table} ${sql}`).all(params) as Row[]).map(toCase);
  }
}
