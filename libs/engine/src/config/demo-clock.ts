import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file that marks a data dir as the demo's (`ketnap demo`), holding the instant its clock shows. */
const DEMO_CLOCK_FILE = 'demo-clock.json';

/** A demo data dir's clock: the manual clock's instant, at the end of the demo's synthetic year. */
export interface DemoClock {
  /** The demo's plan year. */
  year: number;
  /** ISO 8601 instant the manual clock starts at on this data dir. */
  now: string;
}

export const demoClockPath = (dataDir: string): string => join(dataDir, DEMO_CLOCK_FILE);

/**
 * The clock recorded by `ketnap demo` in `dataDir`, or `undefined` when it is not a demo data dir.
 * @throws Error naming the file when it is there but unreadable.
 */
export function readDemoClock(dataDir: string): DemoClock | undefined {
  const file = demoClockPath(dataDir);
  if (!existsSync(file)) return undefined;
  let clock: Partial<DemoClock>;
  try {
    clock = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoClock>;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (typeof clock.now !== 'string' || Number.isNaN(Date.parse(clock.now)) || typeof clock.year !== 'number')
    throw new Error(`${file}: not a demo clock ({ "year": 2024, "now": "<ISO 8601 instant>" })`);
  return { year: clock.year, now: clock.now };
}

/** Marks `dataDir` as the demo's: a server started on it runs its manual clock from `clock.now`. */
export function writeDemoClock(dataDir: string, clock: DemoClock): void {
  writeFileSync(demoClockPath(dataDir), `${JSON.stringify(clock, null, 2)}\n`, { mode: 0o600 });
}
