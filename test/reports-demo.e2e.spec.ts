import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createVietnamCalendar, daysBetween, type Plan } from '@ketnap/domain';
import { SqliteEventStore } from '@ketnap/event-store';
import { ProjectionDatabase, ProjectionRunner, coreProjections, planOf, quotaUnits } from '@ketnap/projections';
import { DossierService, SystemClock, ReportsService, UnitsReader } from '@ketnap/engine';
import { demoDossiers } from '../apps/cli/src/demo/demo-year';
import { REPO, tempDataDir } from './api-support';

const demo = (dataDir: string) =>
  spawnSync(
    process.execPath,
    ['-r', join(REPO, 'test/support/register-ts.js'), join(REPO, 'apps/cli/src/main.ts'), 'demo'],
    { cwd: REPO, env: { ...process.env, KETNAP_DATA_DIR: dataDir }, encoding: 'utf8' },
  );

describe('ketnap demo', () => {
  let dataDir: string;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads the seed plan, its units and a year of dossiers that fill the reports; a second run appends nothing', async () => {
    dataDir = tempDataDir();
    const first = demo(dataDir);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout).toMatch(/^demo loaded into .*: plan 2024 \(version 1, 17 units\), 36 dossiers\n/);
    const store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
    const head = await store.headPosition();
    expect(demo(dataDir).status).toBe(0);
    expect(await store.headPosition()).toBe(head);

    const pdb = new ProjectionDatabase(join(dataDir, 'projections.db'));
    const runners = coreProjections().map((p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 10 }));
    runners.forEach((r) => r.start());
    await Promise.all(runners.map((r) => r.caughtUp()));
    await Promise.all(runners.map((r) => r.stop()));
    const units = quotaUnits(pdb);
    expect(
      [...units.values()]
        .filter((u) => u.block === 'agency')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['Quân sự xã', 'Trường Mầm non', 'Trường TH&THCS', 'Y tế']);
    expect([...units.values()].filter((u) => u.kind === 'branch' && u.block === 'rural')).toHaveLength(8);
    const branches = [...(await new UnitsReader(store).catalog()).values()].filter((u) => u.kind === 'branch');
    expect(branches.every((u) => (u.officialMembers ?? 0) >= 9)).toBe(true);

    const script = demoDossiers(planOf(pdb, 2024) as Plan);
    expect(
      script.some(
        (d) =>
          d.then?.until === 'decision' &&
          d.then.proposedOn !== undefined &&
          daysBetween(d.then.proposedOn, d.then.decidedOn) > 90,
      ),
    ).toBe(true);
    expect(
      script.some(
        (d) =>
          d.then?.until === 'decision' &&
          d.then.ceremonyOn !== undefined &&
          daysBetween(d.then.decidedOn, d.then.ceremonyOn) > 45,
      ),
    ).toBe(true);
    const reports = new ReportsService(
      pdb,
      new DossierService(store, new SystemClock(), createVietnamCalendar()),
      new UnitsReader(store),
      new SystemClock(),
    );
    const admin = { role: 'admin', unitIds: [] };
    const quota = (await reports.quota(2024, admin))!;
    const admitted = script.filter(
      (d) => d.then?.until === 'decision' && d.then.outcome === 'admitted' && d.then.decidedOn.startsWith('2024'),
    ).length;
    expect(quota.committee.total.actual.admissions).toBe(admitted);
    expect(quota.committee.total.actual.nominations).toBeGreaterThanOrEqual(15);
    expect(
      quota.units.filter((u) => u.total.actual.nominations + u.total.actual.admissions > 0).length,
    ).toBeGreaterThanOrEqual(15);
    expect((await reports.admissions(2024, admin)).total).toBe(admitted);
    pdb.close();
    await store.close();
  }, 60_000);
});
