import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createVietnamCalendar, daysBetween, type Plan } from '@ketnap/domain';
import {
  ProjectionDatabase,
  ProjectionRunner,
  coreProjections,
  planOf,
  quotaUnits,
  type QuotaReport,
  type QuotaRollUp,
  type QuotaRow,
} from '@ketnap/projections';
import { testColumnCipher } from '@ketnap/projections/testing';
import { DossierService, SystemClock, ReportsService, UnitsReader, type AdmissionsRollUp } from '@ketnap/engine';
import { demoDossiers } from '../apps/cli/src/demo/demo-year';
import { SECOND_EXTRAS, SECOND_SEED, SECOND_UNITS } from '../apps/cli/src/demo/second-commune';
import { AUTH_SECRET, call, tempDataDir, tokenFor } from './api-support';
import { startApp } from './support/app-process';
import { loadDemo } from './support/demo';
import { eventStoreOf } from './support/e2e-store';

const HUYEN = 'huyen-uy-huu-lung';
const DONG_TIEN = 'dang-uy-xa-dong-tien';
const HOA_SON = 'dang-uy-xa-hoa-son';

/** The last working day before Tết 2025, 17:00 in Hà Nội: the end of the demo's synthetic year. */
const DEMO_NOW = '2025-01-24T10:00:00.000Z';

type Deadline = { dueOn: string; status: string; breachedOn?: string; workingDaysLate?: number };

/** The server started on `dataDir` (`npm start`), as an office would query it: breached deadlines and cases. */
async function whatTheServerShows(dataDir: string, env: Record<string, string> = {}) {
  const app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET, ...env }, 30_000);
  try {
    const token = await tokenFor('admin');
    const read = async () => ({
      deadlines: (await call(app.baseUrl, 'GET', '/api/v1/deadlines?status=breached', { token })).body
        .items as Deadline[],
      cases: (await call(app.baseUrl, 'GET', '/api/v1/inspection/cases', { token })).body.items as unknown[],
    });
    // The read models catch up with the log, and the sweep runs, within a few seconds of the start.
    let shown = await read();
    for (let i = 0; i < 40; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await read();
      if (JSON.stringify(again) === JSON.stringify(shown) && shown.cases.length > 0) break;
      shown = again;
    }
    return { ...shown, log: app.output() };
  } finally {
    await app.stop();
  }
}

