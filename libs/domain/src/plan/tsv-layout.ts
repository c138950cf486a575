import { stripMarks } from './fold-name';
import { PlanError } from './plan-error';
import { QUARTERS, type Quarter } from './plan';
import { cellText } from './tsv-cells';

/** Where a table's columns are: "Số TT", the name, each quarter's nominations (admissions follow), "Cộng". */
export interface TableLayout {
  numberCol: number;
  nameCol: number;
  /** Column of each quarter's nominations; its admissions are in the next column. */
  quarterCols: Record<Quarter, number>;
  /** Column of the row's total nominations (admissions next), when the table has one. */
  totalCol?: number;
}

/** The layout of the published tables (`data/plan-2024-dong-tien.tsv`). */
export const PUBLISHED_LAYOUT: TableLayout = {
  numberCol: 0,
  nameCol: 1,
  quarterCols: { 1: 2, 2: 4, 3: 6, 4: 8 },
  totalCol: 10,
};

const ROMAN: Record<string, Quarter> = { i: 1, ii: 2, iii: 3, iv: 4 };

const folded = (cells: string[]): string[] => cells.map((cell) => stripMarks(cellText(cell)));

/** True for the first header line (`Số TT`, `STT`). */
export const isHeaderStart = (cells: string[]): boolean => /^(so tt|stt|tt)$/.test(folded(cells)[0] ?? '');

/**
 * Reads the layout from a table's header lines: `Quý I` … `Quý IV` over pairs of columns
 * (giới thiệu, kết nạp) and an optional `Cộng` pair.
 * @throws PlanError `PLAN_FORMAT_INVALID` when a quarter is missing or its pair is not (giới thiệu, kết nạp).
 */
export function readLayout(header: { line: number; cells: string[] }[]): TableLayout {
  const quarterCols: Partial<Record<Quarter, number>> = {};
  let totalCol: number | undefined;
  const lines = header.map(({ cells }) => folded(cells));
  for (const texts of lines) {
    texts.forEach((text, col) => {
      const quarter = /^quy ([iv]+)$/.exec(text);
      if (quarter && ROMAN[quarter[1]]) quarterCols[ROMAN[quarter[1]]] = col;
      if (text === 'cong' && col > 1) totalCol = col;
    });
  }
  const first = header[0]?.line ?? 0;
  const missing = QUARTERS.filter((q) => quarterCols[q] === undefined);
  if (missing.length > 0) {
    throw new PlanError(
      'PLAN_FORMAT_INVALID.quarter-missing',
      { line: String(first), quarters: missing.map(String) },
      {
        line: first,
      },
    );
  }
  const layout: TableLayout = {
    numberCol: 0,
    nameCol: 1,
    quarterCols: quarterCols as Record<Quarter, number>,
    totalCol,
  };
  const measured = (texts: string[]) => /^(gioi thieu|ket nap)/.test(texts[layout.quarterCols[1]] ?? '');
  const subHeader = lines.find(measured);
  if (subHeader) {
    for (const quarter of QUARTERS) {
      const col = layout.quarterCols[quarter];
      if (!subHeader[col]?.startsWith('gioi thieu') || !subHeader[col + 1]?.startsWith('ket nap')) {
        throw new PlanError(
          'PLAN_FORMAT_INVALID.quarter-columns',
          { line: String(first), quarter: String(quarter) },
          {
            line: first,
          },
        );
      }
    }
  }
  return layout;
}
