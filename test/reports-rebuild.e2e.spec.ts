import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, type ColumnCipher } from '@ketnap/event-store';
import { loadConfig, openPersonalKeyring, readModelsCipher } from '@ketnap/engine';
import { createVietnamCalendar } from '@ketnap/domain';
import {
  DEADLINES_PROJECTION,
  ProjectionDatabase,
  ProjectionRunner,
  coreProjections,
  deadlinesProjection,
  inspectionCasesProjection,
} from '@ketnap/projections';
import { dumpActive, dumpGeneration, writeSyntheticLog } from '@ketnap/projections/testing';
import { REPO, tempDataDir } from './api-support';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `ketnap projections rebuild …` in a child process; `killOn` sends SIGKILL when a stderr line matches it. */
function rebuild(dataDir: string, args: string[], killOn?: RegExp): Promise<Run> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      join(REPO, 'test/support/register-ts.js'),
      join(REPO, 'apps/cli/src/main.ts'),
      'projections',
      'rebuild',
      ...args,
    ],
    {
      env: { ...process.env, KETNAP_DATA_DIR: dataDir, NO_COLOR: '1', KETNAP_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const run: Run = { code: null, signal: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (run.stdout += chunk));
  child.stderr.on('data', (chunk) => {
    run.stderr += chunk;
    if (killOn?.test(run.stderr)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ ...run, code, signal })));
}