describe('ketnap demo', () => {
  let dataDir: string;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads the seed plan, its units and a year of dossiers that fill the reports; a second run appends nothing', async () => {
    dataDir = tempDataDir();
    const first = await loadDemo(dataDir);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout).toMatch(
      /^demo loaded into .*: plan 2024 \(version 1, 17 units\), 36 dossiers\n {2}and Đảng ủy xã Hòa Sơn next to it \(plan of 6 units, 12 dossiers\), both under Huyện ủy Hữu Lũng, whose reports roll them up\n/,
    );
    expect(first.stdout).toContain("\n  the demo's clock: 2025-01-24 17:00, the end of its synthetic year;");
    expect(first.stdout).toContain('\n  next: npm start, then TOKEN=$(npx ketnap token --sub me --role admin) and ');
    const store = await eventStoreOf(dataDir);
    const head = await store.headPosition();
    const second = await loadDemo(dataDir);
    expect(second.status).toBe(0);
    expect(second.stdout.split('\n')[0]).toBe(
      `the demo was already loaded into ${dataDir}: nothing added (plan 2024 version 1, 36 dossiers)`,
    );
    expect(await store.headPosition()).toBe(head);

    const pdb = await ProjectionDatabase.openSqlite(join(dataDir, 'projections.db'));
    const runners = coreProjections(testColumnCipher()).map(
      (p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 10 }),
    );
    runners.forEach((r) => r.start());
    await Promise.all(runners.map((r) => r.caughtUp()));
    await Promise.all(runners.map((r) => r.stop()));
    // Đồng Tiến and Hòa Sơn, both under Huyện ủy Hữu Lũng.
    const catalog = [...(await new UnitsReader(store).catalog()).values()];
    expect(
      catalog.filter((u) => u.kind !== 'branch' && u.kind !== 'mass-org').map((u) => [u.unitId, u.kind, u.parentId]),
    ).toEqual(
      expect.arrayContaining([
        [HUYEN, 'higher-committee', undefined],
        [DONG_TIEN, 'party-committee', HUYEN],
        [HOA_SON, 'party-committee', HUYEN],
      ]),
    );
    const units = await quotaUnits(pdb);
    const unitsOf = (committeeId: string) =>
      catalog.filter((u) => u.parentId === committeeId).map((u) => units.get(u.unitId)!);
    expect(
      unitsOf(DONG_TIEN)
        .filter((u) => u.block === 'agency')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['Quân sự xã', 'Trường Mầm non', 'Trường TH&THCS', 'Y tế']);
    expect(unitsOf(DONG_TIEN).filter((u) => u.kind === 'branch' && u.block === 'rural')).toHaveLength(8);
    expect(
      unitsOf(HOA_SON)
        .map((u) => `${u.kind} ${u.block ?? '-'}`)
        .sort(),
    ).toEqual(['branch agency', 'branch rural', 'branch rural', 'branch rural', 'mass-org -', 'mass-org -']);
    const branches = catalog.filter((u) => u.kind === 'branch');
    expect(branches).toHaveLength(12 + 4);
    expect(branches.every((u) => (u.officialMembers ?? 0) >= 9)).toBe(true);

    const script = demoDossiers((await planOf(pdb, 2024, DONG_TIEN)) as Plan);
    const secondPlan = (await planOf(pdb, 2024, HOA_SON)) as Plan;
    expect(secondPlan.units).toHaveLength(6);
    const secondScript = demoDossiers(secondPlan, SECOND_SEED, SECOND_EXTRAS);
    expect(secondScript).toHaveLength(12);
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
      testColumnCipher(),
      new DossierService(store, new SystemClock(), createVietnamCalendar()),
      new UnitsReader(store),
      new SystemClock(),
    );
    const admin = { role: 'admin', unitIds: [] };
    const admittedIn = (dossiers: typeof script) =>
      dossiers.filter(
        (d) => d.then?.until === 'decision' && d.then.outcome === 'admitted' && d.then.decidedOn.startsWith('2024'),
      ).length;
    const admitted = admittedIn(script);
    const secondAdmitted = admittedIn(secondScript);
    expect(secondAdmitted).toBeGreaterThan(0);
    const quota = (await reports.committeeQuota(DONG_TIEN, 2024, admin)) as QuotaReport;
    expect(quota.committee.total.actual.admissions).toBe(admitted);
    expect(quota.committee.total.actual.nominations).toBeGreaterThanOrEqual(15);
    expect(
      quota.units.filter((u) => u.total.actual.nominations + u.total.actual.admissions > 0).length,
    ).toBeGreaterThanOrEqual(15);
    expect((await reports.committeeAdmissions(DONG_TIEN, 2024, admin)).total).toBe(admitted);
    const hoaSon = (await reports.committeeQuota(HOA_SON, 2024, admin)) as QuotaReport;
    expect(hoaSon.committee.total.actual.admissions).toBe(secondAdmitted);
    expect(hoaSon.committee.total.actual.nominations).toBeGreaterThan(0);
    expect(hoaSon.units.map((u) => u.unitId).sort()).toEqual(SECOND_UNITS.map((u) => u.unitId).sort());

    // The roll-up: a row per commune (the sum of its unit rows), then their sum.
    const rollUp = (await reports.committeeQuota(HUYEN, 2024, admin)) as QuotaRollUp;
    expect(rollUp.committees.map((c) => [c.unitId, c.inPlan, c.units])).toEqual([
      [DONG_TIEN, true, 17],
      [HOA_SON, true, 6],
    ]);
    const sumOf = (rows: QuotaRow[]) =>
      [0, 1, 2, 3].map((q) => ({
        target: {
          nominations: rows.reduce((sum, r) => sum + r.quarters[q].target.nominations, 0),
          admissions: rows.reduce((sum, r) => sum + r.quarters[q].target.admissions, 0),
        },
        actual: {
          nominations: rows.reduce((sum, r) => sum + r.quarters[q].actual.nominations, 0),
          admissions: rows.reduce((sum, r) => sum + r.quarters[q].actual.admissions, 0),
        },
      }));
    const figures = (row: QuotaRow) => row.quarters.map(({ target, actual }) => ({ target, actual }));
    expect(figures(rollUp.committees[0])).toEqual(sumOf(quota.units));
    expect(figures(rollUp.committees[1])).toEqual(sumOf(hoaSon.units));
    expect(figures(rollUp.total)).toEqual(sumOf(rollUp.committees));
    expect(rollUp.total.total.actual.admissions).toBeGreaterThan(rollUp.committees[0].total.actual.admissions);
    const admissions = (await reports.committeeAdmissions(HUYEN, 2024, admin)) as AdmissionsRollUp;
    expect(admissions.committees.map((c) => [c.unitId, c.total])).toEqual([
      [DONG_TIEN, admitted],
      [HOA_SON, secondAdmitted],
    ]);
    expect(admissions.total.total).toBe(admitted + secondAdmitted);
    await pdb.close();
    await store.close();
  }, 60_000);

  it('is judged at the end of its synthetic year, by the server started on its data dir too, stable on a second run', async () => {
    // dataDir: the demo loaded by the test above, run twice.
    expect(JSON.parse(readFileSync(join(dataDir, 'demo-clock.json'), 'utf8'))).toEqual({
      year: 2024,
      now: '2025-01-24T17:00:00+07:00',
    });
    const shown = await whatTheServerShows(dataDir);
    expect(shown.log).toContain(`demo data dir: the manual clock starts at ${DEMO_NOW}, the end of the demo's year`);
    const calendar = createVietnamCalendar();
    expect(shown.deadlines.length).toBeGreaterThan(0);
    for (const d of shown.deadlines) {
      expect(d.breachedOn! <= '2025-01-24').toBe(true);
      // Late by at most the working days from its due date to the demo's today, not to the real today.
      expect(d.workingDaysLate).toBeLessThanOrEqual(calendar.workingDaysBetween(d.dueOn, '2025-01-24'));
    }
    expect(Math.max(...shown.deadlines.map((d) => d.workingDaysLate ?? 0))).toBeLessThan(250);
    expect(shown.cases.length).toBeGreaterThan(0);

    expect((await loadDemo(dataDir)).status).toBe(0);
    const again = await whatTheServerShows(dataDir);
    expect({ deadlines: again.deadlines, cases: again.cases }).toEqual({
      deadlines: shown.deadlines,
      cases: shown.cases,
    });

    // KETNAP_CLOCK set by hand wins: today's date, and no demo line.
    const today = await whatTheServerShows(dataDir, { KETNAP_CLOCK: 'system' });
    expect(today.log).not.toContain('demo data dir');
    expect(Math.max(...today.deadlines.map((d) => d.workingDaysLate ?? 0))).toBeGreaterThan(300);
  }, 180_000);

  it('refuses a data dir that holds data not its own, adding nothing', async () => {
    const other = tempDataDir();
    try {
      const store = await eventStoreOf(other);
      await store.append('units', [{ type: 'StepRecorded', data: { step: 1 } }], { expectedVersion: 'any' });
      const run = await loadDemo(other);
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
        status: 1,
        stdout: '',
        stderr: `ketnap: ${other} already holds data that is not the demo's: load the demo into a fresh KETNAP_DATA_DIR\n`,
      });
      expect(await store.headPosition()).toBe(1);
      await store.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});
