import { Workbook, type Worksheet } from 'exceljs';

/** A cell as a test reads it back: a number, a text, or null when empty. */
export type ReadCell = number | string | null;

/**
 * The first sheet of an .xlsx file read back with exceljs, as rows of values (1-based columns made
 * 0-based; empty cells null; a merged cell's value in its first cell only), with the sheet to look
 * at merges and formats.
 */
export async function xlsxRows(bytes: Buffer | ArrayBuffer): Promise<{
  rows: ReadCell[][];
  sheet: Worksheet;
}> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes instanceof ArrayBuffer ? bytes : new Uint8Array(bytes).buffer);
  const sheet = workbook.worksheets[0];
  const rows: ReadCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: ReadCell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      const value = cell.isMerged && cell.master !== cell ? null : cell.value;
      cells.push(value === null || value === undefined || value === '' ? null : (value as number | string));
    }
    rows.push(cells);
  }
  return { rows, sheet };
}
