import { decodeEvent } from '@ketnap/domain';
import type { SqlDatabase, SqliteEventStore } from '@ketnap/event-store';
import { describeWithService } from '../../../../test/support/services';
import { calendar } from '@ketnap/domain/testing';
import type { Projection } from '../projection';
import type { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionRunner } from '../runner/projection-runner';
import { rebuildProjections } from '../runner/rebuild-projections';
import { dumpActive, dumpGeneration, tempLogAndProjections, testColumnCipher } from '../testing/read-model-testing';
import { writeSyntheticLog } from '../testing/synthetic-log';
import { DEADLINES_PROJECTION, deadlinesProjection, type DeadlinesProjectionOptions } from './deadlines.projection';
import { ADMISSIONS, admissionsProjection } from './admissions/admissions.projection';
import { DOSSIER_LIST, dossierListProjection } from './dossier-list/dossier-list.projection';
import { PIPELINE, pipelineProjection } from './pipeline/pipeline.projection';
import { QUOTA, quotaProjection } from './quota/quota.projection';
import type { HeldDossiersTuning } from './held-dossiers';

/** Runs `write` while a live runner of `projection` follows the log; its tables once caught up. */
async function followedLive(
  store: SqliteEventStore,
  pdb: ProjectionDatabase,
  projection: Projection,
  write: () => Promise<void>,
): Promise<Record<string, unknown[]>> {
  const runner = new ProjectionRunner(store, pdb, projection, { pollIntervalMs: 5, batchSize: 97 });
  runner.start();
  await write();
  await runner.caughtUp();
  await runner.stop();
  return (await dumpActive(pdb, [projection.name]))[projection.name];
}

/** The indexes of a table but its primary key's, by name. */
async function indexNames(sql: SqlDatabase, table: string): Promise<string[]> {
  const rows = await sql.all<{ name: string }>(
    sql.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%' ORDER BY name"
      : "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ? AND indexname NOT LIKE '%_pkey' ORDER BY indexname",
    [table],
  );
  return rows.map((r) => r.name);
}

/**
 * A page with one withdrawal of the dossier (at stream version `version + 1`, log position `position`),
 * and `rollBack`, which applies it to the projection's active generation in one transaction with a
 * read model that fails: everything must roll back.
 */
async function withdrawalPage(
  store: SqliteEventStore,
  pdb: ProjectionDatabase,
  projection: Projection,
  dossierId: string,
  version: number,
  position: number,
) {
  const [first] = await store.readStream(`dossier-${dossierId}`, { fromVersion: 1, toVersion: 1 });
  const withdrawal = decodeEvent({
    ...first,
    globalPosition: position,
    streamVersion: version + 1,
    type: 'CandidateWithdrawn',
    data: { withdrawnOn: '2024-12-30', reason: 'Chuyển công tác', ruleSet: 'qd24-2021' },
  });
  const broken: Projection = {
    name: 'broken',
    version: 1,
    create: async () => undefined,
    apply: () => Promise.reject(new Error('constraint failed')),
  };
  const brokenGeneration = (await pdb.createGeneration(broken, 'active')).generation;
  const generation = (await pdb.active(projection.name))!.generation;
  const rollBack = () =>
    pdb.applyPages(
      [
        { projection, generation, events: [withdrawal] },
        { projection: broken, generation: brokenGeneration, events: [withdrawal] },
      ],
      String(position),
    );
  return { withdrawal, generation, rollBack };
}

/**
 * The board keeps folded dossiers in memory while a rebuild builds it and writes each once; these
 * tests hold it to the live board (which writes every page) through evictions, the replay window,
 * stops, a lost memory (a new process) and a failed page.
 */
