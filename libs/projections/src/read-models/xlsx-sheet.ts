import { Workbook, type Alignment, type Borders, type Cell, type Row, type Worksheet } from 'exceljs';

/**
 * What the reports' workbooks share: a sheet set up to print on A4 landscape, one page wide, in the
 * font of Vietnamese administrative documents, with helpers for titles, bordered tables and merged
 * header cells. Figures are written as numbers (a zero shows as "-", as the published tables write it).
 */

export const FONT = 'Times New Roman';
/** A whole number; zero written "-" as in the published tables, the cell still holding the number 0. */
export const COUNT_FORMAT = '#,##0;-#,##0;"-"';
const THIN = { style: 'thin' } as const;
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTERED: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

export type CellValue = string | number | null;

/** A new workbook, dated on the report's legal date when it has one. */
export function reportWorkbook(asOf?: string): Workbook {
  const workbook = new Workbook();
  workbook.creator = 'ketnap';
  if (asOf) {
    workbook.created = new Date(`${asOf}T00:00:00Z`);
    workbook.modified = workbook.created;
  }
  return workbook;
}

/** A sheet printed on A4 landscape, fitted to one page wide; `widths` per column, in characters. */
export function reportSheet(workbook: Workbook, name: string, widths: readonly number[]): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = widths.map((width) => ({ width }));
  return sheet;
}

/** A title line merged across `columns` columns: bold and centred, or italic for a subtitle. */
export function titleRow(sheet: Worksheet, text: string, columns: number, style: 'title' | 'subtitle'): Row {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, columns);
  const cell = row.getCell(1);
  cell.font =
    style === 'title' ? { name: FONT, size: 14, bold: true } : { name: FONT, size: 12, italic: true, bold: false };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  row.height = style === 'title' ? 22 : 18;
  return row;
}

/** A section heading (I. KHỐI CHI BỘ…), bold, left, merged across `columns` columns. */
export function sectionRow(sheet: Worksheet, text: string, columns: number): Row {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, columns);
  row.getCell(1).font = { name: FONT, size: 12, bold: true };
  row.height = 18;
  return row;
}

/**
 * Header rows of a table, each cell bordered, bold and centred; `merges` are `[top, left, bottom,
 * right]` relative to the first header row and column 1.
 */
export function headerRows(
  sheet: Worksheet,
  rows: ReadonlyArray<readonly CellValue[]>,
  merges: ReadonlyArray<readonly [number, number, number, number]>,
  heights: readonly number[],
): Row[] {
  const added = rows.map((values, i) => {
    const row = sheet.addRow([...values]);
    row.height = heights[i];
    return row;
  });
  const width = Math.max(...rows.map((r) => r.length));
  for (const row of added)
    for (let c = 1; c <= width; c++) styleCell(row.getCell(c), { bold: true, align: CENTERED, size: 11 });
  const top = added[0].number;
  for (const [r1, c1, r2, c2] of merges) sheet.mergeCells(top + r1, c1, top + r2, c2);
  return added;
}

/**
 * A body row of a table: text left, numbers (and the first column, Số TT) centred, numbers in the
 * count format, every cell bordered; `bold` for a total.
 */
export function bodyRow(sheet: Worksheet, values: readonly CellValue[], bold = false): Row {
  const row = sheet.addRow([...values]);
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1);
    const align: Partial<Alignment> =
      typeof value === 'number' || i === 0
        ? { horizontal: 'center', vertical: 'middle' }
        : { horizontal: 'left', vertical: 'middle', wrapText: true };
    styleCell(cell, { bold, align, size: 11 });
    if (typeof value === 'number') cell.numFmt = COUNT_FORMAT;
  });
  return row;
}

function styleCell(cell: Cell, { bold, align, size }: { bold: boolean; align: Partial<Alignment>; size: number }) {
  cell.font = { name: FONT, size, bold };
  cell.alignment = align;
  cell.border = BORDER;
}

/** The workbook as the bytes of an .xlsx file. */
export async function xlsxBytes(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
