import { PlanError } from './plan-error';
import { romanQuarter, type Quarter } from './plan';

/** A cell's text without the table's markup (`<b>…</b>`, `**…**`) and surrounding spaces. */
export function cellText(raw: string | undefined): string {
  return (raw ?? '')
    .replace(/<\/?b>/gi, '')
    .replace(/\*\*/g, '')
    .replace(/\u00a0/g, ' ')
    .trim()
    .normalize('NFC');
}

export type Measure = 'nominations' | 'admissions';

const MEASURE_LABEL: Record<Measure, string> = { nominations: 'giới thiệu', admissions: 'kết nạp' };

/** A column as the published header names it: `Quý IV kết nạp`, `Cộng giới thiệu`. */
export const columnLabel = (quarter: Quarter | 'total', measure: Measure): string =>
  `${quarter === 'total' ? 'Cộng' : `Quý ${romanQuarter(quarter)}`} ${MEASURE_LABEL[measure]}`;

export interface CountCell {
  value: number;
  blank: boolean;
}

/**
 * A target count: digits, or a dash for zero (`-`, `–`, `—`); an empty cell is 0 but reported as blank.
 * @throws PlanError `PLAN_FORMAT_INVALID` for anything else, naming the line and column.
 */
export function readCount(raw: string | undefined, line: number, column: string): CountCell {
  const text = cellText(raw);
  if (text === '') return { value: 0, blank: true };
  if (/^[-–—]$/.test(text)) return { value: 0, blank: false };
  if (/^\d{1,6}$/.test(text)) return { value: Number(text), blank: false };
  throw new PlanError(
    'PLAN_FORMAT_INVALID.not-a-number',
    { line: String(line), column, text: text.slice(0, 40) },
    {
      line,
      column,
    },
  );
}
