import type { InspectionCaseFacts, InspectionCaseStatus } from '@ketnap/domain';
import { placeholders, type ColumnCipher, type SqlValue } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../runner/projection-database';
import { CASE_TEXT_COLUMNS, INSPECTION_CASES_PROJECTION } from './inspection-cases.projection';

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

const SEALED_COLUMNS: ReadonlySet<string> = new Set(CASE_TEXT_COLUMNS);

/**
 * A row as the list shows it; the explanation is stored as the JSON of its catalogue messages, an
 * inspector's texts sealed (`<caseId>/<column>`).
 */
const caseOf =
  (cipher: ColumnCipher) =>
  (row: Row): InspectionCaseRow =>
    Object.fromEntries(
      Object.entries(COLUMNS).flatMap(([field, column]) => {
        const value = row[column];
        if (value === null) return [];
        if (field === 'explanation') return [[field, JSON.parse(String(value))]];
        if (SEALED_COLUMNS.has(column)) return [[field, cipher.open(`${row.case_id}/${column}`, String(value))]];
        return [[field, value]];
      }),
    ) as unknown as InspectionCaseRow;

/** Queries of the inspection cases read model, in the order the cases were opened. */
export class InspectionCasesBoard {
  private readonly toCase: (row: Row) => InspectionCaseRow;

  constructor(
    private readonly pdb: ProjectionDatabase,
    cipher: ColumnCipher,
  ) {
    this.toCase = caseOf(cipher);
  }

  /** Cases in the order they were opened; `branchIds` keeps those of dossiers of these branches (the reader's scope). */
  list(filter: {
    status?: InspectionCaseStatus;
    dossierId?: string;
    branchIds?: readonly string[];
    limit: number;
    afterPosition?: number;
  }): Promise<InspectionCaseRow[]> {
    const where = ['opened_position > ?'];
    const params: SqlValue[] = [filter.afterPosition ?? 0];
    const when = (condition: string, ...values: SqlValue[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (filter.status) when('status = ?', filter.status);
    if (filter.dossierId) when('dossier_id = ?', filter.dossierId);
    if (filter.branchIds) when(`branch_id IN (${placeholders(filter.branchIds.length)})`, ...filter.branchIds);
    return this.query(`WHERE ${where.join(' AND ')} ORDER BY opened_position LIMIT ?`, [...params, filter.limit]);
  }

  async get(caseId: string): Promise<InspectionCaseRow | undefined> {
    return (await this.query('WHERE case_id = ?', [caseId]))[0];
  }

  private async query(sql: string, params: SqlValue[]): Promise<InspectionCaseRow[]> {
    if (!(await this.pdb.active(INSPECTION_CASES_PROJECTION))) return [];
    const table = (await this.pdb.tables(INSPECTION_CASES_PROJECTION))('cases');
    return (await this.pdb.sql.all<Row>(`SELECT * FROM ${table} ${sql}`, params)).map(this.toCase);
  }
}
