import { formatProgress, progressLine } from './progress-line';

const progress = {
  projection: 'dossier-list',
  generation: 2,
  position: 420_000,
  head: 1_000_000,
  events: 420_000,
  eventsPerSecond: 85_210,
  etaSeconds: 6.8,
};

describe('rebuild progress line', () => {
  it('shows the bar, the share done, events/s and the time left', () => {
    expect(formatProgress(progress)).toBe(
      'dossier-list [##########--------------]  42% 420,000/1,000,000 events  85,210 ev/s  ETA 7 s',
    );
    expect(formatProgress({ ...progress, position: 1_000_000, etaSeconds: 0 })).toContain(
      '[########################] 100%',
    );
    expect(formatProgress({ ...progress, etaSeconds: 125 })).toContain('ETA 2 min 05 s');
    expect(formatProgress({ ...progress, eventsPerSecond: 0, etaSeconds: null })).toContain('0 ev/s  ETA …');
  });

  it('redraws in place on a terminal and writes whole lines, at most one a second, elsewhere', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) =>
      ({ isTTY, write: (text: string) => written.push(text) }) as unknown as NodeJS.WriteStream;
    const tty = progressLine(stream(true));
    tty.update(progress);
    tty.end();
    expect(written).toEqual([`\r${formatProgress(progress, 79)}\x1b[K`, '\n']);
    written.length = 0;
    const pipe = progressLine(stream(false));
    pipe.update(progress);
    pipe.update({ ...progress, position: 500_000 });
    pipe.update({ ...progress, position: 1_000_000 });
    expect(written).toEqual([
      `${formatProgress(progress)}\n`,
      `${formatProgress({ ...progress, position: 1_000_000 })}\n`,
    ]);
  });

  it('fits the terminal: every read model rebuilt at once still draws within 80 columns', () => {
    const all = { ...progress, projection: 'dossier-list, quota, inspection-cases, deadlines, admissions, access-log' };
    expect(formatProgress(all).length).toBeGreaterThan(120);
    const written: string[] = [];
    const terminal = (columns: number | undefined) =>
      ({ isTTY: true, columns, write: (text: string) => written.push(text) }) as unknown as NodeJS.WriteStream;
    for (const columns of [undefined, 80, 60, 40]) {
      written.length = 0;
      progressLine(terminal(columns)).update(all);
      const drawn = written[0].replace(/^\r/, '').replace(/\x1b\[K$/, '');
      expect(drawn.length).toBeLessThan(columns ?? 80);
      expect(drawn).toMatch(/ 42% /);
    }
    expect(formatProgress(all, 79)).toBe(
      'dossier-list… [##########--------------]  42% 420,000/1,000,000 events  ETA 7 s',
    );
    expect(formatProgress(progress, 79)).toBe(
      'dossier-list [##########--------------]  42% 420,000/1,000,000 events  ETA 7 s',
    );
  });
});
