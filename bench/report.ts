// The benchmarks' record: bench/results/latest.json and the table between the README's markers.
// Pure functions; bench/run.ts reads and writes the files.

/** The machine a benchmark ran on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

/** One figure: ketnap's, and the raw baseline's measured in the same run where there is one. */
export interface BenchRow {
  case: string;
  ketnap: number;
  baseline?: number;
  unit: string;
}

/** One benchmark's last recorded run. */
export interface BenchEntry {
  /** When the run started, ISO 8601. */
  measuredAt: string;
  machine: Machine;
  /** The 1-minute load average at the start and at the end of the benchmark: the machine is shared. */
  load?: [number, number];
  rows: BenchRow[];
  /** What the benchmark returned, every figure of it. */
  detail: unknown;
}

/** bench/results/latest.json: each benchmark's last full run, in the order of the registry. */
export interface BenchRecord {
  benchmarks: Record<string, BenchEntry>;
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/**
 * The record after a run: the benchmarks that ran replace theirs, the others keep their last run.
 * `order` (the registry's names) sorts the benchmarks; names it lacks go last.
 */
export function mergeRecord(previous: BenchRecord, ran: Record<string, BenchEntry>, order: string[]): BenchRecord {
  const merged = { ...previous.benchmarks, ...ran };
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const names = Object.keys(merged).sort((a, b) => rank(a) - rank(b));
  return { benchmarks: Object.fromEntries(names.map((name) => [name, merged[name]])) };
}

/**
 * The Markdown table of a record. Its header gives the machine and the date of the latest run; a row
 * from another day says its date, a row from another machine points to a note naming it.
 */
export function benchTable(record: BenchRecord): string {
  const entries = Object.entries(record.benchmarks);
  if (entries.length === 0) return '_No benchmark recorded yet: `npm run bench`._';
  const [, latest] = entries.reduce((a, b) => (b[1].measuredAt > a[1].measuredAt ? b : a));
  const day = dayOf(latest.measuredAt);
  const others: string[] = [];
  const lines = [
    `Measured on ${machineText(latest.machine)}, ${day} unless a row says otherwise.`,
    '',
    '| benchmark | case | ketnap | raw baseline | ratio | unit |',
    '|---|---|--:|--:|--:|---|',
  ];
  for (const [name, entry] of entries) {
    const marks: string[] = [];
    if (dayOf(entry.measuredAt) !== day) marks.push(dayOf(entry.measuredAt));
    const machine = machineText(entry.machine);
    if (machine !== machineText(latest.machine)) {
      if (!others.includes(machine)) others.push(machine);
      marks.push(`machine ${others.indexOf(machine) + 1}`);
    }
    const label = marks.length > 0 ? `${name} (${marks.join(', ')})` : name;
    for (const row of entry.rows) {
      const ratio = row.baseline ? formatRatio(row.ketnap / row.baseline) : '';
      const baseline = row.baseline === undefined ? '' : formatFigure(row.baseline);
      lines.push(`| ${label} | ${row.case} | ${formatFigure(row.ketnap)} | ${baseline} | ${ratio} | ${row.unit} |`);
    }
  }
  if (others.length > 0) lines.push('', `${others.map((machine, i) => `Machine ${i + 1}: ${machine}`).join('; ')}.`);
  const loads = entries.flatMap(([name, { load }]) => (load ? [`${name} ${load[0]} → ${load[1]}`] : []));
  if (loads.length > 0) lines.push('', `Load average (1 min) at each benchmark's start and end: ${loads.join(', ')}.`);
  return lines.join('\n');
}

/** `readme` with the text between its markers replaced by `table`; throws when the markers are missing. */
export function withBenchTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${README_START} … ${README_END}`);
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}

export function machineText(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`;
}

const dayOf = (iso: string) => iso.slice(0, 10);

/** Thousands separated; no decimals from 100 on, one from 10, two below. */
export function formatFigure(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

const formatRatio = (ratio: number) => ratio.toFixed(ratio >= 10 ? 1 : 2);