function heldDossiersSpecs(postgresUrl?: string): void {
  describe('rebuilding the deadlines board', () => {
    let remove: () => Promise<void>;
    let store: SqliteEventStore;
    let pdb: ProjectionDatabase;
    let live: Record<string, unknown[]>;
    let events: number;
    const board = (o: Partial<DeadlinesProjectionOptions> = {}) =>
      deadlinesProjection({ calendar, reminderDays: [10, 3], ...o });
    const building = async () => (await pdb.generations(DEADLINES_PROJECTION)).find((g) => g.status === 'building');
    const replayPoint = async (generation: number) =>
      (await dumpGeneration(pdb, DEADLINES_PROJECTION, generation)).replay;
    /** The query indexes of the active generation (a building one gets them when it is swapped in). */
    const queryIndexes = async () => {
      const t = await pdb.tables(DEADLINES_PROJECTION);
      const names = [...(await indexNames(pdb.sql, t('deadlines'))), ...(await indexNames(pdb.sql, t('reminders')))];
      return names.filter((n) => n === t('deadlines_due') || n === t('reminders_on')).length;
    };

    beforeAll(async () => {
      ({ store, pdb, remove } = await tempLogAndProjections('ketnap-deadlines-rebuild-', postgresUrl));
      live = await followedLive(store, pdb, board({ cachedDossiers: 25 }), async () => {
        events = await writeSyntheticLog(store, { dossiers: 240, seed: 5 });
        await store.append('notifications', [{ type: 'ReminderSent', data: { id: 'r-1' } }], {
          expectedVersion: 'any',
        });
        events += 1;
      });
    }, 60_000);
    afterAll(() => remove());

    it('the live board holds every dossier, with open and met obligations and the reminder sent', async () => {
      expect(events).toBeGreaterThan(4000);
      expect(live.dossiers).toHaveLength(240);
      const statuses = new Set(live.deadlines.map((r) => (r as { status: string }).status));
      expect([...statuses]).toEqual(expect.arrayContaining(['met', 'open']));
      expect(live.reminders.length).toBeGreaterThan(0);
      expect(live.reminders_sent).toEqual([{ reminder_id: 'r-1' }]);
      expect(live.replay).toEqual([]);
      expect(await queryIndexes()).toBe(2);
    });

    it.each([
      ['everything in memory', {}],
      ['dossiers leaving memory (10 kept)', { cachedDossiers: 10 }],
      ['states written after 300 events (replay window)', { replayWindow: 300 }],
    ])('gives the live tables, with %s', async (_, options) => {
      await rebuildProjections(store, pdb, [board(options)], { batchSize: 211 });
      expect((await dumpActive(pdb, [DEADLINES_PROJECTION]))[DEADLINES_PROJECTION]).toEqual(live);
      expect(await queryIndexes()).toBe(2);
    });

    it('stopped half-way with dossiers in memory only, resumes in a new process (memory lost) by applying the log again from the oldest', async () => {
      let pages = 0;
      await rebuildProjections(store, pdb, [board({ cachedDossiers: 60 })], {
        batchSize: 300,
        stopped: () => (pages += 1) === 5,
      });
      const stoppedAt = (await building())!;
      expect(stoppedAt.position).toBe(1500);
      expect(await replayPoint(stoppedAt.generation)).toHaveLength(1);

      await rebuildProjections(store, pdb, [board({ cachedDossiers: 60 })], { batchSize: 300 });
      expect(await building()).toBeUndefined();
      expect((await pdb.active(DEADLINES_PROJECTION))!.generation).toBe(stoppedAt.generation);
      expect((await dumpActive(pdb, [DEADLINES_PROJECTION]))[DEADLINES_PROJECTION]).toEqual(live);
    });

    it('after a page that failed and rolled back, the same process resumes from the tables, not from what its memory held', async () => {
      const projection = board({ cachedDossiers: 60 });
      let failing = true;
      const failsOnThirdPage: Projection = {
        name: 'fails-once',
        version: 1,
        create: ({ sql, table }) => sql.exec(`CREATE TABLE ${table('seen')} (n INTEGER)`),
        apply: async ({ sql, table }) => {
          const { n } = (await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table('seen')}`))!;
          if (failing && n === 2) throw new Error('disk full');
          await sql.run(`INSERT INTO ${table('seen')} VALUES (?)`, [n]);
        },
      };
      await expect(rebuildProjections(store, pdb, [projection, failsOnThirdPage], { batchSize: 400 })).rejects.toThrow(
        'disk full',
      );
      const failedAt = (await building())!;
      expect(failedAt.position).toBe(800);
      failing = false;
      await rebuildProjections(store, pdb, [projection, failsOnThirdPage], { batchSize: 400 });
      expect((await pdb.active(DEADLINES_PROJECTION))!.generation).toBe(failedAt.generation);
      expect((await dumpActive(pdb, [DEADLINES_PROJECTION]))[DEADLINES_PROJECTION]).toEqual(live);
    });

    it('live, a page rolled back in the same transaction as another read model leaves no trace in what the board remembers', async () => {
      const projection = board();
      const before = await dumpGeneration(
        pdb,
        DEADLINES_PROJECTION,
        (await pdb.active(DEADLINES_PROJECTION))!.generation,
      );
      const { dossier_id: dossierId, version } = before.dossiers[0] as { dossier_id: string; version: number };
      const { withdrawal, generation, rollBack } = await withdrawalPage(
        store,
        pdb,
        projection,
        dossierId,
        version,
        events + 1,
      );
      // The board folds the withdrawal in memory, then the other read model fails: all of it rolls back.
      await pdb.load(projection, generation, [withdrawal], store);
      await expect(rollBack()).rejects.toThrow('constraint failed');
      expect(await dumpGeneration(pdb, DEADLINES_PROJECTION, generation)).toEqual(before);
      // The same page again starts from the table's version, not from the rolled-back memory (which would skip it).
      await pdb.load(projection, generation, [withdrawal], store);
      await pdb.applyPage(projection, generation, [withdrawal], String(events + 1));
      const after = (await dumpGeneration(pdb, DEADLINES_PROJECTION, generation)).dossiers.find(
        (d) => (d as { dossier_id: string }).dossier_id === dossierId,
      );
      expect(after).toEqual({ dossier_id: dossierId, version: version + 1 });
    });

    it('refuses a page whose dossiers were not loaded first, and changes nothing', async () => {
      const generation = (await pdb.active(DEADLINES_PROJECTION))!.generation;
      const before = await dumpGeneration(pdb, DEADLINES_PROJECTION, generation);
      const [first] = await store.readStream(
        (before.dossiers[0] as { dossier_id: string }).dossier_id.replace(/^/, 'dossier-'),
        { toVersion: 1 },
      );
      const stranger = decodeEvent({
        ...first,
        streamId: 'dossier-00000000-0000-4000-8000-0000000fffff',
        globalPosition: events + 2,
      });
      await expect(pdb.applyPage(board(), generation, [stranger], String(events + 2))).rejects.toThrow(
        'was not loaded before its page',
      );
      expect(await dumpGeneration(pdb, DEADLINES_PROJECTION, generation)).toEqual(before);
    });
  });

  /**
   * The read models with one row per dossier hold their rows in memory the same way while building
   * (`HeldDossiers.applyRows`), reading an evicted row back from its table instead of folding the
   * stream: each held to its live tables, which read and write their rows on every page.
   */
  describe.each([
    {
      name: DOSSIER_LIST,
      factory: (tuning?: HeldDossiersTuning) => dossierListProjection(testColumnCipher(), tuning),
      rows: 'dossiers',
      indexes: ['by_branch', 'by_nomination'],
    },
    { name: QUOTA, factory: quotaProjection, rows: 'dossiers', indexes: ['by_decision', 'by_nomination'] },
    { name: PIPELINE, factory: pipelineProjection, rows: 'dossiers', indexes: [] },
    {
      name: ADMISSIONS,
      factory: (tuning?: HeldDossiersTuning) => admissionsProjection(testColumnCipher(), tuning),
      rows: 'candidates',
      indexes: ['by_decision'],
    },
  ])('rebuilding $name', ({ name, factory, rows, indexes }) => {
    let remove: () => Promise<void>;
    let store: SqliteEventStore;
    let pdb: ProjectionDatabase;
    let live: Record<string, unknown[]>;
    const building = async () => (await pdb.generations(name)).find((g) => g.status === 'building');
    const queryIndexes = async () => {
      const t = await pdb.tables(name);
      return (await indexNames(pdb.sql, t(rows))).map((i) => i.slice(t('').length));
    };

    beforeAll(async () => {
      ({ store, pdb, remove } = await tempLogAndProjections(`ketnap-${name}-rebuild-`, postgresUrl));
      live = await followedLive(
        store,
        pdb,
        factory(),
        async () => void (await writeSyntheticLog(store, { dossiers: 240, seed: 6 })),
      );
    }, 60_000);
    afterAll(() => remove());

    it('the live tables hold a row per dossier, and the query indexes', async () => {
      expect(live[rows]).toHaveLength(240);
      expect(live.replay).toEqual([]);
      expect(await queryIndexes()).toEqual(indexes);
    });

    it.each([
      ['everything in memory', {}],
      ['rows leaving memory (10 kept)', { cachedDossiers: 10 }],
      ['rows written after 300 events (replay window)', { replayWindow: 300 }],
    ])('gives the live tables, with %s', async (_, options) => {
      await rebuildProjections(store, pdb, [factory(options)], { batchSize: 211 });
      expect((await dumpActive(pdb, [name]))[name]).toEqual(live);
      expect(await queryIndexes()).toEqual(indexes);
    });

    it('stopped half-way with rows in memory only, resumes in a new process (memory lost) by applying the log again from the oldest', async () => {
      let pages = 0;
      await rebuildProjections(store, pdb, [factory({ cachedDossiers: 60 })], {
        batchSize: 300,
        stopped: () => (pages += 1) === 5,
      });
      const stoppedAt = (await building())!;
      expect(stoppedAt.position).toBe(1500);
      expect((await dumpGeneration(pdb, name, stoppedAt.generation)).replay).toHaveLength(1);

      await rebuildProjections(store, pdb, [factory({ cachedDossiers: 60 })], { batchSize: 300 });
      expect(await building()).toBeUndefined();
      expect((await pdb.active(name))!.generation).toBe(stoppedAt.generation);
      expect((await dumpActive(pdb, [name]))[name]).toEqual(live);
    });

    it('a replay window of 300 events bounds what a stopped rebuild reads again; resumed, it gives the live tables', async () => {
      let pages = 0;
      await rebuildProjections(store, pdb, [factory({ replayWindow: 300 })], {
        batchSize: 100,
        stopped: () => (pages += 1) === 20,
      });
      const stoppedAt = (await building())!;
      expect(stoppedAt.position).toBe(2000);
      const [{ after }] = (await dumpGeneration(pdb, name, stoppedAt.generation)).replay as Array<{ after: string }>;
      // Rows pending for 300 events are written at the end of the page that reaches the window.
      expect(Number(after)).toBeGreaterThanOrEqual(2000 - 300 - 100);
      await rebuildProjections(store, pdb, [factory({ replayWindow: 300 })], { batchSize: 100 });
      expect((await dumpActive(pdb, [name]))[name]).toEqual(live);
    });

    it('live, a page rolled back with another read model leaves the tables as they were, and the same page applies again', async () => {
      const projection = factory();
      const before = await dumpGeneration(pdb, name, (await pdb.active(name))!.generation);
      const row = (before[rows] as Array<{ dossier_id: string; version: number }>)[0];
      const head = await store.headPosition();
      const { withdrawal, generation, rollBack } = await withdrawalPage(
        store,
        pdb,
        projection,
        row.dossier_id,
        row.version,
        head + 1,
      );
      await expect(rollBack()).rejects.toThrow('constraint failed');
      expect(await dumpGeneration(pdb, name, generation)).toEqual(before);
      await pdb.applyPage(projection, generation, [withdrawal], String(head + 1));
      const after = ((await dumpGeneration(pdb, name, generation))[rows] as Array<{ dossier_id: string }>).find(
        (d) => d.dossier_id === row.dossier_id,
      );
      expect(after).toMatchObject({
        version: row.version + 1,
        ...(name === DOSSIER_LIST || name === PIPELINE ? { stage: 'withdrawn' } : {}),
      });
    });
  });
}

describe('on SQLite', () => heldDossiersSpecs());

describeWithService('postgres', 'on PostgreSQL', (url) => heldDossiersSpecs(url));