describe('ketnap projections rebuild', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let pdb: ProjectionDatabase;
  /** The cipher `ketnap projections rebuild` seals with: the read models' key in the data dir's key table. */
  let cipher: ColumnCipher;

  beforeAll(async () => {
    dataDir = tempDataDir();
    const { keyring, database } = await openPersonalKeyring(loadConfig({ ...process.env, KETNAP_DATA_DIR: dataDir }));
    cipher = await readModelsCipher(keyring);
    await database.close();
    store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
    pdb = await ProjectionDatabase.openSqlite(join(dataDir, 'projections.db'));
    await writeSyntheticLog(store, { dossiers: 1500, seed: 11 });
  }, 60_000);
  afterAll(async () => {
    await pdb.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('killed with SIGKILL half-way, resumes on the next run and ends identical to the live read model, while a runner follows the log', async () => {
    const runners = coreProjections(cipher).map((p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 20 }));
    runners.forEach((r) => r.start());
    await Promise.all(runners.map((r) => r.caughtUp()));
    const head = await store.headPosition();
    const live = await dumpActive(pdb, ['dossier-list']);

    const killed = await rebuild(dataDir, ['dossier-list', '--batch-size', '100'], /dossier-list \[/);
    expect(killed.signal).toBe('SIGKILL');
    const building = (await pdb.generations('dossier-list')).find((g) => g.status === 'building')!;
    expect(building.generation).toBe(2);
    expect(building.position).toBeGreaterThan(0);
    expect(building.position).toBeLessThan(head);
    expect((await pdb.active('dossier-list'))!.generation).toBe(1);

    const resumed = await rebuild(dataDir, ['dossier-list', '--batch-size', '100']);
    expect(resumed).toMatchObject({ code: 0, signal: null });
    expect(resumed.stdout).toContain(
      `dossier-list: resuming generation 2 at position ${building.position.toLocaleString('en-US')}`,
    );
    expect(resumed.stdout).toContain(
      `dossier-list: generation 2 active at position ${head.toLocaleString('en-US')} (${head.toLocaleString('en-US')} events`,
    );
    expect(resumed.stderr).toMatch(/dossier-list \[#+\] 100% [\d,]+\/[\d,]+ events {2}[\d,]+ ev\/s {2}ETA 0 s/);
    expect((await pdb.generations('dossier-list')).map((g) => [g.generation, g.status])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    expect(await dumpActive(pdb, ['dossier-list'])).toEqual(live);

    const nomination = {
      branchId: 'mo-am',
      nominatedBy: 'mo-am',
      nominatedOn: '2024-12-30',
      personal: {
        fullName: 'Mã Văn Mới',
        birthDate: '1990-01-01',
        gender: 'male',
        ethnicity: 'Tày',
        educationLevel: 'college',
      },
      ruleSet: 'qd24-2021',
    };
    await store.append(
      'dossier-00000000-0000-4000-8000-00000000ffff',
      [{ type: 'CandidateNominated', data: nomination }],
      { expectedVersion: 'no-stream' },
    );
    await Promise.all(runners.map((r) => r.caughtUp()));
    await Promise.all(runners.map((r) => r.stop()));
    expect((await dumpActive(pdb, ['dossier-list']))['dossier-list'].dossiers).toHaveLength(
      (live['dossier-list'].dossiers.length as number) + 1,
    );
  }, 120_000);

  it('the deadlines board, killed while its dossiers are in memory only, resumes by reading the log again and ends identical to the live board', async () => {
    const runner = new ProjectionRunner(
      store,
      pdb,
      deadlinesProjection({ calendar: createVietnamCalendar(), reminderDays: [10, 3] }),
      { pollIntervalMs: 20 },
    );
    runner.start();
    await runner.caughtUp();
    await runner.stop();
    const head = await store.headPosition();
    const live = await dumpActive(pdb, [DEADLINES_PROJECTION]);
    expect(live[DEADLINES_PROJECTION].deadlines.length).toBeGreaterThan(1000);

    const killed = await rebuild(dataDir, [DEADLINES_PROJECTION, '--batch-size', '100'], /deadlines \[/);
    expect(killed.signal).toBe('SIGKILL');
    const building = (await pdb.generations(DEADLINES_PROJECTION)).find((g) => g.status === 'building')!;
    expect(building.position).toBeGreaterThan(0);
    expect(building.position).toBeLessThan(head);
    // Nothing of the dossiers folded so far was written: the next run must read those events again.
    expect(await dumpGeneration(pdb, DEADLINES_PROJECTION, building.generation)).toMatchObject({
      dossiers: [],
      deadlines: [],
      replay: [{ id: 1, after: 'start' }],
    });

    const resumed = await rebuild(dataDir, [DEADLINES_PROJECTION, '--batch-size', '100']);
    expect(resumed).toMatchObject({ code: 0, signal: null });
    expect(resumed.stdout).toContain(
      `deadlines: resuming generation ${building.generation} at position ${building.position.toLocaleString('en-US')}`,
    );
    expect((await pdb.active(DEADLINES_PROJECTION))!.generation).toBe(building.generation);
    expect(await dumpActive(pdb, [DEADLINES_PROJECTION])).toEqual(live);
  }, 120_000);

  it('all six in one pass, killed with SIGKILL while what they hold is in memory only, resume together and end identical to the live read models', async () => {
    const six = [
      ...coreProjections(cipher),
      deadlinesProjection({ calendar: createVietnamCalendar(), reminderDays: [10, 3] }),
      inspectionCasesProjection(cipher),
    ];
    const names = six.map((p) => p.name);
    const runners = six.map((p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 20 }));
    runners.forEach((r) => r.start());
    await Promise.all(runners.map((r) => r.caughtUp()));
    await Promise.all(runners.map((r) => r.stop()));
    const head = await store.headPosition();
    const live = await dumpActive(pdb, names);
    const active = new Map<string, number>();
    for (const name of names) active.set(name, (await pdb.active(name))!.generation);

    const killed = await rebuild(dataDir, ['--batch-size', '100', '--threads', '1'], /\] +\d+% /);
    expect(killed.signal).toBe('SIGKILL');
    for (const name of names) {
      const building = (await pdb.generations(name)).find((g) => g.status === 'building')!;
      expect([name, building.position > 0 && building.position < head]).toEqual([name, true]);
      // The five kept per dossier wrote nothing yet: their replay point is the start of the log.
      if (name !== 'inspection-cases')
        expect([name, (await dumpGeneration(pdb, name, building.generation)).replay]).toEqual([
          name,
          [{ id: 1, after: 'start' }],
        ]);
    }

    const resumed = await rebuild(dataDir, ['--batch-size', '100', '--threads', '1']);
    expect(resumed).toMatchObject({ code: 0, signal: null });
    for (const name of names)
      expect([name, (await pdb.active(name))!.generation]).toEqual([name, active.get(name)! + 1]);
    expect(await dumpActive(pdb, names)).toEqual(live);
  }, 120_000);

  it('on two threads, each rebuilding some of the read models, killed with SIGKILL, resumes and ends identical to the live read models', async () => {
    const names = (
      await pdb.sql.all<{ name: string }>("SELECT name FROM projection_generations WHERE status = 'active'")
    )
      .map((g) => g.name)
      .sort();
    expect(names.length).toBeGreaterThanOrEqual(6);
    const live = await dumpActive(pdb, names);
    const active = new Map<string, number>();
    for (const name of names) active.set(name, (await pdb.active(name))!.generation);

    const killed = await rebuild(dataDir, ['--batch-size', '100', '--threads', '2'], /\] +\d+% /);
    expect(killed.signal).toBe('SIGKILL');
    // A thread that finished before the kill swapped its read models in; the other's are left building.
    const building = new Map<string, number>();
    for (const name of names) {
      const left = (await pdb.generations(name)).find((g) => g.status === 'building');
      if (left) building.set(name, left.generation);
    }
    expect(building.size).toBeGreaterThan(0);

    const resumed = await rebuild(dataDir, ['--batch-size', '100', '--threads', '2']);
    expect(resumed).toMatchObject({ code: 0, signal: null });
    for (const name of names) {
      const generation = (await pdb.active(name))!.generation;
      if (building.has(name)) {
        expect(resumed.stdout).toContain(`${name}: resuming generation ${building.get(name)}`);
        expect([name, generation]).toEqual([name, building.get(name)]);
      } else expect([name, generation > active.get(name)!]).toEqual([name, true]);
    }
    expect(await dumpActive(pdb, names)).toEqual(live);
  }, 120_000);
});
