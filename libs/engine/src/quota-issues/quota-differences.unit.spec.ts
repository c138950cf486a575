import type { QuotaReport } from '@ketnap/projections';
import { quotaDifferences } from './quota-differences';

const row = (actual: Array<[number, number]>) => ({
  quarters: actual.map(([nominations, admissions], i) => ({
    quarter: (i + 1) as 1 | 2 | 3 | 4,
    target: { nominations: 0, admissions: 0 },
    actual: { nominations, admissions },
  })),
  total: { target: { nominations: 0, admissions: 0 }, actual: { nominations: 0, admissions: 0 } },
  status: 'behind' as const,
});

const report = (a: Array<[number, number]>, b: Array<[number, number]>, committee: Array<[number, number]>) =>
  ({
    units: [
      { ...row(a), unitId: 'a', name: 'A', kind: 'branch', block: null, table: 'branches', inPlan: true },
      { ...row(b), unitId: 'b', name: 'B', kind: 'branch', block: null, table: 'branches', inPlan: true },
    ],
    committee: { ...row(committee), unitId: 'c', name: 'C' },
  }) as unknown as Pick<QuotaReport, 'units' | 'committee'>;

describe('quotaDifferences', () => {
  it('names the unit rows and quarters up to the previous issue whose figures changed', () => {
    const before = report(
      [
        [1, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [1, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
    const after = report(
      [
        [1, 0],
        [0, 0],
        [5, 5],
        [0, 0],
      ],
      [
        [1, 0],
        [2, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [2, 0],
        [2, 0],
        [5, 5],
        [0, 0],
      ],
    );
    expect(quotaDifferences(before, after, 2)).toEqual([
      { unitId: 'b', quarter: 1, before: { nominations: 0, admissions: 0 }, after: { nominations: 1, admissions: 0 } },
      { unitId: 'b', quarter: 2, before: { nominations: 0, admissions: 0 }, after: { nominations: 2, admissions: 0 } },
      { unitId: null, quarter: 1, before: { nominations: 1, admissions: 0 }, after: { nominations: 2, admissions: 0 } },
      { unitId: null, quarter: 2, before: { nominations: 0, admissions: 0 }, after: { nominations: 2, admissions: 0 } },
    ]);
  });

  it('is empty when nothing of the past quarters changed', () => {
    const same = report(
      [
        [1, 1],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [1, 1],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
    expect(quotaDifferences(same, same, 3)).toEqual([]);
  });
});
