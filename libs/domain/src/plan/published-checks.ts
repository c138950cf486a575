import { QUARTERS, sumTargets, type PlanWarning, type QuarterTarget, type Targets } from './plan';
import type { PublishedTable } from './published-plan';
import { columnLabel, type Measure } from './tsv-cells';

const MEASURES: Measure[] = ['nominations', 'admissions'];

/**
 * What a published table says about itself that its figures contradict: a row's "Cộng" that is not
 * the sum of its quarters, and a "Tổng cộng" row that is not the sum of the rows.
 */
export function checkTable(table: PublishedTable): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (const row of table.rows) {
    const sum = sumTargets(row.quarters);
    for (const m of MEASURES) {
      const said = row.publishedTotal[m];
      if (said !== undefined && said !== sum[m]) {
        warnings.push({
          key: 'plan.row-total-mismatch',
          params: {
            table: table.label,
            number: String(row.number),
            name: row.name,
            column: columnLabel('total', m),
            said,
            sum: sum[m],
          },
        });
      }
    }
  }
  const totals = table.totalsRow;
  if (!totals) return warnings;
  const mismatch = (column: string, said: number, sum: number) =>
    warnings.push({ key: 'plan.totals-mismatch', params: { table: table.label, column, said, sum } });
  for (const quarter of QUARTERS) {
    const actual = sumTargets(table.rows.map((row) => quarterOf(row.quarters, quarter)));
    const said = quarterOf(totals.quarters, quarter);
    for (const m of MEASURES) if (said[m] !== actual[m]) mismatch(columnLabel(quarter, m), said[m], actual[m]);
  }
  const grand = sumTargets(table.rows.map((row) => sumTargets(row.quarters)));
  for (const m of MEASURES) {
    const said = totals.publishedTotal[m];
    if (said !== undefined && said !== grand[m]) mismatch(columnLabel('total', m), said, grand[m]);
  }
  return warnings;
}

const quarterOf = (quarters: QuarterTarget[], quarter: number): Targets =>
  quarters.find((q) => q.quarter === quarter) ?? { nominations: 0, admissions: 0 };
