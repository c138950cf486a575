import type { Progress } from '@ketnap/projections';

/** What the bar shows: a rebuild's progress, or any other pass over the log under a name. */
export type ProgressShown = Pick<Progress, 'projection' | 'position' | 'head' | 'eventsPerSecond' | 'etaSeconds'>;

const WIDTH = 24;
const n = (value: number) => value.toLocaleString('en-US');

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** `text` cut to `width` characters, an ellipsis marking the cut. */
const cut = (text: string, width: number): string =>
  text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;

/**
 * `dossier-list [##########--------------]  42% 420,000/1,000,000 events  85,210 ev/s  ETA 7 s`, in at
 * most `columns` characters: past that, the read models' names are cut first, then the rate goes, then
 * the bar narrows, then the counts go.
 */
export function formatProgress(p: ProgressShown, columns = Number.POSITIVE_INFINITY): string {
  const fraction = p.head > 0 ? Math.min(1, p.position / p.head) : 1;
  const eta = p.etaSeconds === null ? 'ETA …' : `ETA ${duration(p.etaSeconds)}`;
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const bar = (width: number) => {
    const filled = Math.round(fraction * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  };
  const counts = `${n(p.position)}/${n(p.head)} events`;
  const rate = `  ${n(p.eventsPerSecond)} ev/s`;
  const tails = [
    `${bar(WIDTH)} ${percent} ${counts}${rate}  ${eta}`,
    `${bar(WIDTH)} ${percent} ${counts}  ${eta}`,
    `${bar(10)} ${percent} ${counts}  ${eta}`,
    `${bar(10)} ${percent}  ${eta}`,
  ];
  const full = `${p.projection} ${tails[0]}`;
  if (full.length <= columns) return full;
  const name = (room: number) => cut(p.projection, Math.min(p.projection.length, Math.max(12, room)));
  for (const tail of tails) {
    const line = `${name(columns - tail.length - 1)} ${tail}`;
    if (line.length <= columns) return line;
  }
  return cut(`${name(12)} ${tails.at(-1)!}`, columns);
}

/**
 * A progress bar on stderr: redrawn in place on a terminal, fitted to its width (80 when unknown) so
 * that it never wraps; elsewhere (a pipe, a log file) one whole line per update, at most one a second
 * after the first.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): {
  update(p: ProgressShown): void;
  end(): void;
} {
  let lastLine = 0;
  let drawn = false;
  return {
    update(p) {
      if (stream.isTTY) {
        // One column short of the width: a line that fills the last column wraps on some terminals.
        stream.write(`\r${formatProgress(p, (stream.columns || 80) - 1)}\x1b[K`);
        drawn = true;
      } else if (lastLine === 0 || Date.now() - lastLine >= 1000 || p.position >= p.head) {
        stream.write(`${formatProgress(p)}\n`);
        lastLine = Date.now();
      }
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
      lastLine = 0;
    },
  };
}
