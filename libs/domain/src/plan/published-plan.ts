import type { MessageRef } from '../messages/message-text';
import type { PlanTable, PlanWarning, QuarterTarget, Targets } from './plan';

/** One unit's row of a published table, as read. */
export interface PublishedRow {
  /** Line of the file (1-based), for messages. */
  line: number;
  /** The row's "Số TT". */
  number: number;
  name: string;
  /** The four quarters in order; blank cells read as 0. */
  quarters: QuarterTarget[];
  /** The row's own "Cộng" cells, when the table has them and they are not blank. */
  publishedTotal: Partial<Targets>;
}

/** The "Tổng cộng" row of a published table. */
export interface PublishedTotalsRow {
  line: number;
  quarters: QuarterTarget[];
  publishedTotal: Partial<Targets>;
}

/** One table of a published plan (biểu giao chỉ tiêu). */
export interface PublishedTable {
  /** 1-based position in the file. */
  index: number;
  title: string;
  table: PlanTable;
  /** `table 1 (branches)` (`plan.table`): how warnings and errors name the table. */
  label: MessageRef;
  /** The year the title names, when it names one. */
  year?: number;
  rows: PublishedRow[];
  totalsRow?: PublishedTotalsRow;
}

/** A published plan as read from its tab-separated tables, with what the reader assumed. */
export interface PublishedPlan {
  tables: PublishedTable[];
  warnings: PlanWarning[];
}
