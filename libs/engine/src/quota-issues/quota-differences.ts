import type { Quarter, QuotaIssueDifference, Targets } from '@ketnap/domain';
import type { QuotaReport, QuotaRow } from '@ketnap/projections';

const ZERO: Targets = { nominations: 0, admissions: 0 };

function actuals(report: Pick<QuotaReport, 'units' | 'committee'>, upTo: Quarter): Map<string, Targets> {
  const rows = new Map<string, Targets>();
  const add = (key: string, row: QuotaRow) => {
    for (const q of row.quarters)
      if (q.quarter <= upTo)
        rows.set(`${key}|${q.quarter}`, { nominations: q.actual.nominations, admissions: q.actual.admissions });
  };
  for (const unit of report.units) add(unit.unitId, unit);
  add('', report.committee);
  return rows;
}

/**
 * The unit rows (and the committee's total row, `unitId: null`) whose actual figures of a quarter
 * up to `previousQuarter` differ between the previous issue's report and this one: facts recorded
 * after the previous issue. In the order unit, quarter; the committee's row last.
 */
export function quotaDifferences(
  previous: Pick<QuotaReport, 'units' | 'committee'>,
  current: Pick<QuotaReport, 'units' | 'committee'>,
  previousQuarter: Quarter,
): QuotaIssueDifference[] {
  const before = actuals(previous, previousQuarter);
  const after = actuals(current, previousQuarter);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const differences: QuotaIssueDifference[] = [];
  for (const key of keys) {
    const [unit, quarter] = key.split('|');
    const b = before.get(key) ?? ZERO;
    const a = after.get(key) ?? ZERO;
    if (b.nominations === a.nominations && b.admissions === a.admissions) continue;
    differences.push({ unitId: unit === '' ? null : unit, quarter: Number(quarter) as Quarter, before: b, after: a });
  }
  return differences.sort(
    (x, y) =>
      Number(x.unitId === null) - Number(y.unitId === null) ||
      (x.unitId ?? '').localeCompare(y.unitId ?? '') ||
      x.quarter - y.quarter,
  );
}
