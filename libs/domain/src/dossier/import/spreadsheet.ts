/** One record of a spreadsheet: its cells and its row number as the spreadsheet shows it (header = row 1). */
export interface SheetRecord {
  row: number;
  cells: string[];
}

export interface Sheet {
  header: string[];
  records: SheetRecord[];
}

export type SheetFormat = 'tsv' | 'csv';

/**
 * The format of a spreadsheet export: by the file name's extension (`.tsv`, `.tab`, `.csv`), else by
 * its first line (a tab makes it TSV, otherwise CSV).
 */
export function sheetFormatOf(text: string, fileName = ''): SheetFormat {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'csv') return 'csv';
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  return firstLine.includes('\t') ? 'tsv' : 'csv';
}

/**
 * The rows of a CSV (RFC 4180: comma-separated, `"` quotes a field, `""` inside quotes is a quote, a
 * quoted field may hold commas and line breaks) or of a TSV (tab-separated, a cell quoted the same way
 * when it holds a tab, a quote or a line break, as spreadsheets export it). UTF-8 text, an optional
 * byte-order mark, CRLF or LF line ends; blank lines are skipped, cells are trimmed.
 */
export function parseSheet(text: string, format: SheetFormat): Sheet {
  const sep = format === 'tsv' ? '\t' : ',';
  const source = text.replace(/^\uFEFF/, '');
  const rows: SheetRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let row = 1;
  let startRow = 1;
  const endCell = () => {
    cells.push(cell.trim());
    cell = '';
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c !== '')) rows.push({ row: startRow, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') row += 1;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === sep) endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      endRow();
      row += 1;
      startRow = row;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  const [first, ...records] = rows;
  return { header: first?.cells ?? [], records };
}
