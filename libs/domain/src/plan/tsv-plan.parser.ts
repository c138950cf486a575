import type { MessageRef } from '../messages/message-text';
import { foldName, stripMarks } from './fold-name';
import { PlanError } from './plan-error';
import { QUARTERS, type PlanTable, type PlanWarning, type QuarterTarget, type Targets } from './plan';
import type { PublishedPlan, PublishedTable } from './published-plan';
import { checkTable } from './published-checks';
import { cellText, columnLabel, readCount, type Measure } from './tsv-cells';
import { PUBLISHED_LAYOUT, isHeaderStart, readLayout, type TableLayout } from './tsv-layout';

interface Draft extends PublishedTable {
  header: { line: number; cells: string[] }[];
  layout?: TableLayout;
}

const MEASURES: Measure[] = ['nominations', 'admissions'];
const TABLE_KIND: Record<PlanTable, MessageRef> = {
  branches: { key: 'plan.kind-branches' },
  coordination: { key: 'plan.kind-coordination' },
};

/** The table a title announces: the mass organisations' coordination table, or the branch block. */
function tableOfTitle(title: string): PlanTable | undefined {
  const text = stripMarks(title);
  if (/mttq|doan the|phoi hop/.test(text)) return 'coordination';
  if (/chi bo/.test(text)) return 'branches';
  return undefined;
}

/**
 * Reads a published plan (biểu giao chỉ tiêu) as tab-separated text: one or more tables, each with a
 * bold title, a three-line header, numbered unit rows and a "Tổng cộng" row. `-` is zero; a blank cell
 * is read as 0 and reported; a row whose "Cộng" or a totals row that disagrees with the figures is
 * reported, and the quarters are what counts.
 * @throws PlanError `PLAN_FORMAT_INVALID` naming the line, when the text is not such a table.
 */
export function parsePlanTsv(text: string): PublishedPlan {
  const warnings: PlanWarning[] = [];
  const tables: Draft[] = [];
  let current: Draft | undefined;

  const open = (line: number, title: string): Draft => {
    const index = tables.length + 1;
    let table = tableOfTitle(title);
    if (!table) {
      table = index === 1 ? 'branches' : 'coordination';
      const params = { index: String(index), line: String(line), kind: TABLE_KIND[table] };
      warnings.push(
        title ? { key: 'plan.unclear-title', params: { ...params, title } } : { key: 'plan.untitled-table', params },
      );
    }
    const year = /\bnam (\d{4})\b/.exec(stripMarks(title));
    const draft: Draft = {
      index,
      title,
      table,
      label: { key: 'plan.table', params: { index: String(index), kind: TABLE_KIND[table] } },
      year: year ? Number(year[1]) : undefined,
      rows: [],
      header: [],
    };
    tables.push(draft);
    return draft;
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const cells = raw.split('\t');
    const filled = cells.map(cellText).filter((cell) => cell !== '');
    if (filled.length === 0) return;
    if (filled.length === 1 && !/^\d+$/.test(cellText(cells[0]))) {
      if (raw.trim().startsWith('**') || stripMarks(filled[0]).startsWith('bieu')) current = open(line, filled[0]);
      else if (!filled[0].startsWith('('))
        warnings.push({ key: 'plan.line-ignored', params: { line: String(line), text: filled[0].slice(0, 60) } });
      return;
    }
    if (isHeaderStart(cells) && current && current.rows.length > 0) current = undefined;
    current ??= open(line, '');
    const first = cellText(cells[0]);
    if (current.rows.length === 0 && !current.totalsRow && !/^\d+$/.test(first)) {
      current.header.push({ line, cells });
      return;
    }
    current.layout ??= layoutOf(current, warnings);
    if (/^\d+$/.test(first)) readUnitRow(current, current.layout, line, cells, warnings);
    else if (cells.some((cell) => /^(tong cong|tong so|cong)$/.test(stripMarks(cellText(cell)))))
      readTotalsRow(current, current.layout, line, cells, warnings);
    else throw new PlanError('PLAN_FORMAT_INVALID.row-kind', { line: String(line), table: current.label }, { line });
  });

  const read = tables.filter((table) => table.rows.length > 0);
  if (read.length === 0) throw new PlanError('PLAN_FORMAT_INVALID.no-rows', {}, {});
  checkDuplicateNames(read);
  for (const table of read) warnings.push(...checkTable(table));
  return { tables: read.map(({ header: _header, layout: _layout, ...table }) => table), warnings };
}

function layoutOf(table: Draft, warnings: PlanWarning[]): TableLayout {
  if (table.header.length > 0) return readLayout(table.header);
  warnings.push({ key: 'plan.no-header', params: { table: table.label } });
  return PUBLISHED_LAYOUT;
}

function readFigures(layout: TableLayout, line: number, cells: string[]) {
  const blank: string[] = [];
  const count = (col: number, label: string) => {
    const cell = readCount(cells[col], line, label);
    return { cell, label };
  };
  const quarters: QuarterTarget[] = QUARTERS.map((quarter) => {
    const [n, a] = MEASURES.map((m, k) => count(layout.quarterCols[quarter] + k, columnLabel(quarter, m)));
    for (const { cell, label } of [n, a]) if (cell.blank) blank.push(label);
    return { quarter, nominations: n.cell.value, admissions: a.cell.value };
  });
  const publishedTotal: Partial<Targets> = {};
  if (layout.totalCol !== undefined) {
    MEASURES.forEach((m, k) => {
      const { cell } = count(layout.totalCol! + k, columnLabel('total', m));
      if (!cell.blank) publishedTotal[m] = cell.value;
    });
  }
  return { quarters, publishedTotal, blank };
}

function readUnitRow(table: Draft, layout: TableLayout, line: number, cells: string[], warnings: PlanWarning[]): void {
  const number = Number(cellText(cells[layout.numberCol]));
  const name = cellText(cells[layout.nameCol]).replace(/\s+/g, ' ');
  if (name === '')
    throw new PlanError(
      'PLAN_FORMAT_INVALID.no-name',
      { line: String(line), number: String(number), table: table.label },
      { line },
    );
  const { quarters, publishedTotal, blank } = readFigures(layout, line, cells);
  if (blank.length > 0)
    warnings.push({
      key: 'plan.row-blank-cells',
      params: { table: table.label, number: String(number), name, columns: blank },
    });
  table.rows.push({ line, number, name, quarters, publishedTotal });
}

function readTotalsRow(
  table: Draft,
  layout: TableLayout,
  line: number,
  cells: string[],
  warnings: PlanWarning[],
): void {
  const { quarters, publishedTotal, blank } = readFigures(layout, line, cells);
  if (blank.length > 0)
    warnings.push({ key: 'plan.totals-blank-cells', params: { table: table.label, columns: blank } });
  table.totalsRow = { line, quarters, publishedTotal };
}

function checkDuplicateNames(tables: PublishedTable[]): void {
  const seen = new Map<string, MessageRef>();
  for (const table of tables) {
    for (const row of table.rows) {
      const key = foldName(row.name);
      const where: MessageRef = { key: 'plan.table-row', params: { table: table.label, row: String(row.number) } };
      const before = seen.get(key);
      if (before)
        throw new PlanError(
          'PLAN_FORMAT_INVALID.duplicate-name',
          { name: row.name, before, where },
          { line: row.line },
        );
      seen.set(key, where);
    }
  }
}
