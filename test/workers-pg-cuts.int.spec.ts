import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { calendar } from '@ketnap/domain/testing';
import { dossierIdOf, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { ConcurrencyError, PostgresEventStore, newMasterKeyText } from '@ketnap/event-store';
import { engineContext } from './support/engine-context';
import { startWorker, type MainProcess } from './support/app-process';
import { countByKey, removeDir, tempDir, wholeLog } from './support/saga-support';
import { describeWithService } from './support/services';
import { Observer, SAGA, expectReadModelsEqualRebuild, overdueObligations, until } from './support/workers';

/**
 * PostgreSQL cutting the app's connections (`pg_terminate_backend`, as an operator or a failover
 * does): a worker process (apps/worker) consumes the log, and a writer appends dossiers, while every
 * 25 ms one of their backends is terminated, in turn the writer's and the worker's, one in
 * the middle of a query when there is one.
 * The worker must live through it and its consumers resume from their checkpoints; a writer whose
 * append failed sends it again. In the end each dossier is in the log once, each breach and each
 * inspection case once, and every read model equals a fresh rebuild of it from the log.
 */

const MASTER_KEY = newMasterKeyText();
/** Dossiers are written until the cuts made appends fail this many times, and at least MIN_DOSSIERS (at most MAX_DOSSIERS). */
const FAILED_APPENDS = 3;
const MIN_DOSSIERS = 200;
const MAX_DOSSIERS = 3000;
const WRITERS = 8;
const CUT_EVERY_MS = 25;
const WRITTEN_AT = new Date('2024-05-02T02:00:00Z');
/** The worker's manual clock: every dossier's admission decision (due 2024-06-04) is late. */
const WORKER_START_AT = '2024-06-10T02:00:00Z';
/** The writer's and the test's own connections carry these names, so the cuts can tell them apart. */
const WRITER = 'ketnap-test-writer';
const OBSERVER = 'ketnap-test-observer';

const all = Array.from({ length: MAX_DOSSIERS }, (_, n) => dossierIdOf(n + 1, 19));

describeWithService('postgres', 'a worker and a writer on PostgreSQL', (postgresUrl) => {
  describe('with their connections cut again and again', () => {
    const database = `ketnap_cuts_${randomUUID().slice(0, 8)}`;
    const urlOf = (name: string, query = '') => {
      const u = new URL(postgresUrl);
      u.pathname = `/${name}`;
      u.search = query;
      return u.toString();
    };
    const databaseUrl = urlOf(database);
    const dir = tempDir();
    let worker: MainProcess | undefined;
    const cuts = { writer: 0, worker: 0 };
    let cutting = true;
    let admin: Client;
    /** The test's own connections to the database, never cut. */
    let db: Pool;
    /** The connection that cuts the others (to the server's default database). */
    let cutter: Pool;
    let store: PostgresEventStore;

    beforeAll(async () => {
      admin = new Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      db = new Pool({ connectionString: urlOf(database, `?application_name=${OBSERVER}`), max: 2 });
      db.on('error', () => undefined);
      cutter = new Pool({ connectionString: postgresUrl, max: 1 });
      cutter.on('error', () => undefined);
      store = new PostgresEventStore({ connectionString: urlOf(database, `?application_name=${WRITER}`) });
    });

    afterAll(async () => {
      cutting = false;
      await worker?.stop('SIGKILL');
      await store?.close();
      await db?.end();
      await cutter?.end();
      await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin?.end();
      removeDir(dir);
    }, 60_000);

    const env = (): Record<string, string> => ({
      KETNAP_DATA_DIR: dir,
      KETNAP_MASTER_KEY: MASTER_KEY,
      KETNAP_EVENT_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      KETNAP_CLOCK: 'manual',
      KETNAP_START_AT: WORKER_START_AT,
      KETNAP_LOG_FORMAT: 'json',
    });

    /**
     * Terminates one backend of the writer's or of the worker's, one in the middle of a query when there
     * is one, from a connection outside the test database. True when there was one to cut.
     */
    const cut = async (whose: 'writer' | 'worker'): Promise<boolean> => {
      const { rows } = await cutter.query(
        `WITH victim AS MATERIALIZED (
           SELECT pid FROM pg_stat_activity
            WHERE datname = $1 AND application_name <> $3 AND (application_name = $2) = $4
            ORDER BY state = 'active' DESC, random() LIMIT 1
         )
         SELECT pid FROM victim WHERE pg_terminate_backend(pid)`,
        [database, WRITER, OBSERVER, whose === 'writer'],
      );
      return rows.length > 0;
    };

    it('lives through the cuts: every dossier, breach and case once, read models equal to a rebuild', async () => {
      worker = await startWorker(env());
      const running = worker;
      const observer = new Observer(db);
      /** Fails at once when the worker ended, naming how and what it said last. */
      const alive = () => {
        const { exitCode, signalCode } = running.child;
        if (exitCode !== null || signalCode !== null)
          throw new Error(`the worker ended (${exitCode ?? signalCode}):\n${running.output().slice(-3000)}`);
      };

      const cutting$ = (async () => {
        for (let round = 0; cutting; round += 1) {
          const whose = round % 2 === 0 ? 'writer' : 'worker';
          if (await cut(whose)) cuts[whose] += 1;
          await new Promise((resolve) => setTimeout(resolve, CUT_EVERY_MS));
        }
      })();

      // The writers: an append that failed is sent again; one that finds its stream there had landed before its connection was cut.
      let failedAppends = 0;
      let next = 0;
      const ids: string[] = [];
      const write = async () => {
        for (let n = next++; n < MAX_DOSSIERS && (n < MIN_DOSSIERS || failedAppends < FAILED_APPENDS); n = next++)
          for (;;) {
            try {
              await writeDossier(store, calendar, all[n], stepsThrough('RecordCommitteeResolution'), WRITTEN_AT);
              ids.push(all[n]);
              break;
            } catch (error) {
              if (error instanceof ConcurrencyError) {
                ids.push(all[n]);
                break;
              }
              failedAppends += 1;
            }
          }
      };
      await Promise.all(Array.from({ length: WRITERS }, write));

      // The worker reads and appends its breaches under the cuts for a while longer, then they stop.
      await until('the worker to breach under the cuts', async () => {
        alive();
        const positions = await observer.positions();
        return (positions.get(SAGA) ?? 0) > 0 && cuts.worker > 0 ? true : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      cutting = false;
      await cutting$;
      alive();
      expect(cuts.writer).toBeGreaterThan(0);
      expect(failedAppends).toBeGreaterThanOrEqual(FAILED_APPENDS);
      const overdue = overdueObligations(await wholeLog(store), new Date(WORKER_START_AT));
      expect(new Set([...overdue].map((key) => key.slice(0, 36)))).toEqual(new Set(ids));

      // The worker's consumers resume and reach the head, every due breach and case appended.
      const engine = await engineContext(env());
      const projections = engine.projections;
      await engine.close();
      const consumers = [SAGA, ...projections.map((p) => `projection:${p.name}`)];
      await until('the worker to reach the head with every breach and case', async () => {
        alive();
        const head = await store.headPosition();
        const positions = await observer.positions();
        if (!consumers.every((c) => positions.get(c) === head)) return undefined;
        const cases = await db.query<{ n: string }>(
          "SELECT COUNT(*) AS n FROM ketnap.events WHERE type = 'InspectionCaseOpened'",
        );
        return Number(cases.rows[0].n) >= overdue.size ? true : undefined;
      });
      const head = await store.headPosition();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await store.headPosition()).toBe(head);
      alive();
      expect(await worker.stop()).toBe(0);

      const log = await wholeLog(store);
      const nominations = log.filter((e) => e.type === 'CandidateNominated').map((e) => e.streamId);
      expect(nominations.sort()).toEqual(ids.map((id) => `dossier-${id}`).sort());
      const once = new Map([...overdue].map((key) => [key, 1]));
      expect(countByKey(log, 'DeadlineBreached')).toEqual(once);
      expect(countByKey(log, 'InspectionCaseOpened')).toEqual(once);

      const liveRows = await expectReadModelsEqualRebuild(store, databaseUrl, projections);
      expect(liveRows['inspection-cases'].cases).toHaveLength(once.size);

      process.stdout.write(
        `pg cuts: ${ids.length} dossiers by ${WRITERS} writers, ${failedAppends} append(s) sent again; ` +
          `one backend cut every ${CUT_EVERY_MS} ms: ${cuts.writer} of the writer's, ${cuts.worker} of the worker's; head ${head}\n`,
      );
    }, 240_000);
  });
});
