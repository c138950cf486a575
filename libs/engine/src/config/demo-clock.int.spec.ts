import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { writeDemoClock } from './demo-clock';
import { projectFolder } from './project-folder';

describe('the default data dir and the demo clock (loadConfig)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ketnap-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("defaults the data dir to data/ in ketnap's own folder, whatever the working directory", () => {
    expect(loadConfig({}).dataDir).toBe(join(projectFolder(), 'data'));
    expect(projectFolder()).toBe(join(__dirname, '..', '..', '..', '..'));
  });

  it('runs the manual clock from a demo data dir, unless KETNAP_CLOCK says otherwise', () => {
    expect(loadConfig({ KETNAP_DATA_DIR: dataDir })).toMatchObject({ clock: 'system' });
    expect(loadConfig({ KETNAP_DATA_DIR: dataDir })).not.toHaveProperty('demoClockFile');
    writeDemoClock(dataDir, { year: 2024, now: '2025-01-24T17:00:00+07:00' });
    const demo = loadConfig({ KETNAP_DATA_DIR: dataDir });
    expect(demo).toMatchObject({ clock: 'manual', demoClockFile: join(dataDir, 'demo-clock.json') });
    expect(demo.startAt?.toISOString()).toBe('2025-01-24T10:00:00.000Z');
    expect(loadConfig({ KETNAP_DATA_DIR: dataDir, KETNAP_CLOCK: 'system' })).toMatchObject({ clock: 'system' });
    const manual = loadConfig({
      KETNAP_DATA_DIR: dataDir,
      KETNAP_CLOCK: 'manual',
      KETNAP_START_AT: '2026-03-02T08:00:00+07:00',
    });
    expect(manual.startAt?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(manual).not.toHaveProperty('demoClockFile');
  });

  it('refuses a demo clock file it cannot read, naming it', () => {
    writeFileSync(join(dataDir, 'demo-clock.json'), '{"year": 2024}');
    expect(() => loadConfig({ KETNAP_DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(() => loadConfig({ KETNAP_DATA_DIR: dataDir })).toThrow(
      `KETNAP_DATA_DIR: ${join(dataDir, 'demo-clock.json')}: not a demo clock`,
    );
  });
});
