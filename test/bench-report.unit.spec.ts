import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  benchTable,
  formatFigure,
  mergeRecord,
  README_END,
  README_START,
  withBenchTable,
  type BenchEntry,
  type BenchRecord,
  type Machine,
} from '../bench/report';

const EPYC: Machine = { cpu: 'AMD EPYC', cores: 2, memoryGiB: 24, node: 'v20.20.2' };
const XEON: Machine = { cpu: 'Intel Xeon', cores: 8, memoryGiB: 64, node: 'v22.1.0' };

const entry = (measuredAt: string, ketnap: number, machine = EPYC, load?: [number, number]): BenchEntry => ({
  measuredAt,
  machine,
  ...(load && { load }),
  rows: [{ case: 'single-event appends', ketnap, baseline: 20_000, unit: 'appends/s' }],
  detail: { ketnap },
});

describe('mergeRecord', () => {
  const previous = {
    benchmarks: { http: entry('2026-12-06T15:00:00Z', 1), appends: entry('2026-12-06T15:10:00Z', 2) },
  };

  it('replaces the benchmarks that ran and keeps the others', () => {
    const ran = entry('2026-12-07T09:00:00Z', 3);
    const merged = mergeRecord(previous, { appends: ran }, ['http', 'appends']);
    expect(merged.benchmarks).toEqual({ http: previous.benchmarks.http, appends: ran });
  });

  it('adds a benchmark that ran for the first time, in the order of the registry', () => {
    const merged = mergeRecord(previous, { saga: entry('2026-12-07T09:00:00Z', 4) }, ['saga', 'http', 'appends']);
    expect(Object.keys(merged.benchmarks)).toEqual(['saga', 'http', 'appends']);
  });

  it('keeps a benchmark the registry no longer names, last', () => {
    const merged = mergeRecord(previous, {}, ['appends']);
    expect(Object.keys(merged.benchmarks)).toEqual(['appends', 'http']);
  });
});

describe('benchTable', () => {
  it('gives the machine and the date of the latest run, and a row per figure with its ratio', () => {
    const table = benchTable({ benchmarks: { appends: entry('2026-12-07T09:00:00Z', 12_345) } });
    expect(table.split('\n')).toEqual([
      'Measured on AMD EPYC, 2 cores, 24 GiB, Node v20.20.2, 2026-12-07 unless a row says otherwise.',
      '',
      '| benchmark | case | ketnap | raw baseline | ratio | unit |',
      '|---|---|--:|--:|--:|---|',
      '| appends | single-event appends | 12,345 | 20,000 | 0.62 | appends/s |',
    ]);
  });

  it('leaves the baseline and the ratio empty where the benchmark has no baseline', () => {
    const saga: BenchEntry = {
      ...entry('2026-12-07T09:00:00Z', 0),
      rows: [{ case: 'embedded: arming', ketnap: 13_121, unit: 'deadlines/s' }],
    };
    expect(benchTable({ benchmarks: { saga } })).toContain('| saga | embedded: arming | 13,121 |  |  | deadlines/s |');
  });

  it('marks the rows measured on another day with their date', () => {
    const table = benchTable({
      benchmarks: { http: entry('2026-12-06T15:00:00Z', 1), appends: entry('2026-12-07T09:00:00Z', 2) },
    });
    expect(table).toContain('2026-12-07 unless a row says otherwise');
    expect(table).toContain('| http (2026-12-06) | single-event appends | 1 |');
    expect(table).toContain('| appends | single-event appends | 2 |');
  });

  it('names the machine of rows measured on another one below the table', () => {
    const table = benchTable({
      benchmarks: {
        http: entry('2026-12-07T08:00:00Z', 1, XEON),
        appends: entry('2026-12-07T09:00:00Z', 2),
        saga: entry('2026-12-07T07:00:00Z', 3, XEON),
      },
    });
    expect(table).toContain('Measured on AMD EPYC, 2 cores');
    expect(table).toContain('| http (machine 1) |');
    expect(table).toContain('| saga (machine 1) |');
    expect(table).toContain('| appends | single-event appends | 2 |');
    expect(table).toContain('\nMachine 1: Intel Xeon, 8 cores, 64 GiB, Node v22.1.0.');
  });

  it('gives the load average of each benchmark that recorded it', () => {
    const table = benchTable({
      benchmarks: { http: entry('2026-12-07T08:00:00Z', 1), appends: entry('2026-12-07T09:00:00Z', 2, EPYC, [2.5, 3]) },
    });
    expect(table).toContain("Load average (1 min) at each benchmark's start and end: appends 2.5 → 3.");
  });

  it('says when nothing is recorded yet', () => {
    expect(benchTable({ benchmarks: {} })).toContain('No benchmark recorded yet');
  });
});

describe('withBenchTable', () => {
  const readme = `# ketnap\n\nBefore.\n\n${README_START}\nold table\n${README_END}\n\nAfter.\n`;

  it('replaces what is between the markers and nothing else', () => {
    expect(withBenchTable(readme, '| new |')).toBe(
      `# ketnap\n\nBefore.\n\n${README_START}\n| new |\n${README_END}\n\nAfter.\n`,
    );
  });

  it('gives the same README when run again with the same table', () => {
    const once = withBenchTable(readme, '| new |');
    expect(withBenchTable(once, '| new |')).toBe(once);
  });

  it('refuses a README without the markers', () => {
    expect(() => withBenchTable('# ketnap\n', '| new |')).toThrow(README_START);
  });
});

describe('formatFigure', () => {
  it('separates thousands and keeps fewer decimals the larger the figure', () => {
    expect([293_932.4, 43.51, 0.461, 3.16, 100.6, 8].map(formatFigure)).toEqual([
      '293,932',
      '43.5',
      '0.46',
      '3.16',
      '101',
      '8',
    ]);
  });
});

describe("the README's table", () => {
  it('is the one bench/results/latest.json gives (`npm run bench` writes both)', () => {
    const root = join(__dirname, '..');
    const record = JSON.parse(readFileSync(join(root, 'bench/results/latest.json'), 'utf8')) as BenchRecord;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(withBenchTable(readme, benchTable(record))).toBe(readme);
  });
});
