import type { Progress } from '@ketnap/projections';

const WIDTH = 24;
const n = (value: number) => value.toLocaleString('en-US');

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** `dossier-list [##########--------------]  42% 420,000/1,000,000 events  85,210 ev/s  ETA 7 s` */
export function formatProgress(p: Progress): string {
  const fraction = p.head > 0 ? Math.min(1, p.position / p.head) : 1;
  const filled = Math.round(fraction * WIDTH);
  const eta = p.etaSeconds === null ? 'ETA …' : `ETA ${duration(p.etaSeconds)}`;
  return `${p.projection} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${n(p.position)}/${n(p.head)} events  ${n(p.eventsPerSecond)} ev/s  ${eta}`;
}

/**
 * A progress bar on stderr: redrawn in place on a terminal; elsewhere (a pipe, a log file) one line
 * per update, at most one a second after the first.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): { update(p: Progress): void; end(): void } {
  let lastLine = 0;
  let drawn = false;
  return {
    update(p) {
      if (stream.isTTY) {
        stream.write(`\r${formatProgress(p)}\x1b[K`);
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
